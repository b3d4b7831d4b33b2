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
    assert.ok(unplaced(r, 'apps.denied.law_forbidden.natural'));
    // 二、上年结转 stands with its seven numbers on lines 106-120: 5 1 0 0 0 0 6.
    assert.deepEqual(values(r, 'apps.carried_in.'), [5, 1, 0, 0, 0, 0, 6]);
    assert.ok(!r.findings.some((f) => f.severity === 'error' && /^apps\./.test(f.rule)));
  });
});
