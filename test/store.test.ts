// The store (--db): keyed by content, idempotent, a changed file replaces its
// earlier version, values keep their provenance, export gives extract's CSVs.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { runExport } from '../src/cli/export.js';
import { sha256 } from '../src/pipeline.js';
import { sql } from 'kysely';
import { openStore } from '../src/store/db.js';
import { counts, dump, ENGINES, extractInto, fixture, quietly, tempDir, withStore } from './store-helpers.js';

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

const dumps: Record<string, string> = {};

for (const { engine, target } of ENGINES) {
describe(`store (--db, ${engine})`, function () {
  this.timeout(120000);
  const dir = tempDir();
  let db: string;
  const out = join(dir, 'out');
  const INPUTS = [corpusFolder(dir)];
  let first: Record<string, number>;
  let firstDump: string;

  before(async () => {
    db = await target(dir);
    assert.equal(await extractInto(INPUTS, out, db), 0);
    await withStore(db, async (s) => {
      first = await counts(s);
      firstDump = await dump(s);
    });
    dumps[engine] = firstDump.replaceAll(dir, '<dir>');
  });

  it('holds one document per input, its values and its findings', async () => {
    // 3 cross-year fixtures + shanghai 2019 + xiuzhou 2020
    assert.equal(first.documents, 5);
    assert.equal(first.sources, 5);
    // every field of the detected template is a row, blank ones included (2019: 161 in table 三 alone)
    const perDoc = await withStore(db, async (s) =>
      (await sql<{ sha256: string; n: number }>`SELECT d.sha256, count(v.field) AS n FROM documents d LEFT JOIN field_values v USING (sha256) GROUP BY d.sha256`.execute(s.db)).rows,
    );
    assert.equal(perDoc.length, 5);
    for (const r of perDoc) assert.ok(Number(r.n) > 150, `document ${r.sha256} has ${r.n} values`);
    assert.ok(first.findings! > 0);
  });

  it('running the same folder again leaves every table row for row as it was', async () => {
    assert.equal(await extractInto(INPUTS, out, db), 0);
    // and once more with --force, so every report is re-extracted rather than skipped
    assert.equal(await extractInto(INPUTS, out, db, ['--force']), 0);
    await withStore(db, async (s) => {
      assert.deepEqual(await counts(s), first);
      assert.equal(await dump(s), firstDump);
    });
  });

  it('keeps each value with its provenance (shanghai 2019: 本年新收 总计 859)', async () => {
    const sha = sha256(readFileSync(fixture('html/shanghai-bangongting-2019.html')));
    const [v, blank] = await withStore(db, async (s) => {
      const q = (field: string) => s.db.selectFrom('field_values').selectAll().where('sha256', '=', sha).where('field', '=', field).executeTakeFirstOrThrow();
      return [await q('apps.new.total'), await q('apps.new.research')];
    });
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
    assert.equal(await quietly(() => runExport(['--db', db, '--out', again])), 0);
    for (const f of ['reports.csv', 'values.csv', 'findings.csv']) {
      const a = readFileSync(join(out, f));
      assert.ok(a.length > 1000, `${f} has content`);
      assert.ok(a.equals(readFileSync(join(again, f))), `${f} differs`);
    }
  });
});

describe(`store: a changed file (${engine})`, function () {
  this.timeout(120000);

  it('replaces its earlier version (same source path, new content hash)', async () => {
    const dir = tempDir();
    const db = await target(dir);
    const input = join(dir, 'in', 'report.html');
    mkdirSync(join(dir, 'in'));
    copyFileSync(fixture('cross-year/shili-danganguan-2023.html'), input);
    const oldSha = sha256(readFileSync(input));
    assert.equal(await extractInto([input], join(dir, 'out'), db), 0);
    const before = await withStore(db, counts);
    copyFileSync(fixture('cross-year/shili-danganguan-2023-reissued.html'), input);
    const newSha = sha256(readFileSync(input));
    assert.notEqual(oldSha, newSha);
    assert.equal(await extractInto([input], join(dir, 'out'), db), 0);
    await withStore(db, async (s) => {
      const n = async (t: 'field_values' | 'findings', sha: string) => Number((await s.db.selectFrom(t).select((e) => e.fn.countAll().as('n')).where('sha256', '=', sha).executeTakeFirstOrThrow()).n);
      assert.deepEqual(await s.db.selectFrom('sources').select(['path', 'sha256']).execute(), [{ path: input, sha256: newSha }]);
      assert.deepEqual(await s.db.selectFrom('documents').select('sha256').execute(), [{ sha256: newSha }]);
      assert.equal(await n('field_values', oldSha), 0);
      assert.equal(await n('findings', oldSha), 0);
      // the new version's numbers: 本年新收 总计 4 (the old one said 5)
      assert.equal((await s.db.selectFrom('field_values').select('value').where('sha256', '=', newSha).where('field', '=', 'apps.new.total').executeTakeFirstOrThrow()).value, 4);
      assert.equal((await counts(s)).field_values, before.field_values);
    });
  });
});
}

describe('store: both engines', function () {
  it('hold the same rows, value for value, after the same run', () => {
    assert.ok(dumps.sqlite && dumps.postgres, 'both engine runs happened');
    assert.equal(dumps.postgres, dumps.sqlite);
  });
});

describe('store: a store of gkreport 0.1 (SQLite, no migration history)', function () {
  this.timeout(120000);

  it('is adopted and migrated: its rows stay, the new columns are added, a run goes on into it', async () => {
    const dir = tempDir();
    const db = join(dir, 'old.db');
    const BetterSqlite = createRequire(import.meta.url)('better-sqlite3');
    const old = new BetterSqlite(db);
    old.exec(readFileSync(fixture('store/schema-0.1.sql'), 'utf8'));
    old.prepare(`INSERT INTO documents VALUES ('a', 'html', 10, 'ok', '示例县档案馆', '示例县档案馆', 2022, NULL, '2021', 1, 1, 1, 'html', '1', 'x')`).run();
    old.prepare(`INSERT INTO sources VALUES ('old/a.html', 'a')`).run();
    old.prepare(`INSERT INTO findings (sha256, seq, rule, severity, fields, expected, actual, message) VALUES ('a', 0, 'apps.balance', 'error', 'apps.new.total', 5, '5', 'm')`).run();
    old.pragma('user_version = 1');
    old.close();
    const s = await openStore(db);
    try {
      const cols = (await s.db.introspection.getTables()).find((t) => t.name === 'documents')!.columns.map((c) => c.name);
      assert.ok(cols.includes('url') && cols.includes('etag') && cols.includes('last_modified'));
      assert.deepEqual(await s.db.selectFrom('sources').selectAll().execute(), [{ path: 'old/a.html', sha256: 'a' }]);
      // expected and actual keep their types: 5 the number, "5" the string
      assert.deepEqual(await s.db.selectFrom('findings').select(['expected', 'actual']).execute(), [{ expected: 5, actual: '5' }]);
      assert.deepEqual((await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(s.db)).rows.map((r) => r.name), ['001-initial', '002-provenance-source', '003-queue-inputs', '100-regions', '101-corrections', '102-failed-urls']);
    } finally {
      await s.close();
    }
    assert.equal(await extractInto([fixture('cross-year/shili-danganguan-2022.html')], join(dir, 'out'), db), 0);
    await withStore(db, async (s) => assert.equal((await counts(s)).sources, 2));
  });
});
