// Hostile inputs in one batch with good reports (issue 6, item 5): every bad
// file ends as a failed report with a finding, the batch completes within its
// limits, the exit status is 1, and the good reports come out with their
// reference values, whatever their file names.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Report } from '../src/types.js';
import { fixture, lyingZipBomb, nestedHtml, readCsv, removeTempDirs, runCli, tempDir, type CliRun } from './bulk-helpers.js';

const WEIRD = '=报告 one\nname.txt';
const expected = (rel: string) => JSON.parse(readFileSync(fixture(rel), 'utf8')) as { fields: Record<string, number | null>; status: string };

const BAD = ['empty.pdf', 'garbage.pdf', 'pagetree-loop.pdf', 'xref-loop.pdf', 'truncated.pdf', 'bomb-300mib.docx', 'bomb-lying-1gib.docx', 'nested-10mb.html'];

describe('hostile inputs in one batch with good reports', function () {
  this.timeout(240_000);
  let dir: string;
  let out: string;
  let run: CliRun;
  const reports = new Map<string, Report>();

  before(async () => {
    dir = tempDir('hostile');
    for (const f of ['empty.pdf', 'garbage.pdf', 'pagetree-loop.pdf', 'xref-loop.pdf']) copyFileSync(fixture(`hostile/${f}`), join(dir, f));
    copyFileSync(fixture('pdf/report-2021-sample.truncated.pdf'), join(dir, 'truncated.pdf'));
    copyFileSync(fixture('docx/bad/bomb.docx'), join(dir, 'bomb-300mib.docx'));
    writeFileSync(join(dir, 'bomb-lying-1gib.docx'), lyingZipBomb(1024));
    writeFileSync(join(dir, 'nested-10mb.html'), nestedHtml(10));
    // A directory link back to its parent.
    mkdirSync(join(dir, 'loop'));
    symlinkSync('..', join(dir, 'loop', 'up'));

    const html = readFileSync(fixture('html/shanghai-bangongting-2019.html'), 'utf8');
    // GBK bytes under a UTF-8 declaration.
    writeFileSync(join(dir, 'gbk-says-utf8.html'), iconv.encode(`<meta charset="utf-8">\n${html}`, 'gbk'));
    // An absurd span in a note table after the report's tables.
    writeFileSync(join(dir, 'rowspan-100000.html'), `${html}<table><tr><td rowspan="100000">注</td><td>说明</td></tr></table>`);
    copyFileSync(fixture('text/xiuzhou-gongxiaoshe-2020.txt'), join(dir, WEIRD));
    copyFileSync(fixture('pdf/real/hongze-qu-2024.pdf'), join(dir, 'hongze-qu-2024.pdf'));

    out = tempDir('hostile-out');
    // Relative inputs, so the weird name starts its source_path cell with "=".
    run = await runCli(['extract', '.', '--out', out, '--timeout', '15', '--jobs', '2', '--quiet'], dir);
    for (const f of readdirSync(join(out, 'reports'))) {
      const r = JSON.parse(readFileSync(join(out, 'reports', f), 'utf8')) as Report;
      reports.set(r.source.path.replace(/^\.\//, ''), r);
    }
  });
  after(removeTempDirs);

  it('completes with exit status 1 and a report for every input', () => {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(reports.size, BAD.length + 1 + 4, [...reports.keys()].join(', '));
  });

  for (const name of BAD) {
    it(`${name}: failed, with an error finding that says why`, () => {
      const r = reports.get(name);
      assert.ok(r, name);
      assert.equal(r.status, 'failed');
      const errors = r.findings.filter((f) => f.severity === 'error');
      assert.ok(errors.length > 0);
      assert.ok(errors.every((f) => f.message.length > 10));
    });
  }

  it('the ZIP bombs and the 10 MB nested page are stopped by a limit, and say which', () => {
    assert.match(reports.get('bomb-300mib.docx')!.findings[0]!.message, /ZIP bomb/);
    assert.match(reports.get('bomb-lying-1gib.docx')!.findings[0]!.message, /ZIP bomb|memory|time limit/);
    assert.match(reports.get('nested-10mb.html')!.findings.map((f) => f.message).join(' '), /time limit|nested|not found/);
  });

  it('the directory link loop: a failed report naming the loop', () => {
    const r = reports.get('loop/up');
    assert.ok(r);
    assert.equal(r.status, 'failed');
    assert.match(r.findings[0]!.message, /symbolic link loop/);
  });

  it('good reports are ok with their reference values, whatever else is in the batch', () => {
    const html = expected('html/shanghai-bangongting-2019.expected.json');
    for (const name of ['gbk-says-utf8.html', 'rowspan-100000.html']) {
      const r = reports.get(name)!;
      assert.equal(r.status, 'ok', name);
      assert.deepEqual(r.fields, html.fields, name);
    }
    const r = reports.get(WEIRD)!;
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.fields, expected('text/xiuzhou-gongxiaoshe-2020.expected.json').fields);
    assert.equal(reports.get('hongze-qu-2024.pdf')!.status, 'ok');
  });

  it('a GBK page that declares UTF-8 is read as GBK, with a warning', () => {
    const f = reports.get('gbk-says-utf8.html')!.findings.find((x) => x.rule === 'encoding.mismatch');
    assert.equal(f?.severity, 'warning');
  });

  it('rowspan="100000" is clamped, with a warning', () => {
    assert.ok(reports.get('rowspan-100000.html')!.findings.some((x) => x.rule === 'extract.span_clamped' && x.severity === 'warning'));
  });

  it('the CSVs hold every input once, and no cell a spreadsheet would run as a formula', async () => {
    const rows = await readCsv(join(out, 'reports.csv'));
    assert.equal(rows.length - 1, reports.size);
    const weird = rows.filter((row) => row[0]!.includes('报告 one'));
    assert.deepEqual(
      weird.map((row) => row[0]),
      [`'${WEIRD}`],
    );
    for (const file of ['reports.csv', 'values.csv', 'findings.csv']) {
      for (const row of await readCsv(join(out, file))) {
        for (const cell of row) assert.ok(!/^[=+\-@\t\r|]/.test(cell) || /^[+-]?\d+(\.\d+)?$/.test(cell), `${file}: ${JSON.stringify(cell)}`);
      }
    }
    const values = await readCsv(join(out, 'values.csv'));
    const head = values[0]!;
    const weirdValues = values.filter((v) => v[head.indexOf('source_path')] === `'${WEIRD}`);
    assert.equal(weirdValues.length, Object.keys(reports.get(WEIRD)!.fields).length);
  });
});
