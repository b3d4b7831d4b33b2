// The geometry stages on hand-made input: merged cells from missing rules,
// glyphs split at a column rule, CJK line joining, and the page-join rules
// (repeated header, a label cut by the page break, a row split by it).
import assert from 'node:assert/strict';
import { fillGrid, partitionRuns, type PageTable } from '../src/extractors/pdf/cells.js';
import type { Segment, TextRun } from '../src/extractors/pdf/geometry.js';
import { findGrids } from '../src/extractors/pdf/grid.js';
import { fromPage, joinTables } from '../src/extractors/pdf/join.js';
import { glyphText, splitRun } from '../src/extractors/pdf/text-join.js';

const h = (y: number, x0: number, x1: number): Segment => ({ axis: 'h', x0, x1, y0: y, y1: y });
const v = (x: number, y0: number, y1: number): Segment => ({ axis: 'v', x0: x, x1: x, y0, y1 });
let ids = 0;
const run = (str: string, x0: number, baseline: number, size = 10, width = [...str].length * size): TextRun => ({ id: ids++, str, size, vertical: false, x0, x1: x0 + width, y0: baseline - 0.8 * size, y1: baseline + 0.2 * size });

describe('pdf grid, cells and joins on hand-made geometry', () => {
  it('a missing rule merges unit cells into row and column spans', () => {
    // 3 × 3 grid; the left column's rule between rows 1 and 2 is missing
    // (a row span), and the top row has no inner vertical rules (a column span).
    const segs = [h(0, 0, 300), h(20, 0, 300), h(40, 100, 300), h(60, 0, 300), v(0, 0, 60), v(100, 20, 60), v(200, 20, 60), v(300, 0, 60)];
    const [g] = findGrids(segs);
    assert.ok(g);
    assert.deepEqual(g.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan]), [[0, 0, 1, 3], [1, 0, 2, 1], [1, 1, 1, 1], [1, 2, 1, 1], [2, 1, 1, 1], [2, 2, 1, 1]]);
  });

  it('a run straddling a column rule is split per glyph ("商业企业 科研")', () => {
    const segs = [h(0, 0, 200), h(30, 0, 200), v(0, 0, 30), v(100, 0, 30), v(200, 0, 30)];
    const [g] = findGrids(segs);
    // One run over 40–160 pt: six 20-pt glyphs centred at 50, 70, 90 | 110, 130, 150.
    const straddle = run('商业企业科研', 40, 20, 10, 120);
    const { inside } = partitionRuns([straddle], [g!.bbox]);
    const t = fillGrid(1, g!, inside);
    assert.deepEqual(t.cells.map((c) => c.text), ['商业企', '业科研']);
  });

  it('wrapped lines join without a space between CJK characters, with one between Latin words', () => {
    const glyphs = [run('（二）部分公开（区分处理的', 0, 10), run('只计这一情形）', 0, 22), run('Annual', 0, 34, 10, 30), run('report', 0, 46, 10, 30)].flatMap((r) => splitRun(r));
    assert.equal(glyphText(glyphs), '（二）部分公开（区分处理的只计这一情形）Annual report');
    const vertical = ['三', '、', '本', '年'].map((c, i) => run(c, 0, 10 + i * 12)).flatMap((r) => splitRun(r));
    assert.equal(glyphText(vertical), '三、本年');
    // "3119" printed as "3" + "119" spread over a justified cell stays one number; two numbers a wide gap apart do not.
    assert.equal(glyphText([run('3', 0, 10, 10, 5), run('119', 9, 10, 10, 15)].flatMap((r) => splitRun(r))), '3119');
    assert.equal(glyphText([run('3', 0, 10, 10, 5), run('119', 30, 10, 10, 15)].flatMap((r) => splitRun(r))), '3 119');
  });

  const table = (page: number, rows: string[][], spans: Record<string, number> = {}): PageTable => {
    const cells = rows.flatMap((r, row) => r.map((text, col) => ({ row, col, rowSpan: spans[`${row},${col}`] ?? 1, colSpan: 1, text, bbox: { x0: col * 50, x1: col * 50 + 50, y0: row * 20, y1: row * 20 + 20 } })));
    // Cells covered by a row span are not anchors.
    const covered = new Set<string>();
    for (const c of cells) for (let k = 1; k < c.rowSpan; k++) covered.add(`${c.row + k},${c.col}`);
    return { page, bbox: { x0: 0, y0: 0, x1: 150, y1: rows.length * 20 }, xs: [0, 50, 100, 150], ys: rows.map((_, i) => i * 20).concat(rows.length * 20), nRows: rows.length, nCols: 3, cells: cells.filter((c) => !covered.has(`${c.row},${c.col}`)), source: 'rules' };
  };

  it('drops a repeated header and continues a row-spanning label cut by the page break', () => {
    const p1 = table(3, [['项目', '自然人', '总计'], ['（四）无', '1.本机关不掌握', '10'], ['', '2.没有现成信息', '3']], { '1,0': 2 });
    const p2 = table(4, [['项目', '自然人', '总计'], ['法提供', '3.补正后', '0'], ['（五）不予处理', '1.信访', '1']]);
    const j = joinTables(fromPage(p1), fromPage(p2));
    assert.equal(j.nRows, 5);
    const label = j.cells.find((c) => c.col === 0 && c.row === 1)!;
    assert.equal(label.text, '（四）无法提供');
    assert.equal(label.rowSpan, 3);
    assert.deepEqual(j.cells.filter((c) => c.row === 3).map((c) => c.text), ['3.补正后', '0']);
    assert.deepEqual(j.cells.filter((c) => c.row === 4).map((c) => c.text), ['（五）不予处理', '1.信访', '1']);
    assert.equal(j.cells.filter((c) => c.text === '项目').length, 1);
    assert.deepEqual(j.pages, [3, 4]);
  });

  it('a row split by the page break becomes one row again; a new numbered row does not', () => {
    const p1 = table(1, [['1.申请人无正当理由逾期不补', '3', '3']]);
    const p2 = table(2, [['正、行政机关不再处理', '', ''], ['2.申请人逾期', '0', '0']]);
    const j = joinTables(fromPage(p1), fromPage(p2));
    assert.equal(j.nRows, 2);
    assert.deepEqual(j.cells.filter((c) => c.row === 0).map((c) => c.text), ['1.申请人无正当理由逾期不补正、行政机关不再处理', '3', '3']);
    const q = joinTables(fromPage(table(1, [['规章', '2', '15']])), fromPage(table(2, [['行政规范性文件', '12', '87']])));
    assert.equal(q.nRows, 2);
    assert.deepEqual(q.cells.map((c) => c.text), ['规章', '2', '15', '行政规范性文件', '12', '87']);
  });
});

describe('pdf tables across pages, end to end on a PDF written in code', function () {
  this.timeout(30_000);
  it('joins a table continued under a running header, drops its repeated header, ignores the page numbers', async () => {
    const { extractPdf } = await import('../src/extractors/pdf/index.js');
    const { pagesPdf, ruledTable } = await import('./pdf-helpers.js');
    const widths = [200, 60, 60];
    const header = ['Item', 'Natural', 'Total'];
    const running = (n: number): string => `BT /F1 9 Tf 250 820 Td (Annual report 2023) Tj ET\nBT /F1 10 Tf 290 30 Td (- ${n} -) Tj ET`;
    const p1 = [running(1), 'BT /F1 12 Tf 72 760 Td (Some narrative text before the table.) Tj ET', ruledTable([header, ['new', '120', '134'], ['carried', '5', '6'], ['granted', '60', '68'], ['partial', '10', '11']], widths, 72, 200)].join('\n');
    const p2 = [running(2), ruledTable([header, ['denied', '8', '9'], ['unable', '20', '22'], ['other', '3', '3'], ['total', '116', '129']], widths, 72, 780), 'BT /F1 12 Tf 72 600 Td (Text after the table.) Tj ET'].join('\n');
    const r = await extractPdf(pagesPdf([p1, p2]));
    assert.deepEqual(r.findings, []);
    assert.equal(r.value.tables.length, 1);
    const t = r.value.tables[0]!;
    assert.deepEqual(t.pages, [1, 2]);
    assert.equal(t.nRows, 9);
    assert.deepEqual(t.cells.map((c) => c.text), ['Item', 'Natural', 'Total', 'new', '120', '134', 'carried', '5', '6', 'granted', '60', '68', 'partial', '10', '11', 'denied', '8', '9', 'unable', '20', '22', 'other', '3', '3', 'total', '116', '129']);
    assert.deepEqual(t.cells.filter((c) => c.text === 'partial' || c.text === 'denied').map((c) => c.prov.page), [1, 2]);
    assert.ok(!/- \d -/.test(r.value.text));
    assert.match(r.value.text, /Some narrative text before the table\./);
  });
});

describe('pdf merges that are not rectangles', () => {
  it('keeps the unit cells and says so', async () => {
    const { findGrids: find } = await import('../src/extractors/pdf/grid.js');
    // 2 × 2 with only the rule between the two right cells' left side missing
    // in the top row and the rule under the top-left cell missing: an L shape.
    const segs = [h(0, 0, 200), h(20, 100, 200), h(40, 0, 200), v(0, 0, 40), v(100, 20, 40), v(200, 0, 40)];
    const [g] = find(segs);
    assert.ok(g);
    assert.equal(g.irregular, 1);
    assert.equal(g.cells.length, 4);
  });
});
