// Issue 10 part 4: `pdftotext -layout` text and `lynx -dump` read row by row.
// Each value asserted here can be read in the named file of fixtures/forms.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { isLayoutText, layoutRows } from '../src/extractors/text/layout.js';
import { cellDumpRows, isCellDump } from '../src/extractors/text/lynx.js';
import { extractReport } from '../src/pipeline.js';
import type { Report } from '../src/types.js';
import { FIXTURES } from './fixture-harness.js';

const COLUMNS = ['natural', 'commercial', 'research', 'nonprofit', 'legal_service', 'other_org', 'total'];
const row = (r: Report, id: string) => COLUMNS.map((c) => r.fields[`apps.${id}.${c}`]);
const form = (name: string) => extractReport(join(FIXTURES, 'forms', name));

describe('pdftotext -layout text', function () {
  this.timeout(60_000);

  it('joins a row whose numbers stand on two lines around its wrapped label, and says it was counted', async () => {
    // layout/chromium-huaian-shi-2024-template2021.txt lines 91–93:
    //   "要求行政机关确认或重新出具已 1" / "5." / "获取信息   0    0   0   0    0   1"
    const r = await form('layout/chromium-huaian-shi-2024-template2021.txt');
    assert.deepEqual(row(r, 'not_processed.confirm'), [1, 0, 0, 0, 0, 0, 1]);
    assert.equal(r.provenance['apps.not_processed.confirm.natural']!.line, 91);
    assert.equal(r.provenance['apps.not_processed.confirm.total']!.line, 93);
    assert.equal(r.provenance['apps.not_processed.confirm.natural']!.inferred, true);
    // "2." alone on its line is the item's number, not a value: the row under it keeps its seven numbers (line 102).
    assert.deepEqual(row(r, 'other.unpaid_fee'), [6, 0, 0, 0, 0, 0, 6]);
    assert.equal(r.provenance['apps.other.unpaid_fee.natural']!.inferred, undefined);
    // A row on one line is read from that line, not counted.
    assert.deepEqual(row(r, 'new'), [3001, 53, 0, 0, 61, 4, 3119]);
    assert.equal(r.provenance['apps.new.natural']!.inferred, undefined);
  });

  it('joins "本机关不掌握相关政府信 31 0" / "1." / "息 … 0 0 0 0 31" (hongze)', async () => {
    const r = await form('layout/chromium-hongze-qu-2024-hybrid.txt');
    assert.deepEqual(row(r, 'unable.not_held'), [31, 0, 0, 0, 0, 0, 31]);
    assert.deepEqual(row(r, 'partial'), [9, 0, 0, 0, 0, 0, 9]);
  });

  it('keeps a numbered label alone on its line (a blank row) apart from the numbered row under it', async () => {
    // layout/report-2021-sample.txt lines 48–49: "7.属于行政执法案卷" then "8.属于行政查询事项     1     0   0    0   0   0   1".
    const r = await form('layout/report-2021-sample.txt');
    assert.deepEqual(row(r, 'denied.admin_query'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(row(r, 'denied.enforcement_case'), [null, null, null, null, null, null, null]);
  });

  it('joins a first cell wrapped around its row\'s line, and a unit set apart from its number', async () => {
    // layout/report-2021-sample.txt lines 16–18: "12（其中修订 3" / "行政规范性文件   3   87" / "件）".
    const r = await form('layout/report-2021-sample.txt');
    assert.deepEqual(['issued', 'repealed', 'in_force'].map((c) => r.fields[`active.normative.${c}`]), [12, 3, 87]);
    assert.equal(r.provenance['active.normative.issued']!.raw, '12（其中修订 3\n件）');
    assert.equal(r.provenance['active.normative.issued']!.inferred, true);
    // layout/chromium-shanghai-2019-gbk.txt line 114: "政府集中采购   6   251000   元".
    const g = await form('layout/chromium-shanghai-2019-gbk.txt');
    assert.equal(g.fields['active.procurement.amount_yuan'], 251000);
    assert.equal(g.fields['active.procurement.items'], 6);
  });

  it('reads a count written in words ("六件") as the row\'s first value, not as its label', async () => {
    // layout/chromium-huaian-2024-error-value-not_numeric.txt line 57: "4.   保护第三方合法权益    六件 0      0   0   0    0   6".
    const r = await form('layout/chromium-huaian-2024-error-value-not_numeric.txt');
    assert.deepEqual(row(r, 'denied.third_party'), [null, 0, 0, 0, 0, 0, 6]);
    const f = r.findings.find((x) => x.rule === 'value.not_numeric');
    assert.deepEqual([f?.fields, f?.actual], [['apps.denied.third_party.natural'], '六件']);
  });

  it('does not join two parts whose second does not stand under the last columns of a full row', () => {
    const lines = [
      '规章 1   2   3   4   5   6   7',
      '甲项 8   9   1',
      '乙项                   1   2   3   4',
      '丙项 1   2   3   4   5   6   7',
    ];
    const { rows } = layoutRows(lines);
    assert.deepEqual(rows.map((r) => r.cells), [
      ['规章', '1', '2', '3', '4', '5', '6', '7'],
      ['甲项', '8', '9', '1'],
      ['乙项', '1', '2', '3', '4'],
      ['丙项', '1', '2', '3', '4', '5', '6', '7'],
    ]);
    // Shifted under the last four columns, the same parts are one row of seven, counted.
    const aligned = layoutRows([lines[0]!, lines[1]!, '乙项             1   2   3   4', lines[3]!]).rows;
    assert.deepEqual(aligned[1]!.cells, ['甲项 乙项', '8', '9', '1', '1', '2', '3', '4']);
    assert.equal(aligned[1]!.inferred, true);
  });

  it('joins a split row that adds up only when joined, and reads glued zeros ("000") as a zero a cell', async () => {
    // layout/chromium-huaian-shi-2024-table3-split.txt lines 77–79: " 没有现成信息需 11" / "2." / "要另行制作   0    0   0 0 0 11":
    // 11 = 11 + 0 + 0 + 0 + 0 + 0 only when joined (pdftotext moved the second part's columns).
    const r = await form('layout/chromium-huaian-shi-2024-table3-split.txt');
    assert.deepEqual(row(r, 'unable.needs_creation'), [11, 0, 0, 0, 0, 0, 11]);
    assert.equal(r.provenance['apps.unable.needs_creation.total']!.inferred, true);
    // Line 95: "（五）不予处理   3.   要求提供公开出版物            0    0   000 0 0".
    assert.deepEqual(row(r, 'not_processed.publication'), [0, 0, 0, 0, 0, 0, 0]);
    assert.equal(r.provenance['apps.not_processed.publication.research']!.inferred, true);
    // Line 101 ("5. 要求行政机关确认或重新出具已获取信息   1    0   000 0 1").
    assert.deepEqual(row(r, 'not_processed.confirm'), [1, 0, 0, 0, 0, 0, 1]);
  });

  it('finds table 四 under its header lines and leaves its six numbers null: pdftotext dropped its blank cells', async () => {
    // layout/chromium-shanghai-2019-gbk.txt lines 176–182: the header over six lines, then "5   2    7   8      1   9".
    const r = await form('layout/chromium-shanghai-2019-gbk.txt');
    assert.equal(r.fields['review.total'], null);
    assert.ok(!r.findings.some((f) => f.rule === 'table.missing'));
    const f = r.findings.find((x) => x.rule === 'value.unplaced' && x.fields.includes('review.upheld'));
    assert.equal(f?.actual, 6);
  });

  it('does not join two parts that add up alone or not at all', () => {
    const full = ['规章 1   2   3   4   5   6   21', '丙项 1   2   3   4   5   6   21'];
    // "甲项 5" then "乙项 1 2 3 4 5 15": the second part adds up alone (1+2+3+4+5 = 15), so it may be a row of its own.
    const alone = layoutRows([full[0]!, '甲项 5', '乙项                   1   2   3   4   5   15', full[1]!]).rows;
    assert.deepEqual(alone.map((r) => r.cells.length), [8, 2, 7, 8]);
    // "甲项 5" then "乙项 1 2 3 4 5 16": joined, 5+1+2+3+4+5 = 20, not 16.
    const neither = layoutRows([full[0]!, '甲项 5', '乙项                   1   2   3   4   5   16', full[1]!]).rows;
    assert.deepEqual(neither.map((r) => r.cells.length), [8, 2, 7, 8]);
    // "甲项 5" then "乙项 1 2 3 4 5 20": joined it adds up, alone it does not: one row, counted.
    const joined = layoutRows([full[0]!, '甲项 5', '乙项                   1   2   3   4   5   20', full[1]!]).rows;
    assert.deepEqual(joined[1]!.cells, ['甲项 乙项', '5', '1', '2', '3', '4', '5', '20']);
    assert.equal(joined[1]!.inferred, true);
    // A narrow row is not judged by its sum: "规章 0" then "规范性文件 0 0" stay two rows.
    const narrow = layoutRows(['信息内容 1   2   3', '其他 4   5   6', '规章 0', '规范性文件            0   0', '行政许可 7   8   9']).rows;
    assert.deepEqual(narrow.map((r) => r.cells.length), [4, 4, 2, 3, 4]);
    // A no-break space alone (pandoc's copy of an "&nbsp;" cell) is a blank cell, counted; one inside a label is not.
    const nbsp = layoutRows(['规章\u00a0文件   12   \u00a0   \u00a0   3']).rows[0]!;
    assert.deepEqual(nbsp.cells, ['规章\u00a0文件', '12', '', '', '3']);
    assert.equal(nbsp.inferred, true);
    // "00" and "000" are zeros of two and three cells; "100" is a number.
    assert.deepEqual(layoutRows(['规章 1   000 00   100']).rows[0]!.cells, ['规章', '1', '0', '0', '0', '0', '0', '100']);
    assert.equal(layoutRows(['规章 1   000 00   100']).rows[0]!.inferred, true);
  });

  it('cuts a row at 512 cells and counts what it drops', () => {
    const { rows, cuts } = layoutRows([`规章 ${'1 '.repeat(600)}`]);
    assert.equal(rows[0]!.cells.length, 512);
    assert.equal(cuts.droppedCells, 89);
    const dump = cellDumpRows(['   规章', '', ...Array.from({ length: 600 }, () => ['   1', '']).flat()]);
    assert.equal(dump.rows[0]!.cells.length, 512);
    assert.equal(dump.cuts.droppedCells, 89);
  });

  it('is told apart from other text', () => {
    assert.equal(isLayoutText(['规章 1 2 3', '规范性文件 4 5 6', 'a 1 2 3', 'b 1 2 3', 'c 1 2 3']), false, 'single spaces: reading-order text');
    assert.equal(isLayoutText(['规章\t1\t2\t3']), false);
  });
});

describe('lynx -dump text', function () {
  this.timeout(60_000);

  it('reads a row with blank cells: one more blank line for each', async () => {
    // lynx/shanghai-2019-msword.txt lines 201–213: "一、本年新收政府信息公开申请数量", 821, 35, two blank cells, 2, 1, 859.
    const r = await form('lynx/shanghai-2019-msword.txt');
    assert.deepEqual(row(r, 'new'), [821, 35, null, null, 2, 1, 859]);
    assert.deepEqual(row(r, 'carried_in'), [18, null, null, null, null, null, 18]);
    assert.equal(r.provenance['apps.new.natural']!.inferred, true);
    assert.equal(r.provenance['apps.new.research']!.line, 207);
  });

  it('places table 四 when its whole header stands in the template\'s order and fifteen cells follow', async () => {
    const r = await form('lynx/shanghai-2019-msword.txt');
    assert.deepEqual(['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => r.fields[`review.${c}`]), [5, null, null, 2, 7]);
    assert.deepEqual(['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => r.fields[`litigation_direct.${c}`]), [8, null, null, 1, 9]);
    assert.equal(r.provenance['review.total']!.inferred, true);
    const h = await form('lynx/huaian-shi-2024-template2021.txt');
    assert.deepEqual(['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => h.fields[`review.${c}`]), [72, 64, 178, 37, 351]);
  });

  it('leaves table 四 null where blank cells left no blank line (fewer than fifteen cells)', async () => {
    // lynx/shanghai-bangongting-2019.txt: "5", "", "2" — two &nbsp; cells gave one blank line.
    const r = await form('lynx/shanghai-bangongting-2019.txt');
    assert.equal(r.fields['review.upheld'], null);
    assert.equal(r.fields['review.total'], null);
    // Found, not missing: its eight cells are quoted in a value.unplaced finding.
    assert.ok(!r.findings.some((f) => f.rule === 'table.missing'));
    const unplaced = r.findings.find((f) => f.rule === 'value.unplaced' && f.fields.includes('review.upheld'));
    assert.equal(unplaced?.actual, 8);
  });

  it('reads a count written in words ("六件") as a value cell, the same as its source does', async () => {
    // lynx/huaian-2024-error-value-not_numeric.txt lines 209–223: "4.保护第三方合法权益", "六件", 0, 0, 0, 0, 0, 6.
    const r = await form('lynx/huaian-2024-error-value-not_numeric.txt');
    assert.deepEqual(row(r, 'denied.third_party'), [null, 0, 0, 0, 0, 0, 6]);
    assert.equal(r.findings.find((x) => x.rule === 'value.not_numeric')?.actual, '六件');
    assert.equal(r.provenance['apps.denied.third_party.total']!.inferred, true);
  });

  it('is told apart from other text and keeps a heading\'s blank lines out of rows', () => {
    const narrative = `   ${'一是进一步加强政务公开工作，'.repeat(4)}`;
    const dump = ['   规章', '', '   1', '', '', '', '   3', '', narrative, '', '', '   （一）主要问题', '', '', '   一是', ''];
    const many = Array.from({ length: 5 }, () => dump).flat();
    assert.equal(isCellDump(many), true);
    assert.equal(isCellDump(many.map((l) => l.trimStart())), false, 'lines at the margin: not lynx');
    const { rows } = cellDumpRows(dump);
    assert.deepEqual(rows.map((r) => r.cells), [['规章', '1', '', '', '3'], ['（一）主要问题', '一是']]);
    assert.equal(rows[0]!.inferred, true);
  });
});
