// agency_key: one body's names across years give one key; different bodies never share one.
import { strict as assert } from 'node:assert';
import { agencyKey } from '../src/store/agency-key.js';

describe('agency_key', () => {
  const same: Array<[string, string]> = [
    // what meta.agency holds for the corpus documents, and the variants of it seen in titles
    ['上海市人民政府办公厅', '上海市人民政府办公厅'],
    ['2019年上海市人民政府办公厅政府信息公开工作年度报告', '上海市人民政府办公厅'],
    ['秀洲区供销合作总社2020年度政府信息公开工作年度报告', '秀洲区供销合作总社'],
    ['关于秀洲区供销合作总社2020年度政府信息公开工作的报告', '秀洲区供销合作总社'],
    ['淮安市洪泽区人民政府2023年政府信息公开工作年度报告', '淮安市洪泽区人民政府'],
    // full-width letters and brackets become half-width (NFKC)
    ['中国（上海）自由贸易试验区管理委员会', '中国(上海)自由贸易试验区管理委员会'],
    ['ＸＸ县人民政府', 'XX县人民政府'],
    // Traditional → Simplified (opencc-js)
    ['湖北省人民政府辦公廳', '湖北省人民政府办公厅'],
    ['武漢市財政局', '武汉市财政局'],
    // white space, quotes and a Markdown heading mark left by a converter
    ['# 沐阳县人民政府', '沐阳县人民政府'],
    ['  上海市 科学技术委员会 ', '上海市科学技术委员会'],
    ['《淮安市人民政府》', '淮安市人民政府'],
    ['淮安市人民政府（2024年）', '淮安市人民政府'],
    ['淮安市人民政府二〇二四年度政务公开工作年度报告', '淮安市人民政府'],
  ];
  for (const [name, key] of same) {
    it(`"${name}" → "${key}"`, () => assert.equal(agencyKey(name), key));
  }

  const distinct: Array<[string, string]> = [
    // a variant is merged only when certain: these may or may not be the same body
    ['淮安市人民政府办公室', '淮安市政府办'],
    ['上海市科委', '上海市科学技术委员会'],
    ['淮安市人民政府', '淮安市人民政府办公室'],
    // one misread character (沭 → 沐) is a different name as far as the key knows
    ['沭阳县人民政府', '沐阳县人民政府'],
  ];
  for (const [a, b] of distinct) {
    it(`"${a}" and "${b}" stay distinct`, () => assert.notEqual(agencyKey(a), agencyKey(b)));
  }

  it('gives null for nothing usable', () => {
    assert.equal(agencyKey(null), null);
    assert.equal(agencyKey(''), null);
    assert.equal(agencyKey('2020年度政府信息公开工作年度报告'), null);
  });
});
