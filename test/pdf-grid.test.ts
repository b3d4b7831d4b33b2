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
    const glyphs = [run('（二）部分公开（区分处理的', 0, 10), run('只计这一情形）', 0, 22), run('Annual', 0, 34, 10, 30), run('report', 0, 46, 10, 30)].flatMap(splitRun);
    assert.equal(glyphText(glyphs), '（二）部分公开（区分处理的只计这一情形）Annual report');
    const vertical = ['三', '、', '本', '年'].map((c, i) => run(c, 0, 10 + i * 12)).flatMap(splitRun);
    assert.equal(glyphText(vertical), '三、本年');
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
