// The store (--db): keyed by content, idempotent, a changed file replaces its
// earlier version, values keep their provenance, export gives extract's CSVs.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runExport } from '../src/cli/export.js';
import { sha256 } from '../src/pipeline.js';
import { openDb } from '../src/store/sqlite.js';
import { counts, dump, extractInto, fixture, tempDir } from './store-helpers.js';

const FILES = [
  ...['shili-danganguan-2022.html', 'shili-danganguan-2023.html', 'shili-danganguan-2023-reissued.html'].map((f) => fixture(`cross-year/${f}`)),
  fixture('html/shanghai-bangongting-2019.html'),
  fixture('text/xiuzhou-gongxiaoshe-2020.txt'),
];

/** A folder holding copies of FILES: the runs below extract the folder, as a nightly job would. */
function corpusFolder(dir: string): string {
  const folder = join(dir, 'corpus');
  mkdirSync(folder);
  for (const f of FILES) copyFileSync(f, join(folder, basename(f)));
  return folder;
}

describe('store (--db)', function () {
  this.timeout(120000);
  const dir = tempDir();
  const db = join(dir, 'store.db');
  const out = join(dir, 'out');
  const INPUTS = [corpusFolder(dir)];
  let first: Record<string, number>;
  let firstDump: string;

  before(async () => {
    assert.equal(await extractInto(INPUTS, out, db), 0);
    const s = openDb(db);
    first = counts(s);
    firstDump = dump(s);
    s.close();
  });

  it('holds one document per input, its values and its findings', () => {
    // 3 cross-year fixtures + shanghai 2019 + xiuzhou 2020
    assert.equal(first.documents, 5);
    assert.equal(first.sources, 5);
    // every field of the detected template is a row, blank ones included (2019: 161 in table 三 alone)
    const s = openDb(db);
    const perDoc = s.prepare('SELECT d.sha256, count(v.field) AS n, (SELECT count(*) FROM findings f WHERE f.sha256 = d.sha256) AS f FROM documents d LEFT JOIN field_values v USING (sha256) GROUP BY d.sha256').all();
    s.close();
    for (const r of perDoc) assert.ok(Number(r.n) > 150, `document ${r.sha256} has ${r.n} values`);
    assert.ok(first.findings! > 0);
  });

  it('running the same folder again leaves every table row for row as it was', async () => {
    assert.equal(await extractInto(INPUTS, out, db), 0);
    // and once more with --force, so every report is re-extracted rather than skipped
    assert.equal(await extractInto(INPUTS, out, db, ['--force']), 0);
    const s = openDb(db);
    assert.deepEqual(counts(s), first);
    assert.equal(dump(s), firstDump);
    s.close();
  });

  it('keeps each value with its provenance (shanghai 2019: 本年新收 总计 859)', () => {
    const s = openDb(db);
    const sha = sha256(readFileSync(fixture('html/shanghai-bangongting-2019.html')));
    const v = s.prepare(`SELECT * FROM field_values WHERE sha256 = ? AND field = 'apps.new.total'`).get(sha)!;
    const blank = s.prepare(`SELECT * FROM field_values WHERE sha256 = ? AND field = 'apps.new.research'`).get(sha)!;
    s.close();
    const json = JSON.parse(readFileSync(join(out, 'reports', readdirSync(join(out, 'reports')).find((f) => f.startsWith('shanghai-bangongting-2019'))!), 'utf8'));
    assert.equal(v.value, 859);
    assert.equal(v.raw, '859');
    assert.deepEqual([v.table_index, v.row_index, v.col_index], [json.provenance['apps.new.total'].table, json.provenance['apps.new.total'].row, json.provenance['apps.new.total'].col]);
    // the 科研机构 cell is blank (&nbsp;) in the page: null, never 0
    assert.equal(blank.value, null);
    assert.equal(blank.kind, 'blank');
  });

  it('export writes the CSVs extract wrote, byte for byte', async () => {
    const again = join(dir, 'export');
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      assert.equal(await runExport(['--db', db, '--out', again]), 0);
    } finally {
      process.stderr.write = write;
    }
    for (const f of ['reports.csv', 'values.csv', 'findings.csv']) {
      const a = readFileSync(join(out, f));
      assert.ok(a.length > 1000, `${f} has content`);
      assert.ok(a.equals(readFileSync(join(again, f))), `${f} differs`);
    }
  });
});

describe('store: a changed file', function () {
  this.timeout(120000);

  it('replaces its earlier version (same source path, new content hash)', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.db');
    const input = join(dir, 'in', 'report.html');
    mkdirSync(join(dir, 'in'));
    copyFileSync(fixture('cross-year/shili-danganguan-2023.html'), input);
    const oldSha = sha256(readFileSync(input));
    assert.equal(await extractInto([input], join(dir, 'out'), db), 0);
    const before = (() => {
      const s = openDb(db);
      const c = counts(s);
      s.close();
      return c;
    })();
    copyFileSync(fixture('cross-year/shili-danganguan-2023-reissued.html'), input);
    const newSha = sha256(readFileSync(input));
    assert.notEqual(oldSha, newSha);
    assert.equal(await extractInto([input], join(dir, 'out'), db), 0);
    const s = openDb(db);
    assert.deepEqual(s.prepare('SELECT path, sha256 FROM sources').all(), [{ path: input, sha256: newSha }]);
    assert.deepEqual(s.prepare('SELECT sha256 FROM documents').all(), [{ sha256: newSha }]);
    assert.equal(s.prepare('SELECT count(*) AS n FROM field_values WHERE sha256 = ?').get(oldSha)!.n, 0);
    assert.equal(s.prepare('SELECT count(*) AS n FROM findings WHERE sha256 = ?').get(oldSha)!.n, 0);
    // the new version's numbers: 本年新收 总计 4 (the old one said 5)
    assert.equal(s.prepare(`SELECT value FROM field_values WHERE sha256 = ? AND field = 'apps.new.total'`).get(newSha)!.value, 4);
    assert.equal(counts(s).field_values, before.field_values);
    s.close();
  });
});
