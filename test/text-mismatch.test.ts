// text.mismatch: what the narrative states against tables 三 and 四. Sentences
// below are copied from the corpus reports named beside them.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { readClaims, noApplicationClaims, type Claim } from '../src/checks/text-mismatch/claims.js';
import { chineseNumber } from '../src/checks/text-mismatch/numerals.js';
import { extractReport } from '../src/pipeline.js';
import { fixture } from './store-helpers.js';

const counts = (claims: Claim[]) => claims.filter((c) => c.kind === 'count').map((c) => [c.what, c.value]);

describe('text.mismatch', function () {
  this.timeout(60000);

  it('shanghai 2019: the reviews and lawsuits the narrative calls "均获维持" while table 四 shows cases 尚未审结', async () => {
    const r = await extractReport(fixture('html/shanghai-bangongting-2019.html'));
    const tm = r.findings.filter((f) => f.rule === 'text.mismatch' && f.severity === 'warning');
    assert.equal(tm.length, 2);
    // The page: "信息公开类行政复议7件，诉讼9件，均获维持"; table 四: 行政复议 维持 5, 尚未审结 2, 总计 7;
    // 未经复议直接起诉 维持 8, 尚未审结 1, 总计 9; 复议后起诉 blank.
    const [review, lawsuits] = tm;
    assert.deepEqual(review!.fields, ['review.upheld', 'review.total', 'review.pending']);
    assert.equal(review!.expected, 7);
    assert.equal(review!.actual, 5);
    assert.match(review!.message, /信息公开类行政复议7件,诉讼9件,均获维持/);
    assert.match(review!.message, /尚未审结 2/);
    assert.deepEqual(lawsuits!.fields, ['litigation_direct.upheld', 'litigation_direct.total', 'litigation_direct.pending']);
    assert.equal(lawsuits!.expected, 9);
    assert.equal(lawsuits!.actual, 8);
    assert.match(lawsuits!.message, /尚未审结 1/);
    // 受理859, 上年度结转18, 顺延72, 答复805 all agree with table 三; 诉讼9件 cannot be added up (复议后起诉 blank): info.
    const info = r.findings.filter((f) => f.rule === 'text.mismatch' && f.severity === 'info');
    assert.deepEqual(info.map((f) => f.fields), [['litigation_direct.total', 'litigation_after_review.total']]);
  });

  it('says nothing when the narrative agrees (fixture pair; xiuzhou 2020 "未收到…申请", "未发生…行政复议、诉讼")', async () => {
    for (const f of ['cross-year/shili-danganguan-2022.html', 'cross-year/shili-danganguan-2023.html', 'text/xiuzhou-gongxiaoshe-2020.txt']) {
      const r = await extractReport(fixture(f));
      assert.deepEqual(r.findings.filter((x) => x.rule === 'text.mismatch'), [], f);
    }
  });

  it('hongze 2024: "区政府办代表区政府受理政府信息公开申请 17 件" against table 三 本年新收 总计 95', async function () {
    const pdf = fixture('pdf/real/hongze-qu-2024.pdf');
    if (!existsSync(pdf)) this.skip();
    // By hand (pdftotext -layout): page 1 says 17 件; table 三 row 一 总计 is 95, row 二 上年结转 总计 0.
    const r = await extractReport(pdf);
    const tm = r.findings.filter((f) => f.rule === 'text.mismatch');
    assert.equal(tm.length, 1);
    assert.equal(tm[0]!.expected, 17);
    assert.equal(tm[0]!.actual, 95);
    assert.deepEqual(tm[0]!.fields, ['apps.new.total', 'apps.carried_in.total']);
  });

  describe('reading claims', () => {
    it('reads a full breakdown (淮安市 2024)', () => {
      const s = '2024年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n答复），均在法定期限内予以答复。政府信息公开行政复议 351\n件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25\n件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。';
      assert.deepEqual(counts(readClaims(s, 2024)), [
        ['apps.new', 3119], ['apps.carried_in', 34], ['apps.carried_out', 103], ['apps.result_total', 3050],
        ['review.total', 351], ['review.upheld', 72], ['review.corrected', 64], ['review.other', 178], ['review.pending', 37],
        ['litigation.total', 46], ['litigation.upheld', 25], ['litigation.corrected', 5], ['litigation.other', 9], ['litigation.pending', 7],
      ]);
    });

    const cases: Array<[string, string, number | null, Array<[string, number]>]> = [
      ['上海市科委 2024', '2024 年市科委有 1 件涉及政府信息公开工作的行政复\n议，该行政复议件未被复议审查机关纠错。涉及的行政诉讼数为\n0 件。', 2024, [['review.total', 1], ['litigation.total', 0]]],
      ['沭阳县 2025', '全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；共办理 718 件，结转下一年 31 件。', 2025, [['apps.new', 749], ['apps.carried_out', 31], ['apps.result_total', 718]]],
      ['上海市科委 2024, result rows are not the total', '所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2件，无法提供的 10 件，不予处理 0 件，其他处理 14 件，转下一年度办理答复的有 1 件。', 2024, [['apps.carried_out', 1]]],
      ['示例县档案馆 2022 (fixture): 继续办理 is the carried-over count', '2022年，本馆共收到政府信息公开申请7件，上年结转1件，全部在法定期限内答复，结转下年度继续办理3件。', 2022, [['apps.new', 7], ['apps.carried_in', 1], ['apps.carried_out', 3]]],
      ['Chinese numerals', '全年共收到政府信息公开申请十二件，上年结转两件。', null, [['apps.new', 12], ['apps.carried_in', 2]]],
      ['a comparison with last year is not read', '本年度收到政府信息公开申请较去年增加12件。', 2023, []],
      ['another year is not read', '2022年收到政府信息公开申请30件。', 2023, []],
      ['a part of a total is not read', '其中网上受理申请20件。', 2023, []],
      ['a share is not read', '予以公开及部分公开208件（17.46%），其他处理319件（26.78%，含申请人主动撤回157件）。', 2025, []],
    ];
    for (const [name, text, year, want] of cases) it(name, () => assert.deepEqual(counts(readClaims(text, year)), want));

    it('reads "未收到…申请" as none received (秀洲区供销合作总社 2020)', () => {
      assert.deepEqual(counts(noApplicationClaims('我社2020年度未收到依法申请公开政府信息件，未发生针对本社的有关政府信息公开事务的行政复议、诉讼和申诉。')), [['apps.new', 0]]);
    });

    it('reads "均获维持" for the subjects named before it, and not "其余均获维持"', () => {
      const all = readClaims('信息公开类行政复议7件，诉讼9件，均获维持，继续保持了省级政府零败诉的记录。', 2019).filter((c) => c.kind === 'all_upheld');
      assert.deepEqual(all.map((c) => c.kind === 'all_upheld' && c.subjects), [['review', 'litigation']]);
      assert.deepEqual(readClaims('行政复议3件，1件尚未审结，其余均获维持。', 2019).filter((c) => c.kind === 'all_upheld'), []);
    });

    it('reads "未发生…行政复议和行政诉讼", but not "未发生…被行政复议纠错或行政诉讼败诉" (上海市政府办公厅 2025)', () => {
      const none = (s: string) => readClaims(s, 2023).filter((c) => c.kind === 'none').map((c) => c.kind === 'none' && c.subjects);
      assert.deepEqual(none('全年未发生政府信息公开行政复议和行政诉讼。'), [['review', 'litigation']]);
      assert.deepEqual(none('全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。'), []);
      assert.deepEqual(none('本年度无因政府信息公开工作被申请行政复议、提起行政诉讼的情况。'), [['review', 'litigation']]);
      assert.deepEqual(none('对无法提供的答复，申请人可依法申请行政复议。'), []);
    });

    it('Chinese numerals', () => {
      assert.deepEqual(['一', '两', '十', '十二', '二十', '一百零五', '三千二百一十'].map(chineseNumber), [1, 2, 10, 12, 20, 105, 3210]);
      assert.deepEqual(['二〇二三', '十百', '一二'].map(chineseNumber), [undefined, undefined, undefined]);
    });
  });

  it('claims that disagree with each other are not compared', async () => {
    const { consistentClaims } = await import('../src/checks/text-mismatch/compare.js');
    const claims = readClaims('全年收到政府信息公开申请5件。全年收到政府信息公开申请6件。上年结转2件。上年结转2件。', 2023);
    assert.deepEqual(counts(consistentClaims(claims)), [['apps.carried_in', 2]]);
  });
});
