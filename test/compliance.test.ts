// gkreport compliance: one row per agency-year and one per agency, from a store.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseString } from 'fast-csv';
import { afterRun } from '../src/cli/after-run.js';
import { runCompliance } from '../src/cli/compliance.js';
import { writeFileAtomic } from '../src/output/atomic.js';
import { extractReport, sha256 } from '../src/pipeline.js';
import { ENGINES, fixture, tempDir, withStore } from './store-helpers.js';

async function readCsv(path: string): Promise<{ bom: boolean; rows: Array<Record<string, string>> }> {
  const text = readFileSync(path, 'utf8');
  const rows: Array<Record<string, string>> = [];
  await new Promise<void>((resolve, reject) =>
    parseString(text.replace(/^\uFEFF/, ''), { headers: true })
      .on('data', (r: Record<string, string>) => rows.push(r))
      .on('end', () => resolve())
      .on('error', reject),
  );
  return { bom: text.startsWith('\uFEFF'), rows };
}

async function quietly(fn: () => Promise<number>): Promise<number> {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await fn();
  } finally {
    process.stderr.write = write;
  }
}

for (const { engine, target } of ENGINES) {
describe(`gkreport compliance (${engine})`, function () {
  this.timeout(120000);
  const dir = tempDir();
  let db: string;
  const inputs = ['cross-year/shili-danganguan-2022.html', 'cross-year/shili-danganguan-2023.html', 'cross-year/shili-danganguan-2023-reissued.html', 'html/shanghai-bangongting-2019.html', 'text/xiuzhou-gongxiaoshe-2020.txt'].map(fixture);
  let sheet: Awaited<ReturnType<typeof readCsv>>;
  let agencies: Awaited<ReturnType<typeof readCsv>>;

  before(async () => {
    db = await target(dir);
    const jsons: string[] = [];
    for (const [i, p] of inputs.entries()) {
      jsons.push(join(dir, 'reports', `${i}.json`));
      await writeFileAtomic(jsons[i]!, JSON.stringify(await extractReport(p)));
    }
    await quietly(async () => (await afterRun({ db, out: dir }, jsons), 0));
    assert.equal(await quietly(() => runCompliance(['--db', db, '--out', join(dir, 'c')])), 0);
    sheet = await readCsv(join(dir, 'c', 'compliance.csv'));
    agencies = await readCsv(join(dir, 'c', 'agencies.csv'));
  });

  it('writes UTF-8 with a byte-order mark, one row per agency-year', () => {
    assert.ok(sheet.bom && agencies.bom);
    // two documents for 示例县档案馆 2023 make one row
    assert.deepEqual(sheet.rows.map((r) => [r.agency, r.year]), [
      ['上海市人民政府办公厅', '2019'],
      ['示例县档案馆', '2022'],
      ['示例县档案馆', '2023'],
      ['秀洲区供销合作总社', '2020'],
    ]);
  });

  it('gives status, tables found, template version, counts per rule, and whether table 三 balances', () => {
    const sh = sheet.rows[0]!;
    assert.equal(sh.sha256, sha256(readFileSync(inputs[3]!)));
    assert.deepEqual([sh.status, sh['table_二'], sh['table_三'], sh['table_四'], sh.format_version], ['ok', 'yes', 'yes', 'yes', '2019']);
    // the two "均获维持" warnings; 总计 column 859 + 18 = 805 + 72
    assert.equal(sh['text.mismatch'], '2');
    assert.equal(sh.apps_balances, 'yes');
    assert.equal(sh['apps.balance'], '0');
    const y2023 = sheet.rows[2]!;
    assert.equal(y2023.documents, '2');
    assert.equal(y2023['cross_year.duplicate'], '1');
    assert.ok(y2023.other_sha256!.length === 64);
    // xiuzhou: 法人 columns blank, the 总计 column 0 + 0 = 0 + 0
    assert.equal(sheet.rows[3]!.apps_balances, 'yes');
  });

  it('agencies.csv: years present and years missing between the first and the last', async () => {
    assert.deepEqual(agencies.rows.find((r) => r.agency_key === '示例县档案馆'), {
      agency_key: '示例县档案馆', agency: '示例县档案馆', names: '示例县档案馆', first_year: '2022', last_year: '2023', years_present: '2022 2023', years_missing: '', documents: '3',
    });
    // a body with 2019, 2021 and 2024 in the store misses 2020, 2022 and 2023; a name a spreadsheet would run is neutralised
    const other = await target(dir);
    await withStore(other, async (s) => {
      for (const [sha, year] of [['a', 2019], ['b', 2021], ['c', 2024]] as const) {
        const name = '=HYPERLINK("x")局';
        await s.db.insertInto('documents').values({
          sha256: sha, format: 'html', bytes: 1, status: 'ok', agency: name, agency_key: name, year, title: null, format_version: '2021',
          table_active: 1, table_apps: 1, table_review: 1, extractor_name: 'html', extractor_version: '1', content_digest: 'x', url: null, etag: null, last_modified: null,
        }).execute();
        await s.db.insertInto('sources').values({ path: `${sha}.html`, sha256: sha }).execute();
      }
    });
    assert.equal(await quietly(() => runCompliance(['--db', other, '--out', join(dir, 'g')])), 0);
    const g = await readCsv(join(dir, 'g', 'agencies.csv'));
    assert.equal(g.rows.length, 1);
    assert.equal(g.rows[0]!.years_present, '2019 2021 2024');
    assert.equal(g.rows[0]!.years_missing, '2020 2022 2023');
    assert.equal(g.rows[0]!.agency, `'=HYPERLINK("x")局`);
    // table 三 found but no value stored: nothing to add up
    assert.deepEqual((await readCsv(join(dir, 'g', 'compliance.csv'))).rows.map((r) => r.apps_balances), ['unknown', 'unknown', 'unknown']);
  });

  it('refuses to run without --db (exit 2) or on a missing or unreachable store (exit 1)', async () => {
    assert.equal(await quietly(() => runCompliance(['--out', dir])), 2);
    assert.equal(await quietly(() => runCompliance(['--db', join(dir, 'none.db')])), 1);
    // a PostgreSQL nobody listens on: said, not a crash
    assert.equal(await quietly(() => runCompliance(['--db', 'postgres://gk@127.0.0.1:9/none'])), 1);
  });
});
}
