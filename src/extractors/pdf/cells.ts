// Grid + glyphs → the cells of one table on one page. A glyph belongs to
// the cell that holds its centre; runs that touch a table are split per glyph.
import { centreX, centreY, contains, round2, type Box, type Glyph, type TextRun } from './geometry.js';
import type { Grid } from './grid.js';
import type { OcrReading } from '../../ocr/reading.js';
import { glyphText, indexPlaced, splitRun } from './text-join.js';
import type { PlacedGlyph } from './vertical-text.js';

export interface PageCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  bbox: Box;
  /** Present when the cell was read by OCR. */
  ocr?: OcrReading;
}

/** A table as found on one page, before tables are joined across pages. */
export interface PageTable {
  page: number;
  bbox: Box;
  xs: number[];
  ys: number[];
  nRows: number;
  nCols: number;
  cells: PageCell[];
  /** How the table was found. */
  source: 'rules' | 'alignment';
  /** Groups of unit cells joined by missing rules that were not rectangles (kept as unit cells). */
  irregular?: number;
  /** Cells cut by the edge of what the page shows, their text reaching it: emptied (see `cutByClip`). */
  clipped?: number;
}

export function roundBox(b: Box): [number, number, number, number] {
  return [round2(b.x0), round2(b.y0), round2(b.x1), round2(b.y1)];
}

/** Reach (pt) past the visible edge from which a cell counts as cut, and nearness of its text to that edge. */
const CUT = 2;
const NEAR = 1;

/**
 * True when the cell runs past the visible area and its text reaches that
 * edge: more of the text may lie beyond, unseen (a total of 859 printed
 * as 85). Text that stops clear of the edge is whole.
 */
function cutByClip(cell: Box, glyphs: Glyph[], visible: Box): boolean {
  if (glyphs.length === 0) return false;
  // The cheap edge test first: almost no cell runs past the visible area, and its glyphs are then not looked at.
  return (
    (cell.x1 > visible.x1 + CUT && glyphs.some((g) => g.x1 >= visible.x1 - NEAR)) ||
    (cell.x0 < visible.x0 - CUT && glyphs.some((g) => g.x0 <= visible.x0 + NEAR)) ||
    (cell.y1 > visible.y1 + CUT && glyphs.some((g) => g.y1 >= visible.y1 - NEAR)) ||
    (cell.y0 < visible.y0 - CUT && glyphs.some((g) => g.y0 <= visible.y0 + NEAR))
  );
}

/** Fills the grid's cells with the glyphs whose centres they contain; cells cut by `visible` stay empty. */
export function fillGrid(page: number, grid: Grid, glyphs: Glyph[], visible?: Box): PageTable {
  const buckets = grid.cells.map(() => [] as Glyph[]);
  for (const g of glyphs) {
    const x = centreX(g), y = centreY(g);
    const i = grid.cells.findIndex((c) => contains(c.bbox, x, y));
    if (i >= 0) buckets[i]!.push(g);
  }
  let clipped = 0;
  const cells = grid.cells.map((c, i) => {
    const cut = visible !== undefined && cutByClip(c.bbox, buckets[i]!, visible);
    if (cut) clipped++;
    return { row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, bbox: c.bbox, text: cut ? '' : glyphText(buckets[i]!) };
  });
  const t: PageTable = { page, bbox: grid.bbox, xs: grid.xs, ys: grid.ys, nRows: grid.ys.length - 1, nCols: grid.xs.length - 1, cells, source: 'rules' };
  if (grid.irregular > 0) t.irregular = grid.irregular;
  if (clipped > 0) t.clipped = clipped;
  return t;
}

/**
 * Splits the page's runs into those inside some table box (as glyphs, at
 * their drawn positions where `placed` has them) and the rest (narrative).
 * A run counts as inside when any glyph centre is.
 */
export function partitionRuns(runs: TextRun[], boxes: Box[], placed: PlacedGlyph[] = []): { inside: Glyph[]; outside: TextRun[] } {
  const index = placed.length > 0 ? indexPlaced(placed) : undefined;
  const inside: Glyph[] = [];
  const outside: TextRun[] = [];
  for (const run of runs) {
    const touches = boxes.some((b) => run.x1 >= b.x0 && run.x0 <= b.x1 && run.y1 >= b.y0 && run.y0 <= b.y1);
    if (!touches) {
      outside.push(run);
      continue;
    }
    const gs = splitRun(run, index);
    const inGs = gs.filter((g) => boxes.some((b) => contains(b, centreX(g), centreY(g))));
    if (inGs.length === 0) outside.push(run);
    else inside.push(...inGs);
  }
  return { inside, outside };
}
