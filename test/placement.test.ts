// Issue 10: numbers counted off reading-order text (`pdftotext` without
// -layout, where a table's rows lost their lines) are placed only where the
// template's row order and counts leave no doubt; otherwise null with
// `value.unplaced`. Real forms and small streams written out by hand.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { extractReport } from '../src/pipeline.js';
import type { Report } from '../src/types.js';
import { FIXTURES } from './fixture-harness.js';

const text = (lines: string[]) => extractReport({ path: 'stream.txt', buffer: Buffer.from(lines.join('\n'), 'utf8') });
const values = (r: Report, prefix: string) => Object.entries(r.fields).filter(([id]) => id.startsWith(prefix)).map(([, v]) => v);
const unplaced = (r: Report, id: string) => r.findings.some((f) => f.rule === 'value.unplaced' && f.fields.includes(id));

describe('placement: numbers counted off reading-order text', () => {
  it('a Chromium print read in reading order (numbers before their labels): table 二 rows placed by the template order, marked inferred', async () => {
    // Lines 88-97 of the file: "13 / 13 / 524 / 规章（设区的市…） / 60 / 60 / 368 / 规范性文件 / 第二十条第（五）项".
    const r = await extractReport(join(FIXTURES, 'forms/raw/chromium-shanghai-2019-label-variants.txt'));
    assert.deepEqual(values(r, 'active.regulations.'), [13, 13, 524]);
    assert.deepEqual(values(r, 'active.normative.'), [60, 60, 368]);
    assert.equal(r.provenance['active.regulations.total_published']?.inferred, true);
    assert.equal(r.provenance['active.regulations.total_published']?.raw, '524');
  });

  it('the same order written out: the numbers before each label are its own, and nothing after the last', async () => {
    const r = await text(['二、主动公开政府信息情况', '第二十条第（一）项', '信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量', '13', '13', '524', '规章', '60', '60', '368', '规范性文件', '第二十条第（五）项', '信息内容', '上一年项目数量', '本年增/减', '处理决定数量']);
    assert.deepEqual(values(r, 'active.regulations.'), [13, 13, 524]);
    assert.deepEqual(values(r, 'active.normative.'), [60, 60, 368]);
  });

  it('numbers before the first label that are not its count: the side is in doubt, nothing is placed (the old reading put 60 60 368 under 规章)', async () => {
    const r = await text(['二、主动公开政府信息情况', '第二十条第（一）项', '信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量', '13', '524', '规章', '60', '60', '368', '规范性文件', '第二十条第（五）项']);
    assert.deepEqual(values(r, 'active.regulations.'), [null, null, null]);
    assert.deepEqual(values(r, 'active.normative.'), [null, null, null]);
    assert.ok(unplaced(r, 'active.regulations.new_made'));
  });

  it('a chance run is not placed: seven numbers too many after a row, with a row found elsewhere among the rows they would fill', async () => {
    // 部分公开 is followed by 21 numbers, the next label is 4.保护第三方合法权益 and 1.属于国家秘密 stands later in the
    // text (moved by the reading order): the fourteen extra numbers fill 2.其他法律… and 3.危及… exactly, but may as
    // well be 1.属于国家秘密's and one of them (blanks dropped): counting cannot tell.
    const seven = (a: number) => [String(a), '0', '0', '0', '0', '0', String(a)];
    const r = await text([
      '三、收到和处理政府信息公开申请情况', '申请人情况', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计',
      '一、本年新收政府信息公开申请数量', ...seven(9), '二、上年结转政府信息公开申请数量', ...seven(0), '（一）予以公开', ...seven(4),
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ...seven(2), ...seven(1), ...seven(5),
      '4.保护第三方合法权益', ...seven(0), '1.属于国家秘密', ...seven(3),
    ]);
    assert.deepEqual(values(r, 'apps.denied.law_forbidden.'), [null, null, null, null, null, null, null]);
    assert.deepEqual(values(r, 'apps.denied.safety_stability.'), [null, null, null, null, null, null, null]);
    assert.deepEqual(values(r, 'apps.partial.'), [null, null, null, null, null, null, null]);
    assert.ok(unplaced(r, 'apps.partial.natural'));
    // Rows whose seven numbers follow their own label are read, as counted values.
    assert.deepEqual(values(r, 'apps.granted.'), [4, 0, 0, 0, 0, 0, 4]);
    assert.equal(r.provenance['apps.granted.total']?.inferred, true);
  });

  it('report-2021-broken in reading order: the 不予公开 rows whose blanks were dropped are left null, not filled by a run that adds up', async () => {
    const r = await extractReport(join(FIXTURES, 'forms/raw/report-2021-broken.txt'));
    for (const row of ['process_info', 'enforcement_case', 'safety_stability', 'third_party']) assert.deepEqual(values(r, `apps.denied.${row}.`), [null, null, null, null, null, null, null], row);
    assert.ok(unplaced(r, 'apps.denied.safety_stability.natural'));
    // "2.其他法律行政法规禁止公开 1" (line 168): the 1 beside the label is its row's first cell, which leaves one reading.
    assert.deepEqual(values(r, 'apps.denied.law_forbidden.'), [1, 0, 0, 0, 0, 0, 1]);
    // 二、上年结转 stands with its seven numbers on lines 106-120: 5 1 0 0 0 0 6.
    assert.deepEqual(values(r, 'apps.carried_in.'), [5, 1, 0, 0, 0, 0, 6]);
    assert.ok(!r.findings.some((f) => f.severity === 'error' && /^apps\./.test(f.rule)));
  });
});

// Table 三 of a reading-order text written out by hand: the 2019 template's 23 rows, labels first, then
// the numbers as `blocks` gives them; table 四's heading ends it.
const APPS_2019 = [
  '一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '（一）予以公开', '（二）部分公开', '1.属于国家秘密', '2.其他法律行政法规禁止公开',
  '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项',
  '1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确', '1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物',
  '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息', '（六）其他处理', '（七）总计', '四、结转下年度继续办理',
];
const HEAD = ['三、收到和处理政府信息公开申请情况', '申请人情况', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const Z = ['0', '0', '0', '0', '0', '0', '0'];
const appsText = (numbers: string[]) => text([...HEAD, ...APPS_2019, ...numbers, '四、政府信息公开行政复议、行政诉讼情况']);

describe('placement: table 三 of reading-order text read by its arithmetic', () => {
  it('a block given column by column is placed by its rows\' totals (read row by row, 3 1 1 0 0 0 0 does not add up)', async () => {
    // 予以公开 3 1 0 0 0 0 4 and 部分公开 1 0 0 0 0 1 2, column by column: 3 1 | 1 0 | 0 0 | 0 0 | 0 0 | 0 1 | 4 2.
    const r = await appsText([
      '6', '2', '0', '0', '0', '1', '9', ...Z,
      '3', '1', '1', '0', '0', '0', '0', '0', '0', '0', '0', '1', '4', '2',
      ...Z, ...Z, ...Z, '1', '0', '0', '0', '0', '0', '1', ...Z, ...Z, ...Z, ...Z,
      '1', '1', '0', '0', '0', '0', '2', ...Z, ...Z, ...Z, ...Z, ...Z, ...Z, ...Z, ...Z,
      '6', '2', '0', '0', '0', '1', '9', ...Z,
    ]);
    assert.deepEqual(values(r, 'apps.granted.'), [3, 1, 0, 0, 0, 0, 4]);
    assert.deepEqual(values(r, 'apps.partial.'), [1, 0, 0, 0, 0, 1, 2]);
    assert.deepEqual(values(r, 'apps.unable.not_held.'), [1, 1, 0, 0, 0, 0, 2]);
    assert.deepEqual(values(r, 'apps.result_total.'), [6, 2, 0, 0, 0, 1, 9]);
    assert.equal(r.provenance['apps.granted.commercial']?.inferred, true);
    assert.equal(r.provenance['apps.granted.commercial']?.raw, '1');
    assert.ok(!r.findings.some((f) => f.severity === 'error' && /^apps\./.test(f.rule)));
  });

  it('numbers that add up read two ways are left null: 0 0 0 0 0 5 5 is 其他 = 5 or, its first number read last, 自然人 = 5, and the columns hold either way', async () => {
    const five = ['0', '0', '0', '0', '0', '5', '5'];
    const r = await appsText([...five, ...Z, ...five, ...Array.from({ length: 18 }, () => Z).flat(), ...five, ...Z]);
    for (const row of ['new', 'granted', 'result_total']) assert.deepEqual(values(r, `apps.${row}.`), [null, null, null, null, null, null, null], row);
    assert.ok(unplaced(r, 'apps.granted.natural'));
    // Rows of zeros away from them read the same whichever way they are cut.
    assert.deepEqual(values(r, 'apps.unable.not_held.'), [0, 0, 0, 0, 0, 0, 0]);
  });

  it('a report\'s own slip (结转下年度 1 0 0 0 0 0 1: 一 + 二 = （七）总计 + 四 fails in 自然人 and 总计 only) keeps its one reading: rows placed, marked inferred, and the sums that fail named in an info finding, never an error', async () => {
    const r = await appsText([
      '6', '2', '0', '0', '0', '1', '9', ...Z,
      '3', '1', '1', '0', '0', '0', '0', '0', '0', '0', '0', '1', '4', '2',
      ...Z, ...Z, ...Z, '1', '0', '0', '0', '0', '0', '1', ...Z, ...Z, ...Z, ...Z,
      '1', '1', '0', '0', '0', '0', '2', ...Z, ...Z, ...Z, ...Z, ...Z, ...Z, ...Z, ...Z,
      '6', '2', '0', '0', '0', '1', '9', '1', '0', '0', '0', '0', '0', '1',
    ]);
    assert.deepEqual(values(r, 'apps.granted.'), [3, 1, 0, 0, 0, 0, 4]);
    assert.deepEqual(values(r, 'apps.carried_out.'), [1, 0, 0, 0, 0, 0, 1]);
    assert.equal(r.provenance['apps.carried_out.total']?.inferred, true);
    assert.ok(!r.findings.some((f) => f.severity === 'error' && /^apps\./.test(f.rule)));
    const balance = r.findings.find((f) => f.rule === 'apps.balance');
    assert.equal(balance?.severity, 'info');
    assert.match(balance!.message, /On the counted values 2 would not hold.*自然人 column.*expected 6, found 7.*总计 column.*expected 9, found 10/);
  });

  it('columns that fail in more places than a slip makes (结转下年度 1 1 1 0 0 0 3: four columns) leave table 三 null', async () => {
    const r = await appsText([
      '6', '2', '0', '0', '0', '1', '9', ...Z,
      '3', '1', '1', '0', '0', '0', '0', '0', '0', '0', '0', '1', '4', '2',
      ...Z, ...Z, ...Z, '1', '0', '0', '0', '0', '0', '1', ...Z, ...Z, ...Z, ...Z,
      '1', '1', '0', '0', '0', '0', '2', ...Z, ...Z, ...Z, ...Z, ...Z, ...Z, ...Z, ...Z,
      '6', '2', '0', '0', '0', '1', '9', '1', '1', '1', '0', '0', '0', '3',
    ]);
    assert.deepEqual(values(r, 'apps.new.'), [null, null, null, null, null, null, null]);
    assert.deepEqual(values(r, 'apps.granted.'), [null, null, null, null, null, null, null]);
    assert.ok(unplaced(r, 'apps.new.natural'));
    assert.ok(!r.findings.some((f) => f.severity === 'error' && /^apps\./.test(f.rule)));
  });

  it('hongze-qu-2023 in reading order: ten rows given column by column (1 0 0 0 0 1 1 0 10 3, then each column) placed by their totals', async () => {
    // Lines 178-253: 属于国家秘密 … 没有现成信息 as ten naturals, then ten of each column, the totals last.
    const r = await extractReport(join(FIXTURES, 'forms/raw/hongze-qu-2023.txt'));
    assert.deepEqual(values(r, 'apps.denied.state_secret.'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(values(r, 'apps.denied.process_info.'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(values(r, 'apps.unable.not_held.'), [10, 0, 0, 0, 0, 0, 10]);
    assert.deepEqual(values(r, 'apps.unable.needs_creation.'), [3, 0, 0, 0, 0, 0, 3]);
    // Lines 344-365: 其他处理 and （七）总计 interleaved, 0 21 0 0 … 0 21.
    assert.deepEqual(values(r, 'apps.result_total.'), [21, 0, 0, 0, 0, 0, 21]);
    assert.equal(r.provenance['apps.unable.not_held.natural']?.inferred, true);
  });

  it('report-2021-sample in reading order: first columns on the labels\' lines, then the rest (60 10 | 4 1 0 2 1 68 | 1 0 0 0 0 11); table 四\'s fifteen numbers after its heading', async () => {
    const r = await extractReport(join(FIXTURES, 'forms/raw/report-2021-sample.txt'));
    assert.deepEqual(values(r, 'apps.granted.'), [60, 4, 1, 0, 2, 1, 68]);
    assert.deepEqual(values(r, 'apps.partial.'), [10, 1, 0, 0, 0, 0, 11]);
    assert.deepEqual(values(r, 'apps.unable.not_held.'), [20, 1, 0, 0, 1, 0, 22]);
    // 7.属于行政执法案卷 is blank in the source and gave no number: which of the rows around it is the blank one
    // the labels (moved to the end) cannot tell, so those stay null.
    assert.deepEqual(values(r, 'apps.denied.enforcement_case.'), [null, null, null, null, null, null, null]);
    assert.deepEqual(values(r, 'review.'), [3, 1, 0, 1, 5]);
    assert.deepEqual(values(r, 'litigation_after_review.'), [1, 0, 0, 1, 2]);
    assert.equal(r.provenance['review.total']?.inferred, true);
  });

  it('report-2021-three-line: the 1 beside "2.其他法律行政法规禁止公开" on its line is that row\'s first cell, so 0 0 0 1 0 0 1 (the block read column by column) is not its reading; the rows after it stay null (7.属于行政执法案卷 is blank in the source and no number or label tells which row dropped out)', async () => {
    const r = await extractReport(join(FIXTURES, 'forms/raw/report-2021-three-line.txt'));
    assert.deepEqual(values(r, 'apps.denied.state_secret.'), [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(values(r, 'apps.denied.law_forbidden.'), [1, 0, 0, 0, 0, 0, 1]);
    assert.equal(r.provenance['apps.denied.law_forbidden.natural']?.inferred, true);
    assert.deepEqual(values(r, 'apps.denied.safety_stability.'), [null, null, null, null, null, null, null]);
    assert.deepEqual(values(r, 'apps.denied.admin_query.'), [null, null, null, null, null, null, null]);
  });

  it('chromium-shanghai-bangongting-2019: table 三\'s heading, labels and 35 numbers are there but its blank cells left no trace: value.unplaced, not table.missing', async () => {
    const r = await extractReport(join(FIXTURES, 'forms/raw/chromium-shanghai-bangongting-2019.txt'));
    assert.equal(r.tables_found.apps, true);
    assert.ok(!r.findings.some((f) => f.rule === 'table.missing'));
    assert.ok(unplaced(r, 'apps.new.natural'));
    assert.equal(r.fields['apps.new.natural'], null);
  });

  it('chromium-shanghai-2019-cell-variants: table 二\'s heading and labels are there but its numbers ("22（其中修订16件）", "减少3", "无" …) stand where no count tells whose they are: value.unplaced, not table.missing', async () => {
    const r = await extractReport(join(FIXTURES, 'forms/raw/chromium-shanghai-2019-cell-variants.txt'));
    assert.equal(r.tables_found.active, true);
    assert.ok(!r.findings.some((f) => f.rule === 'table.missing'));
    assert.ok(unplaced(r, 'active.regulations.new_made'));
    assert.equal(r.fields['active.regulations.new_made'], null);
  });

  it('chromium-huaian-2024-error-apps-balance (its 自然人 and 总计 columns do not balance: 3001 + 43 ≠ 2932 + 103): its rows are read as the text gives them, and the slip is named, not blamed', async () => {
    const r = await extractReport(join(FIXTURES, 'forms/raw/chromium-huaian-2024-error-apps-balance.txt'));
    assert.deepEqual(values(r, 'apps.new.'), [3001, 53, 0, 0, 61, 4, 3119]);
    assert.deepEqual(values(r, 'apps.result_total.'), [2932, 53, 0, 0, 61, 4, 3050]);
    assert.deepEqual(values(r, 'apps.carried_out.'), [103, 0, 0, 0, 0, 0, 103]);
    assert.ok(!r.findings.some((f) => f.severity === 'error' && /^apps\./.test(f.rule)));
    assert.match(r.findings.find((f) => f.rule === 'apps.balance')!.message, /would not hold.*自然人 column.*expected 3044, found 3035/);
  });
});

describe('placement: a count with a note cut by the line end in reading-order text', () => {
  it('report-2021-three-line: "12（其中修订 3" then "件）" is one cell, 行政规范性文件 12 3 87 (the 3 of the note is no count)', async () => {
    const r = await extractReport(join(FIXTURES, 'forms/raw/report-2021-three-line.txt'));
    assert.deepEqual(values(r, 'active.normative.'), [12, 3, 87]);
    assert.equal(r.provenance['active.normative.issued']?.raw, '12（其中修订 3件）');
  });

  it('a note that never closes leaves its pieces as they came', async () => {
    const r = await text(['二、主动公开政府信息情况', '第二十条第（一）项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '规章', '2', '1', '15', '行政规范性文件', '12（其中修订 3', '3', '87']);
    assert.deepEqual(values(r, 'active.normative.'), [null, null, null]);
    assert.deepEqual(values(r, 'active.regulations.'), [2, 1, 15]);
  });
});

describe('placement: zeros glued by narrow columns in reading-order text', () => {
  it('chromium-huaian-shi-2024-table3-split: "6 … 0 / 000 0 6" (lines 345-350) is 申请人逾期未按收费… 6 0 0 0 0 0 6, the glued 000 three cells of 0', async () => {
    const r = await extractReport(join(FIXTURES, 'forms/raw/chromium-huaian-shi-2024-table3-split.txt'));
    assert.deepEqual(values(r, 'apps.other.unpaid_fee.'), [6, 0, 0, 0, 0, 0, 6]);
    assert.deepEqual(values(r, 'apps.not_processed.publication.'), [0, 0, 0, 0, 0, 0, 0]);
    assert.equal(r.provenance['apps.other.unpaid_fee.research']?.inferred, true);
    // Table 四's heading is followed by 0 0 0 0 110 and 103 (table 三's last cells) before its column words:
    // they are not table 四's, whose fifteen numbers come after 结果维 结果纠 ….
    assert.deepEqual(values(r, 'review.'), [72, 64, 178, 37, 351]);
    assert.deepEqual(values(r, 'litigation_after_review.'), [12, 1, 1, 6, 20]);
  });
});

describe('placement: table 四 of reading-order text read by its arithmetic', () => {
  const header = ['四、政府信息公开行政复议、行政诉讼情况', '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉'];

  it('huaian-shi-2024: the pieces come as 72 64 178 37 | 12 1 1 6 | 351 | 13 4 8 1 26 | 20; the one order that adds up moving one piece puts 12 1 1 6 after 13 4 8 1 26', async () => {
    // Lines 578-666 of the file: the 总计 column under its tall header (351, 20) is read after the next group's cells.
    const r = await extractReport(join(FIXTURES, 'forms/raw/huaian-shi-2024.txt'));
    assert.deepEqual(values(r, 'review.'), [72, 64, 178, 37, 351]);
    assert.deepEqual(values(r, 'litigation_direct.'), [13, 4, 8, 1, 26]);
    assert.deepEqual(values(r, 'litigation_after_review.'), [12, 1, 1, 6, 20]);
    assert.equal(r.provenance['litigation_direct.total']?.inferred, true);
    assert.ok(!r.findings.some((f) => f.rule === 'table.missing'));
  });

  it('groups that each add up in the text\'s order keep it (3 1 1 0 5 | 2 0 1 0 3 | 1 0 0 0 1 read the other way round adds up too)', async () => {
    const r = await text([...header, '结果维持', '3', '1', '1', '0', '5', '总计', '2', '0', '1', '0', '3', '1', '0', '0', '0', '1']);
    assert.deepEqual(values(r, 'review.'), [3, 1, 1, 0, 5]);
    assert.deepEqual(values(r, 'litigation_direct.'), [2, 0, 1, 0, 3]);
    assert.deepEqual(values(r, 'litigation_after_review.'), [1, 0, 0, 0, 1]);
  });

  it('two orders that add up moving as few pieces give different values: null, not a guess', async () => {
    // Pieces 3 1 1 0 | 2 0 1 0 3 | 5 | 1 0 0 0 1: "3 1 1 0 5 | 2 0 1 0 3 | 1 0 0 0 1" and
    // "3 1 1 0 5 | 1 0 0 0 1 | 2 0 1 0 3" both add up, and each moves one piece (5, or 2 0 1 0 3).
    const r = await text([...header, '3', '1', '1', '0', '维持', '2', '0', '1', '0', '3', '总计', '5', '纠正', '1', '0', '0', '0', '1']);
    assert.deepEqual(values(r, 'review.'), [null, null, null, null, null]);
    assert.ok(unplaced(r, 'review.total'));
    assert.ok(!r.findings.some((f) => f.rule === 'table.missing' && /行政复议/.test(f.message)));
  });

  it('a copy whose own table 四 does not add up (行政复议 总计 350 for 351) is left null with value.unplaced, neither table.missing nor an error', async () => {
    const r = await extractReport(join(FIXTURES, 'forms/raw/chromium-huaian-2024-error-review-total.txt'));
    assert.deepEqual(values(r, 'review.'), [null, null, null, null, null]);
    assert.ok(unplaced(r, 'review.total'));
    assert.ok(!r.findings.some((f) => f.severity === 'error'));
  });

  it('行政复议 in the narrative is no heading of table 四', async () => {
    // Read from the narrative's 行政复议 on, the pieces would be seventeen numbers (2, 1 before the table's).
    const r = await text(['政府信息公开行政复议 2 件，行政诉讼 1 件，', '均在法定期限内办结', ...header, '3', '1', '1', '0', '5', '2', '0', '1', '0', '3', '1', '0', '0', '0', '1']);
    assert.deepEqual(values(r, 'review.'), [3, 1, 1, 0, 5]);
  });
});

describe('placement: table 二 blocks of one row in reading-order text', () => {
  it('hongze-qu-2024: 第二十条第（八）项 holds one row, so the one number in it (7545, before the label 行政事业性收费) is its', async () => {
    // Lines 89-95: 第二十条第（八）项 / 信息内容 / 本年收费金额（单位：万元） / 7545 / 行政事业性收费.
    const r = await extractReport(join(FIXTURES, 'forms/raw/hongze-qu-2024.txt'));
    assert.equal(r.fields['active.fees.amount_10k_yuan'], 7545);
    assert.equal(r.provenance['active.fees.amount_10k_yuan']?.inferred, true);
  });

  it('chromium-shanghai-2019-govpage: 行政事业性收费 and 政府集中采购 stand in one row of the stream; each one-row block keeps its own numbers (0 0, then 6 251000元)', async () => {
    const r = await extractReport(join(FIXTURES, 'forms/raw/chromium-shanghai-2019-govpage.txt'));
    assert.deepEqual(values(r, 'active.fees.'), [0, 0]);
    assert.deepEqual(values(r, 'active.procurement.'), [6, 251000]);
    assert.equal(r.provenance['active.fees.change']?.inferred, true);
  });

  it('a block of two rows whose labels come before their numbers, its column words among them: 行政许可 5 +2 40, 其他对外管理服务事项 7 0 12', async () => {
    const r = await text(['二、主动公开政府信息情况', '第二十条第（一）项', '信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量', '规章', '1', '1', '9',
      '第二十条第（五）项', '信息内容', '行政许可', '上一年项目数量', '5', '本年增/减 处理决定数量', '+2', '40', '其他对外管理服务事项', '7', '0', '12', '第二十条第（六）项']);
    assert.deepEqual(values(r, 'active.licensing.'), [5, 2, 40]);
    assert.deepEqual(values(r, 'active.other_services.'), [7, 0, 12]);
    assert.equal(r.provenance['active.licensing.decisions']?.inferred, true);
  });

  it('the same block with one number too many after the second label is left alone', async () => {
    const r = await text(['二、主动公开政府信息情况', '第二十条第（一）项', '信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量', '规章', '1', '1', '9',
      '第二十条第（五）项', '信息内容', '行政许可', '上一年项目数量', '5', '本年增/减 处理决定数量', '+2', '40', '其他对外管理服务事项', '7', '0', '12', '3', '第二十条第（六）项']);
    assert.deepEqual(values(r, 'active.other_services.'), [null, null, null]);
  });

  it('a one-row block with more numbers than its row holds is left alone', async () => {
    const r = await text(['二、主动公开政府信息情况', '第二十条第（一）项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '第二十条第（八）项', '信息内容', '本年收费金额（单位：万元）', '12', '3', '行政事业性收费', '三、收到和处理政府信息公开申请情况']);
    assert.equal(r.fields['active.fees.amount_10k_yuan'], null);
  });
});

describe('placement: table 二 given column by column in reading-order text', () => {
  it('chromium-shanghai-2019-msword: each header then one number per row of its block (本年新制作数量 13 60, 对外公开总数量 524 368, 上一年项目数量 0 0 …)', async () => {
    // Lines 157-198: the headers of 第二十条第（一）、（五）、（六）项 in the template's block order, each with its column.
    const r = await extractReport(join(FIXTURES, 'forms/raw/chromium-shanghai-2019-msword.txt'));
    assert.deepEqual(values(r, 'active.regulations.'), [13, 13, 524]);
    assert.deepEqual(values(r, 'active.normative.'), [60, 60, 368]);
    assert.deepEqual(values(r, 'active.licensing.'), [0, 0, 0]);
    assert.deepEqual(values(r, 'active.coercion.'), [0, 0, 0]);
    // （八）项's 上一年项目数量 and 本年增/减 stand with no number after them: 行政事业性收费 stays null.
    assert.deepEqual(values(r, 'active.fees.'), [null, null]);
    assert.equal(r.provenance['active.normative.total_published']?.inferred, true);
  });

  it('a header followed by a row\'s three numbers (not the block\'s two rows) places nothing by columns', async () => {
    const r = await text(['二、主动公开政府信息情况', '第二十条第（一）项', '信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量', '13', '13', '524', '第二十条第（五）项', '信息内容', '上一年项目数量', '本年增/减', '处理决定数量', '三、收到和处理政府信息公开申请情况']);
    assert.deepEqual(values(r, 'active.regulations.'), [null, null, null]);
    assert.deepEqual(values(r, 'active.normative.'), [null, null, null]);
  });
});
