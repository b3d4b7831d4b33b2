// `gkreport extract` as a user runs it: the compiled command line spawned on
// the fixtures (build first: tests run after `npm run build`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../src/types.js';

const BIN = fileURLToPath(new URL('../../bin/gkreport.js', import.meta.url));
const fx = (rel: string) => fileURLToPath(new URL(`../../fixtures/${rel}`, import.meta.url));

function gk(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A CSV written by gkreport as rows of cells: BOM checked and removed; no cell of these fixtures holds a comma, quote or newline. */
function csv(path: string): Array<Record<string, string>> {
  const text = readFileSync(path, 'utf8');
  assert.equal(text.charCodeAt(0), 0xfeff, `${path} starts with a byte-order mark`);
  const [head, ...rows] = text.slice(1).trimEnd().split('\n');
  const cols = head!.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
}

describe('cli: gkreport extract', function () {
  this.timeout(180000);
  const dirs: string[] = [];
  const out = () => {
    const d = mkdtempSync(join(tmpdir(), 'gkreport-cli-'));
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  describe('a batch of good reports', () => {
    const inputs = [fx('text/xiuzhou-gongxiaoshe-2020.txt'), fx('html/shanghai-bangongting-2019.html'), fx('html/shanghai-2019-gbk.html'), fx('html/huaian-shi-2024-template2021.html')];
    let dir: string;
    let run: ReturnType<typeof gk>;
    before(() => {
      dir = out();
      run = gk(['extract', ...inputs, '--out', dir]);
    });

    it('exits 0, prints nothing on stdout, progress and a summary on stderr', () => {
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /4 input\(s\): 4 ok, 0 partial, 0 failed/);
    });

    it('writes one report JSON per input with the reference values of corpus/README.md', () => {
      const files = readdirSync(join(dir, 'reports')).filter((f) => f.endsWith('.json'));
      assert.equal(files.length, 4);
      const reports = files.map((f) => JSON.parse(readFileSync(join(dir, 'reports', f), 'utf8')) as Report);
      const xiuzhou = reports.find((r) => r.source.path.endsWith('xiuzhou-gongxiaoshe-2020.txt'))!;
      assert.equal(xiuzhou.schema, 'gkreport.report/1');
      assert.deepEqual([xiuzhou.source.format, xiuzhou.status, xiuzhou.meta.agency, xiuzhou.meta.year, xiuzhou.meta.format_version], ['text', 'ok', '秀洲区供销合作总社', 2020, '2019']);
      assert.equal(xiuzhou.fields['active.procurement.amount_yuan'], 11000);
      assert.equal(xiuzhou.fields['apps.new.natural'], 0);
      assert.equal(xiuzhou.fields['apps.new.commercial'], null);
      assert.equal(xiuzhou.fields['apps.other.total'], null);
      const shanghai = reports.filter((r) => r.meta.agency === '上海市人民政府办公厅');
      assert.equal(shanghai.length, 2, 'UTF-8 and GBK copies');
      for (const r of shanghai) {
        assert.deepEqual(
          ['apps.new.total', 'apps.carried_in.total', 'apps.result_total.total', 'apps.carried_out.total', 'apps.new.natural', 'apps.granted.total'].map((k) => r.fields[k]),
          [859, 18, 805, 72, 821, null],
        );
        assert.equal(r.findings.filter((f) => f.severity === 'error').length, 0);
      }
    });

    it('reports.csv: one row per input, with status, version and field columns', () => {
      const rows = csv(join(dir, 'reports.csv'));
      assert.equal(rows.length, 4);
      const huaian = rows.find((r) => r.source_path!.endsWith('huaian-shi-2024-template2021.html'))!;
      assert.deepEqual([huaian.format, huaian.status, huaian.agency, huaian.year, huaian.format_version, huaian.errors, huaian.warnings], ['html', 'ok', '淮安市人民政府', '2024', '2021', '0', '0']);
      assert.equal(huaian['apps.new.total'], '3119');
      assert.equal(huaian['active.fees.amount_10k_yuan'], '96171.6');
      const xiuzhou = rows.find((r) => r.source_path!.endsWith('xiuzhou-gongxiaoshe-2020.txt'))!;
      assert.equal(xiuzhou['apps.new.commercial'], '', 'a blank stays an empty cell, never 0');
    });

    it('values.csv: one row per value with its raw text and place', () => {
      const rows = csv(join(dir, 'values.csv'));
      const amount = rows.filter((r) => r.field === 'active.procurement.amount_yuan' && r.agency === '秀洲区供销合作总社');
      assert.equal(amount.length, 1);
      assert.equal(amount[0]!.value, '11000');
      assert.equal(amount[0]!.raw, '11000元');
      assert.ok(amount[0]!.row !== '' && amount[0]!.col !== '');
    });

    it('findings.csv: Shanghai\'s blank 总计 cells are info, not errors', () => {
      const rows = csv(join(dir, 'findings.csv'));
      const sh = rows.filter((r) => r.agency === '上海市人民政府办公厅');
      assert.ok(sh.some((r) => r.rule === 'apps.row_total' && r.severity === 'info'));
      assert.equal(sh.filter((r) => r.severity === 'error').length, 0);
    });
  });

  it('a page that is no annual report: status failed with table.missing, exit 1', () => {
    const dir = out();
    const r = gk(['extract', fx('html/not-a-report-news-page.html'), fx('text/xiuzhou-gongxiaoshe-2020.txt'), '--out', dir]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /1 ok, 0 partial, 1 failed/);
    const rows = csv(join(dir, 'reports.csv'));
    assert.deepEqual(rows.map((x) => [x.source_path!.split('/').pop(), x.status]).sort(), [
      ['not-a-report-news-page.html', 'failed'],
      ['xiuzhou-gongxiaoshe-2020.txt', 'ok'],
    ]);
    const missing = csv(join(dir, 'findings.csv')).filter((x) => x.source_path!.endsWith('not-a-report-news-page.html') && x.rule === 'table.missing');
    assert.equal(missing.length, 3);
  });

  it('an input that does not exist fails alone (exit 1), the others are written', () => {
    const dir = out();
    const r = gk(['extract', fx('text/xiuzhou-gongxiaoshe-2020.txt'), join(dir, 'no-such-file.html'), '--out', dir]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(csv(join(dir, 'reports.csv')).length, 2);
  });

  describe('bad usage exits 2 with the usage on stderr', () => {
    const cases: Array<[string, string[]]> = [
      ['no command', []],
      ['an unknown command', ['frobnicate']],
      ['extract without inputs', ['extract']],
      ['an unknown option', ['extract', 'x.html', '--no-such-option']],
      ['--out without a value', ['extract', 'x.html', '--out']],
      ['a bad --timeout', ['extract', 'x.html', '--timeout', 'soon']],
    ];
    for (const [why, args] of cases) {
      it(why, () => {
        const r = gk(args);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /Usage/);
        assert.equal(r.stdout, '');
      });
    }
  });

  it('--help prints the usage on stdout and exits 0', () => {
    for (const args of [['--help'], ['extract', '--help']]) {
      const r = gk(args);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /gkreport extract/);
    }
  });
});
