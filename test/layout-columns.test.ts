// Issue 10: table 三 rows of `pdftotext -layout` text that leave cells blank,
// put in their columns by the header above them (extractors/text/layout-columns.ts).
// Values are those of the named file of fixtures/forms/layout (its line numbers).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { columnsByAnchors, columnsOf, crowdedColumns, placeUnderHeaders, type LayoutLine } from '../src/extractors/text/layout-columns.js';
import { columnsByShift } from '../src/extractors/text/layout-pages.js';
import { extractReport } from '../src/pipeline.js';
import type { Report } from '../src/types.js';
import { FIXTURES } from './fixture-harness.js';

const COLUMNS = ['natural', 'commercial', 'research', 'nonprofit', 'legal_service', 'other_org', 'total'];
const row = (r: Report, id: string) => COLUMNS.map((c) => r.fields[`apps.${id}.${c}`]);
const form = (name: string) => extractReport(join(FIXTURES, 'forms', 'layout', name));

/** A layout line from its text (tokens at their character columns), numbers at its end taken as values. */
function line(text: string, page = 0): LayoutLine {
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  let k = tokens.length;
  while (k > 0 && /^\d+$/.test(tokens[k - 1]!.text)) k--;
  return { tokens, values: tokens.slice(k), page };
}

/** A line with a label, then each text at its character column. */
function at(label: string, cells: [string, number][]): string {
  let s = label;
  for (const [text, col] of cells) s = s.padEnd(col) + text;
  return s;
}

describe('table 三 columns from the header of layout text', function () {
  this.timeout(60_000);

  it('puts 2 under 法律服务机构 and 1 under 其他, blank cells null (absurd-spans, lines 103–105)', async () => {
    // "自然人@37 … 商业企业@43 科研机构@48 社会公益组织@53 法律服务机构@60 其他@67 总计@70"
    // "一、本年新收政府信息公开申请数量  821  35  2  1  859" with 2 at column 63, 1 at 68.
    const r = await form('chromium-shanghai-2019-absurd-spans.txt');
    assert.deepEqual(row(r, 'new'), [821, 35, null, null, 2, 1, 859]);
    assert.deepEqual(row(r, 'carried_in'), [18, null, null, null, null, null, 18]);
    assert.deepEqual(row(r, 'unable.not_held'), [252, 12, null, null, 1, null, null]);
    assert.equal(r.provenance['apps.new.legal_service']!.line, 105);
    assert.equal(r.provenance['apps.new.legal_service']!.inferred, undefined);
    // 767 … 805 stand on the line of "（七）总计", under four lines that each name a row left blank.
    assert.deepEqual(row(r, 'result_total'), [767, 35, null, null, 2, 1, 805]);
    assert.deepEqual(row(r, 'other'), [null, null, null, null, null, null, null]);
    assert.ok(!r.findings.some((f) => f.severity === 'error'), 'no error: the source has none');
  });

  it('reads a header wrapped over three lines ("自然"/"人", "商业企"/"业", msword lines 162–164)', async () => {
    const r = await form('chromium-shanghai-2019-msword.txt');
    // "（一）予以公开  258  12  1  1" (line 167): 1 at column 39 under 法律服@37, 1 at 42 under 其他@41.
    assert.deepEqual(row(r, 'granted'), [258, 12, null, null, 1, 1, null]);
    // "821" at column 18 stands left of 自然@19, and "35" (22–23) falls under 自然人 too: the row keeps its five
    // numbers, which name no columns, and says so (the header's words, joined to it, are not taken for numbers).
    assert.deepEqual(row(r, 'new'), [null, null, null, null, null, null, null]);
    assert.ok(r.findings.some((f) => f.rule === 'value.unplaced' && f.fields.includes('apps.new.natural') && f.message.includes('"821" "35" "2" "1" "859"')));
    assert.ok(!r.findings.some((f) => f.rule === 'label.unmapped' && f.message.includes('一、本年新收政府信息公开申请数量')));
  });

  it('reads 科研机构 glued to the group heading beside it ("科研机构法人或其他组织", label-variants line 106)', async () => {
    const r = await form('chromium-shanghai-2019-label-variants.txt');
    // "一、本年新收政府信息公开申请数量（件）  821  35  2  1  859" (line 108): 2 at 58 under 法律服务机构@55.
    assert.deepEqual(row(r, 'new'), [821, 35, null, null, 2, 1, 859]);
    assert.deepEqual(row(r, 'granted'), [258, 12, null, null, 1, 1, null]);
  });

  it('reads a zero-width space alone as a blank cell and one glued to a number as that number (zero-width, lines 105–107)', async () => {
    // Line 106: "二、上年结转政府信息公开申请数量  18  \u200b  \u200b  \u200b  \u200b  \u200b  18".
    const r = await form('chromium-shanghai-2019-zero-width.txt');
    assert.deepEqual(row(r, 'carried_in'), [18, null, null, null, null, null, 18]);
    // Line 105 starts its numbers with "\u200b821".
    assert.deepEqual(row(r, 'new'), [821, 35, null, null, 2, 1, 859]);
    assert.equal(r.provenance['apps.new.natural']!.raw, '\u200b821');
  });

  it('takes the columns from a full row on the page when it has one (cell-variants, lines 104–128)', async () => {
    // Row 一 gives seven cells, blanks marked "/" and "—" (line 105): "８２１@39 35@43 /@51 —@56 2@64 1@69 859件@71",
    // while its header sets 商业企业 at 44, right of the 35. The other rows are placed by row 一's columns.
    const r = await form('chromium-shanghai-2019-cell-variants.txt');
    assert.deepEqual(row(r, 'granted'), [258, 12, null, null, 1, 1, null]);
    assert.deepEqual(row(r, 'unable.not_held'), [252, 12, null, null, 1, null, null]);
    assert.deepEqual(row(r, 'result_total'), [767, 35, null, null, 2, 1, 805]);
    // "14" alone at 41–42 (line 109) stands 1.5 from 自然人's column and 2 from 商业企业's: in doubt, left null.
    assert.deepEqual(row(r, 'denied.state_secret'), [null, null, null, null, null, null, null]);
  });

  it('places by a full row\'s columns only when no other placement comes near', () => {
    const anchors = [40, 43.5, 51, 56, 64, 69, 72.5];
    const v = (text: string, start: number) => ({ text, start, end: start + text.length });
    assert.deepEqual(columnsByAnchors([v('258', 40), v('12', 45), v('1', 64), v('1', 69)], anchors), [0, 1, 4, 5]);
    assert.equal(columnsByAnchors([v('14', 41)], anchors), undefined);
    // Farther than three characters from every column.
    assert.equal(columnsByAnchors([v('9', 60)], anchors), undefined);
  });

  it('leaves rows on a page without the header unplaced when the header\'s page placed too few columns (gbk, page 2)', async () => {
    // Page 2 starts at line 138 ("\f5. 属于三类内部事务信息  5"): its columns are not page 1's. Its numbers stand
    // in five runs (52–53, 58–58.5, 63, 67, 71.5–72), but page 1 placed numbers under 自然人 (50.5–51) and 总计
    // (95.5) only: three runs have no column to go to, and page 1's 35@60.5, 2@87, 1@91 name none.
    const r = await form('chromium-shanghai-2019-gbk.txt');
    assert.deepEqual(row(r, 'carried_in'), [18, null, null, null, null, null, 18]);
    assert.deepEqual(row(r, 'denied.internal_affairs'), [null, null, null, null, null, null, null]);
    assert.deepEqual(row(r, 'unable.not_held'), [null, null, null, null, null, null, null]);
    // Page 1's "2" and "1" of row 一 both fall under 其他@80 (its labels stand left of their numbers): unplaced, not guessed.
    assert.deepEqual(row(r, 'new'), [null, null, null, null, null, null, null]);
  });

  it('places nothing by position in layout text without form feeds: where its pages end is unknown', async () => {
    // gbk's page 2 (from line 138) sets its columns 2–3 characters right of page 1's: with the form feed gone,
    // page 1's header put 252's 1 (63) under 科研机构. Every row with fewer numbers than columns stays unplaced.
    const dir = mkdtempSync(join(tmpdir(), 'gk-layout-'));
    try {
      const text = readFileSync(join(FIXTURES, 'forms', 'layout', 'chromium-shanghai-2019-gbk.txt'), 'utf8').replaceAll('\f', '');
      writeFileSync(join(dir, 'gbk.txt'), text);
      const r = await extractReport(join(dir, 'gbk.txt'));
      assert.deepEqual(row(r, 'unable.not_held'), [null, null, null, null, null, null, null]);
      assert.deepEqual(row(r, 'carried_in'), [null, null, null, null, null, null, null]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('places nothing under a label its numbers stand far right of, or beneath which they stand in two places (gbk lines 119–120)', () => {
    // "其他@80 … 总计@95", row 一 "821@50 35@60 2@87 1@91 859@95": the labels stand left of their numbers.
    const starts = [50, 56, 61, 66, 73, 80, 95];
    const widths = [3, 4, 4, 6, 6, 2, 2];
    const v = (text: string, start: number) => ({ text, start, end: start + text.length });
    // 法律服务机构's 1 alone at 87 falls under 其他 (80–94), past that two-character label's extent (84): refused.
    assert.equal(columnsOf([v('252', 50), v('1', 87)], starts, widths), undefined);
    assert.deepEqual(columnsOf([v('18', 50), v('18', 95)], starts, widths), [0, 6]);
    // Were the labels wider, the page's numbers at 87 and 91 would still show two columns under one label.
    const page = [v('821', 50), v('35', 60), v('2', 87), v('1', 91), v('859', 95), v('18', 50), v('18', 95)];
    const wide = widths.map(() => 20);
    assert.deepEqual([...crowdedColumns(page, starts)], [5]);
    assert.deepEqual(columnsOf([v('252', 50), v('1', 87)], starts, wide), [0, 5]);
    assert.equal(columnsOf([v('252', 50), v('1', 87)], starts, wide, crowdedColumns(page, starts)), undefined);
  });

  it('takes a number only when its centre stands a character clear of the next column', () => {
    const starts = [10, 20, 30, 40, 50, 60, 70];
    const widths = starts.map(() => 8);
    assert.deepEqual(columnsOf([{ text: '12', start: 11, end: 13 }, { text: '3', start: 52, end: 53 }], starts, widths), [0, 4]);
    // "35" at 19–20: centre 19.5, within a character of the next label at 20; at 18–19 it is clear of it.
    assert.equal(columnsOf([{ text: '35', start: 19, end: 21 }], starts, widths), undefined);
    assert.deepEqual(columnsOf([{ text: '35', start: 18, end: 20 }], starts, widths), [0]);
    // Left of the first label, or two numbers in one column.
    assert.equal(columnsOf([{ text: '7', start: 8, end: 9 }], starts, widths), undefined);
    assert.equal(columnsOf([{ text: '1', start: 41, end: 42 }, { text: '2', start: 44, end: 45 }], starts, widths), undefined);
  });

  it('uses the page\'s full rows over the header, none when they disagree, and no header on a page that has none', () => {
    // 自然人@16 商业企业@22 科研机构@28 社会公益组织@33 法律服务机构@40 其他@47 总计@51
    const head = line('                自然人   商业企业  科研机构 社会公益组织 法律服务机构 其他  总计');
    const full = line(at('一、本年新收', [['1', 17], ['2', 23], ['3', 29], ['4', 35], ['5', 42], ['6', 48], ['21', 52]]));
    const two = line(at('二、上年结转', [['9', 17], ['9', 52]]));
    assert.deepEqual(placeUnderHeaders([head, two])[1]!.map((c) => c.text), ['9', '', '', '', '', '', '9']);
    assert.deepEqual(placeUnderHeaders([head, full, two])[2]!.map((c) => c.text), ['9', '', '', '', '', '', '9']);
    // A second full row set four characters right of the first: the page's columns are in doubt.
    const shifted = line(at('三、办理结果', [['1', 21], ['2', 27], ['3', 33], ['4', 39], ['5', 46], ['6', 52], ['21', 56]]));
    assert.deepEqual(placeUnderHeaders([head, full, shifted, two]), [undefined, undefined, undefined, undefined]);
    // On the next page, without a full row, the header's columns no longer hold.
    assert.deepEqual(placeUnderHeaders([head, { ...two, page: 1 }]), [undefined, undefined]);
    // With one, they are that row's.
    assert.deepEqual(placeUnderHeaders([head, { ...full, page: 1 }, { ...two, page: 1 }])[2]!.map((c) => c.text), ['9', '', '', '', '', '', '9']);
  });
  it('places a page the table runs on to by the columns its header\'s page placed, shifted (msword, lines 200–201)', async () => {
    // Page 5 placed 自然人 at 22 (median of its rows), 商业企业 26, 法律服务机构 39, 其他 42, 总计 48.5.
    // Page 6 (from line 199): "（七）总计  767@18 35@23.5 2@35 1@39 805@44" and "四、结转下年度继续办理  72@18.5 72@43.5":
    // five runs onto those five columns, shifted 3.75, each number within 1.25 of its column.
    const r = await form('chromium-shanghai-2019-msword.txt');
    assert.deepEqual(row(r, 'result_total'), [767, 35, null, null, 2, 1, 805]);
    assert.deepEqual(row(r, 'carried_out'), [72, null, null, null, null, null, 72]);
    assert.equal(r.provenance['apps.result_total.legal_service']!.line, 200);
    assert.equal(r.provenance['apps.carried_out.total']!.line, 201);
    assert.ok(!r.findings.some((f) => f.severity === 'error'), 'no error: the source has none');
  });

  it('places a run-on page only when one shift fits and no other choice of columns comes near', () => {
    const v = (text: string, start: number) => ({ text, start, end: start + text.length });
    // The header's page placed numbers under 自然人, 商业企业, 法律服务机构, 其他 and 总计 (msword's page 5).
    const places = [22, 26, undefined, undefined, 39, 42, 48.5];
    const page = [[v('767', 17), v('35', 23), v('2', 35), v('1', 39), v('805', 43)], [v('72', 18), v('72', 43)], [v('9', 23)]];
    assert.deepEqual(columnsByShift(page, places), [[0, 1, 4, 5, 6], [0, 6], [1]]);
    // Every column at an even pitch on the header's page: three runs at that pitch fit five shifts.
    const even = [10, 15, 20, 25, 30, 35, 40];
    assert.equal(columnsByShift([[v('1', 50), v('2', 55), v('3', 60)]], even), undefined);
    // A run between two placed columns (a column blank on the header's page) fits none.
    assert.equal(columnsByShift([[v('767', 17), v('35', 23), v('4', 29), v('805', 43)]], places), undefined);
    // Two numbers of a row in one run, or a run spread wider than a character and a half.
    assert.equal(columnsByShift([[v('767', 17), v('35', 23), v('805', 43)], [v('1', 22), v('2', 23)]], places), undefined);
    assert.equal(columnsByShift([[v('767', 17), v('35', 23), v('805', 43)], [v('9', 19)], [v('8', 20)]], places), undefined);
    // Only one or two numbers a row: too little to pin a shift.
    assert.equal(columnsByShift([[v('72', 18), v('72', 43)], [v('3', 18), v('1', 23)]], places), undefined);
  });

  it('takes the run-on page\'s shift from the header\'s page, and nothing when two shifts fit', () => {
    const head = line('                自然人   商业企业  科研机构 社会公益组织 法律服务机构 其他  总计');
    const full = line(at('一、本年新收', [['1', 17], ['2', 23], ['3', 29], ['4', 35], ['5', 42], ['6', 48], ['21', 52]]));
    const next = (cells: [string, number][]) => ({ ...line(at('（七）总计', cells)), page: 1 });
    // Page 2 set three characters right of page 1: 自然人, 商业企业, 法律服务机构, 其他, 总计.
    const shifted = next([['9', 20], ['2', 26], ['1', 45], ['3', 51], ['15', 55]]);
    assert.deepEqual(placeUnderHeaders([head, full, shifted])[2]!.map((c) => c.text), ['9', '2', '', '', '1', '3', '15']);
    // Without 其他, the same numbers moved one column left at the end fit within 2.25 (其他 at 48, 总计 at 52.5): in doubt.
    assert.equal(placeUnderHeaders([head, full, next([['9', 20], ['2', 26], ['1', 45], ['12', 55]])])[2], undefined);
    // Three numbers at page 1's pitch between 科研机构, 社会公益组织 and 法律服务机构 (29, 35, 42): shifted
    // six characters they stand under the next three columns as well (35, 42, 48) within a character.
    const pitch = next([['1', 30], ['2', 36], ['3', 43]]);
    assert.equal(placeUnderHeaders([head, full, pitch])[2], undefined);
  });
});
