// Tables across pages (table 三 has 28 rows and rarely fits one page):
// a table that ends a page joins the one that starts the next page when
// their left and right edges match. A header row repeated on the
// continuation page is dropped; a row-spanning label cut by the page break
// ("三、本年度办理结果", "（四）无|法提供") continues into the next part.
import { cluster, nearest } from './geometry.js';
import type { PageCell, PageTable } from './cells.js';
import { SNAP } from './grid.js';

export interface JoinedCell extends PageCell {
  page: number;
}

export interface JoinedTable {
  pages: number[];
  nRows: number;
  nCols: number;
  cells: JoinedCell[];
  parts: PageTable[];
}

/** Edges within this distance (pt) count as the same table. */
const EDGE_TOL = 4;

export function fromPage(t: PageTable): JoinedTable {
  return { pages: [t.page], nRows: t.nRows, nCols: t.nCols, cells: t.cells.map((c) => ({ ...c, page: t.page })), parts: [t] };
}

/** Numbering that starts a new template label: 一、 （五） (5) 5. 5、 */
const LABEL_START = /^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.、．])/;

function signature(t: JoinedTable, row: number): string {
  return t.cells.filter((c) => c.row === row).sort((a, b) => a.col - b.col).map((c) => `${c.col}:${c.colSpan}:${c.text}`).join('|');
}

/** Rows of `next` that repeat the header of `prev` (0 when none). */
export function repeatedHeader(prev: JoinedTable, next: JoinedTable): number {
  let k = 0;
  while (k < next.nRows - 1 && k < prev.nRows) {
    const hasText = next.cells.some((c) => c.row === k && c.text !== '');
    if (!hasText || signature(next, k) !== signature(prev, k)) break;
    k++;
  }
  // Never cut through a cell that spans from the header into the body.
  while (k > 0 && next.cells.some((c) => c.row < k && c.row + c.rowSpan > k)) k--;
  return k;
}

/** Re-indexes the columns of both tables onto the union of their column lines. */
function unifyColumns(a: JoinedTable, b: JoinedTable): number[] {
  const xs = cluster([...a.parts.flatMap((p) => p.xs), ...b.parts.flatMap((p) => p.xs)], SNAP);
  for (const t of [a, b]) {
    for (const c of t.cells) {
      const c0 = nearest(xs, c.bbox.x0, SNAP * 2), c1 = nearest(xs, c.bbox.x1, SNAP * 2);
      if (c0 >= 0 && c1 > c0) {
        c.col = c0;
        c.colSpan = c1 - c0;
      }
    }
    t.nCols = xs.length - 1;
  }
  return xs;
}

const isNumber = (t: string): boolean => /^[\s+\-−]?[\d０-９][\d０-９,.，．]*$/.test(t);

/**
 * True when the first row of the continuation is the rest of the previous
 * part's last row (the page broke inside a row, as LibreOffice and Word allow):
 * every cell lines up with one of the last row's cells and is empty or
 * continues its text (no number, no numbering that starts a new label).
 */
function rowContinues(lastRow: JoinedCell[], first: JoinedCell[]): boolean {
  if (first.length === 0 || lastRow.length === 0) return false;
  let continued = 0;
  for (const x of first) {
    const y = lastRow.find((c) => c.col === x.col && c.colSpan === x.colSpan);
    if (!y) return false;
    if (x.text === '') continue;
    if (y.text === '' || isNumber(x.text) || LABEL_START.test(x.text)) return false;
    continued++;
  }
  return continued > 0;
}

/**
 * Chromium moves a row that does not fit to the next page but draws the
 * row's top at the foot of the page: an empty strip, its inner borders
 * often missing. An empty last row holds nothing: it is dropped, and the
 * cells spanning into it end above it.
 */
function dropEmptyLastRow(t: JoinedTable): void {
  const last = t.nRows - 1;
  const starting = t.cells.filter((c) => c.row === last);
  if (t.nRows < 2 || starting.length === 0 || starting.some((c) => c.text !== '' || c.rowSpan > 1)) return;
  t.cells = t.cells.filter((c) => c.row !== last);
  for (const c of t.cells) if (c.row + c.rowSpan > last) c.rowSpan--;
  t.nRows--;
}

/** Appends `next` (the continuation on the following page) to `prev`. */
export function joinTables(prev: JoinedTable, next: JoinedTable): JoinedTable {
  dropEmptyLastRow(prev);
  unifyColumns(prev, next);
  const k = repeatedHeader(prev, next);
  const body = next.cells.filter((c) => c.row >= k).map((c) => ({ ...c, row: c.row - k }));
  const lastRow = prev.cells.filter((c) => c.row + c.rowSpan === prev.nRows);
  const split = rowContinues(lastRow.filter((c) => c.row === prev.nRows - 1), body.filter((c) => c.row === 0));
  // A split row shares one grid row with the previous part: shift one less.
  const shift = prev.nRows - (split ? 1 : 0);
  const kept: JoinedCell[] = [];
  for (const x of body) {
    const y = x.row === 0 ? lastRow.find((c) => c.col === x.col && c.colSpan === x.colSpan) : undefined;
    const spanning = y !== undefined && (y.rowSpan > 1 || x.rowSpan > 1);
    const continues = x.text === '' || (y?.text !== '' && !LABEL_START.test(x.text) && !isNumber(x.text));
    if (y && (split || (spanning && continues))) {
      y.rowSpan += x.rowSpan - (split ? 1 : 0);
      y.text += x.text;
      continue;
    }
    kept.push({ ...x, row: x.row + shift });
  }
  return {
    pages: [...prev.pages, ...next.pages.filter((p) => !prev.pages.includes(p))],
    nRows: shift + next.nRows - k,
    nCols: Math.max(prev.nCols, next.nCols),
    cells: [...prev.cells, ...kept].sort((a, b) => a.row - b.row || a.col - b.col),
    parts: [...prev.parts, ...next.parts],
  };
}

export interface PageFlow {
  /** Bottom of the last narrative line (not a page number) on the page, top of the first. */
  flowTop: number;
  flowBottom: number;
}

/**
 * Joins consecutive tables: the last table of page p and the first of page
 * p+1, when no narrative text lies between them and the edges match.
 */
export function joinAcrossPages(tables: PageTable[], flow: Map<number, PageFlow>): JoinedTable[] {
  const out: JoinedTable[] = [];
  for (const t of tables) {
    const prev = out[out.length - 1];
    const last = prev?.parts[prev.parts.length - 1];
    const samePageLater = tables.some((o) => o.page === last?.page && o.bbox.y0 > (last?.bbox.y0 ?? 0));
    const firstOnPage = !tables.some((o) => o.page === t.page && o.bbox.y0 < t.bbox.y0);
    const pf = flow.get(last?.page ?? -1), nf = flow.get(t.page);
    const nothingBetween = pf !== undefined && nf !== undefined && last !== undefined && pf.flowBottom <= last.bbox.y1 + 2 && nf.flowTop >= t.bbox.y0 - 2;
    if (prev && last && t.page === last.page + 1 && !samePageLater && firstOnPage && nothingBetween && Math.abs(last.bbox.x0 - t.bbox.x0) <= EDGE_TOL && Math.abs(last.bbox.x1 - t.bbox.x1) <= EDGE_TOL) {
      out[out.length - 1] = joinTables(prev, fromPage(t));
    } else out.push(fromPage(t));
  }
  return out;
}
