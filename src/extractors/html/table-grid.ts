// HTML <table> → RawTable: the standard occupancy matrix for rowspan/colspan,
// with absurd spans clamped (pages do say rowspan="100000").
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { CellProv, RawCell, RawTable } from '../../types.js';
import { cellText } from './text.js';

export const MAX_SPAN = 200;
export const MAX_CELLS = 20_000;

export interface GridOptions {
  /** Extra provenance to stamp on every cell (e.g. a DOCX paragraph index). */
  prov?: (cell: Element, row: number, col: number) => Partial<CellProv>;
}

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/**
 * A node with children (element, root, CDATA): what `'children' in n` asks,
 * read as a property instead of a prototype-chain lookup on every node of a page.
 */
export function hasKids(n: AnyNode): n is AnyNode & { children: AnyNode[] } {
  return (n as { children?: unknown }).children !== undefined;
}

/** An element node (domhandler types <script> and <style> apart from other tags). */
export function isElement(n: AnyNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

/**
 * Rows of this table only, in document order: rows of nested tables are left
 * to their own table. Walked on the DOM (not with selectors and `closest`,
 * which cost a wrapper per element and a climb to the table per row).
 */
function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  const stack: AnyNode[] = [...table.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === 'table') continue;
    if (n.name === 'tr') rows.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return rows;
}

/** Builds the raw table of one <table>; `clamped` counts spans cut to size. */
export function tableToRaw($: CheerioAPI, table: Element, index: number, opts: GridOptions = {}): { table: RawTable; clamped: number } {
  const occupied: boolean[][] = [];
  const cells: RawCell[] = [];
  let clamped = 0;
  let nCols = 0;
  const rows = ownRows(table);
  rows.forEach((tr, r) => {
    occupied[r] ??= [];
    let c = 0;
    for (const td of tr.children) {
      if (!isElement(td) || (td.name !== 'td' && td.name !== 'th')) continue;
      while (occupied[r]![c]) c++;
      const rawRow = td.attribs.rowspan;
      const rawCol = td.attribs.colspan;
      let rowSpan = span(rawRow);
      const colSpan = span(rawCol);
      if (Number(rawRow) > MAX_SPAN || Number(rawCol) > MAX_SPAN) clamped++;
      // A span never reaches past the table's last row.
      rowSpan = Math.min(rowSpan, rows.length - r);
      for (let i = 0; i < rowSpan; i++) {
        const line = (occupied[r + i] ??= []);
        for (let j = 0; j < colSpan; j++) line[c + j] = true;
      }
      const prov: CellProv = opts.prov ? { table: index, row: r, col: c, ...opts.prov(td, r, c) } : { table: index, row: r, col: c };
      cells.push({ text: cellText($, td), row: r, col: c, rowSpan, colSpan, prov });
      c += colSpan;
      nCols = Math.max(nCols, c);
      if (cells.length > MAX_CELLS) break;
    }
  });
  return { table: { index, nRows: rows.length, nCols, cells }, clamped };
}

export type { AnyNode };
