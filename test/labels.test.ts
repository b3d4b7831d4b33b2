// Label normalisation and matching (src/normalizers/labels.ts, apps.ts, active.ts),
// table-driven over the label variants of spec/fields.md.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { activeRow } from '../src/normalizers/active.js';
import { appsRow, matchAppsRow } from '../src/normalizers/apps.js';
import { dice } from '../src/normalizers/dice.js';
import type { LogicalRow } from '../src/normalizers/grid.js';
import { labelKey, simplifiedKey, toSimplified } from '../src/normalizers/labels.js';
import { labelKeys } from '../src/normalizers/row-parts.js';
import type { RawCell } from '../src/types.js';

const cell = (text: string, col = 0): RawCell => ({ text, row: 0, col, rowSpan: 1, colSpan: 1, prov: { table: 0, row: 0, col } });
const appsId = (...labels: string[]) => matchAppsRow(labelKeys(labels.map((t, i) => cell(t, i))))?.template.id;
const row = (label: string, ...values: string[]): LogicalRow => ({ table: 0, row: 0, cells: [cell(label), ...values.map((v, i) => cell(v, i + 1))] });

describe('labels: labelKey strips presentation, keeps the label', () => {
  const cases: Array<[string, string]> = [
    ['（一）予以公开', '予以公开'],
    ['(一)予以公开', '予以公开'],
    ['１．属于国家秘密', '属于国家秘密'],
    ['1、属于国家秘密', '属于国家秘密'],
    ['1．属于国家秘密', '属于国家秘密'],
    ['1.属于国家秘密', '属于国家秘密'],
    ['3.危及"三安全一稳定"', '危及三安全一稳定'],
    ['3.危及“三安全一稳定”', '危及三安全一稳定'],
    ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '部分公开'],
    ['一、本年新收政府信息公开申请数量（件）', '本年新收政府信息公开申请数量'],
    ['三、本\n年度办\n理结果', '本年度办理结果'],
    ['1.本机关不掌握\n相关政府信息', '本机关不掌握相关政府信息'],
    ['(七) 总 计', '总计'],
    ['现行有效件数 (历史累计)', '现行有效件数'],
    ['本年新\u00a0制作数量', '本年新制作数量'],
    ['规\u200b章', '规章'],
    ['\ufeff1.属于国家秘密', '属于国家秘密'],
    ['（七）\u2060总计', '总计'],
    ['规章(设区的市、自治州人民政府应提供相关数据)', '规章'],
    // a bracket cut by a line or page break leaves no tail behind
    ['（二）部分公开（区分处理的，只计这一情', '部分公开'],
  ];
  for (const [raw, key] of cases) it(`${JSON.stringify(raw)} → ${key}`, () => assert.equal(labelKey(raw), key));

  it('keeps the source typo as it is ("其他法律行政止公开"): matching, not keying, absorbs it', () => {
    assert.equal(labelKey('2.其他法律行政止公开'), '其他法律行政止公开');
  });
});

describe('labels: simplifiedKey makes Traditional characters Simplified', () => {
  const cases: Array<[string, string]> = [
    ['4．保護第三方合法權益', '保护第三方合法权益'],
    ['（五）不予處理', '不予处理'],
    ['行政強制', '行政强制'],
    ['第二十條', '第二十条'],
    ['規範性檔案', '规范性文件'],
    ['處理決定數量(指2020年辦件量)', '处理决定数量'],
  ];
  for (const [raw, key] of cases) it(`${JSON.stringify(raw)} → ${key}`, () => assert.equal(simplifiedKey(raw), key));

  it('leaves Simplified text unchanged', () => assert.equal(toSimplified('本年新收政府信息公开申请数量'), '本年新收政府信息公开申请数量'));
});

describe('labels: table 三 row labels match their row ids', () => {
  const cases: Array<[string[], string | undefined]> = [
    [['一、本年新收政府信息公开申请数量'], 'new'],
    [['二、上年结转政府信息公开申请数量'], 'carried_in'],
    [['(一)予以公开'], 'granted'],
    [['三、本\n年度办\n理结果', '（一）予以公开'], 'granted'],
    [['（二）部分公开（区分处理的，只计这一情形，不计其他情形）'], 'partial'],
    [['１．属于国家秘密'], 'denied.state_secret'],
    [['2.其他法律行政止公开'], 'denied.law_forbidden'],
    [['2.其他法律行政法规禁止公开'], 'denied.law_forbidden'],
    [['3、危及"三安全一稳定"'], 'denied.safety_stability'],
    [['4．保護第三方合法權益'], 'denied.third_party'],
    [['5.属于三类内部事务信息'], 'denied.internal_affairs'],
    [['6.属于四类过程性信息'], 'denied.process_info'],
    [['7.属于行政执法案卷'], 'denied.enforcement_case'],
    [['8.属于行政查询事项'], 'denied.admin_query'],
    [['（四）无法提供', '1、本机关不掌握\n相关政府信息'], 'unable.not_held'],
    [['2.没有现成信息需要另行制作'], 'unable.needs_creation'],
    [['3.补正后申请内容仍不明确'], 'unable.unclear'],
    [['（五）不予處理', '1.信访举报投诉类申请'], 'not_processed.complaint'],
    [['２.重复申请'], 'not_processed.repeat'],
    [['3.要求提供公开出版物'], 'not_processed.publication'],
    [['4.无正当理由大量反复申请'], 'not_processed.massive'],
    [['5.要求行政机关确认或重新出具已获取信息'], 'not_processed.confirm'],
    [['（六）其他处理'], 'other'],
    [['1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'], 'other.no_correction'],
    [['2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'], 'other.unpaid_fee'],
    [['（六）其他处理', '3.其他'], 'other.misc'],
    [['(七) 总 计'], 'result_total'],
    [['四、结转下年度继续办理'], 'carried_out'],
    // "3.其他" alone is ambiguous (其他 is also a column): no match without its group
    [['3.其他'], undefined],
    [['本单位网站访问量'], undefined],
  ];
  for (const [labels, id] of cases) it(`${labels.map((l) => JSON.stringify(l)).join(' + ')} → ${id ?? 'no row'}`, () => assert.equal(appsId(...labels), id));
});

describe('labels: a table 三 label opening with a piece of the tall 三、本年度办理结果 cell (pdftotext -layout)', () => {
  // fixtures/forms/layout/chromium-shanghai-2019-msword.txt lines 168–169, under （一）予以公开 (group 本年度办理结果).
  const wrapped = (first: string, second: string): LogicalRow => ({ table: 0, row: 0, cells: [cell(first, 0), cell(second, 1), cell('3', 2)] });
  it('"本年 （二）部分公开（区分处理的，" + "度办 只计这一情形，不计其他情形）" is （二）部分公开, its label verbatim', () => {
    const m = appsRow(wrapped('本年 （二）部分公开（区分处理的，', '度办 只计这一情形，不计其他情形）'), '本年度办理结果');
    assert.equal(m?.template.id, 'partial');
    assert.deepEqual(m?.labels.map((c) => c.text), ['本年 （二）部分公开（区分处理的，', '度办 只计这一情形，不计其他情形）']);
  });
  it('the same label with no piece of the heading matches alike, and a piece of no heading is kept', () => {
    assert.equal(appsRow(wrapped('（二）部分公开（区分处理的，', '只计这一情形，不计其他情形）'), '本年度办理结果')?.template.id, 'partial');
    assert.equal(appsRow(wrapped('图表 （二）部分公开（区分处理的，', '附注 只计这一情形，不计其他情形）'), '本年度办理结果'), undefined);
  });
});

describe('labels: table 二 row labels match their rows', () => {
  const cases: Array<[string, string | undefined]> = [
    ['规章', 'active.regulations'],
    ['规章（设区的市、自治州人民政府应提供相关数据）', 'active.regulations'],
    ['规范性文件', 'active.normative'],
    ['行政规范性文件', 'active.normative'],
    ['規範性檔案', 'active.normative'],
    ['其他主动公开文件', 'active.other_docs'],
    ['行政许可', 'active.licensing'],
    ['其他对外管理服务事项（指行政许可以外的政务服务事项）', 'active.other_services'],
    ['行政處罰', 'active.penalty'],
    ['行政強制', 'active.coercion'],
    ['行政事业性收费', 'active.fees'],
    ['政府集中采购', 'active.procurement'],
    ['人事任免文件', undefined],
  ];
  for (const [label, prefix] of cases) it(`${label} → ${prefix ?? 'no row'}`, () => assert.equal(activeRow(row(label, '1', '2', '3'))?.prefix, prefix));
});

describe('labels: dice.ts gives natural\'s Dice coefficient, bigram sets computed once', () => {
  // natural (a dev dependency now) is the reference the matcher was tuned with: every score must stay the same.
  const natural = createRequire(import.meta.url)('natural/lib/natural/distance/dice_coefficient.js') as (a: string, b: string) => number;
  const piece = fc.constantFrom('予以', '公开', '部分', '不予', '处理', '其他', '总计', 'A', 'b', ' ', '\u3000', '\t', '1', '、', '（', '）', '公', '开');
  const text = fc.oneof(fc.array(piece, { maxLength: 10 }).map((a) => a.join('')), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
  it('same value as natural for any two strings (asked twice: the cached sets give it again)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const want = natural(a, b);
        assert.ok(Object.is(dice(a, b), want), `${JSON.stringify(a)} ~ ${JSON.stringify(b)}: ${dice(a, b)} vs ${want}`);
        assert.ok(Object.is(dice(a, b), want));
        assert.ok(Object.is(dice(b, a), natural(b, a)));
      }),
      { seed: 9, numRuns: 2000 },
    );
  });
  it('a checkable value: 予以公开 ~ 部分公开 share one bigram of three each (2·1/6)', () => assert.equal(dice('予以公开', '部分公开'), 1 / 3));
});
