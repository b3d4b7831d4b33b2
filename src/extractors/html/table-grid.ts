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

/** Rows of this table only: rows of nested tables are left to their own table. */
function ownRows($: CheerioAPI, table: Element): Element[] {
  return $(table)
    .find('tr')
    .toArray()
    .filter((tr) => $(tr).closest('table').get(0) === table);
}

/** Builds the raw table of one <table>; `clamped` counts spans cut to size. */
export function tableToRaw($: CheerioAPI, table: Element, index: number, opts: GridOptions = {}): { table: RawTable; clamped: number } {
  const occupied: boolean[][] = [];
  const cells: RawCell[] = [];
  let clamped = 0;
  let nCols = 0;
  const rows = ownRows($, table);
  rows.forEach((tr, r) => {
    occupied[r] ??= [];
    let c = 0;
    for (const td of $(tr).children('td,th').toArray()) {
      while (occupied[r]![c]) c++;
      const rawRow = $(td).attr('rowspan');
      const rawCol = $(td).attr('colspan');
      let rowSpan = span(rawRow);
      const colSpan = span(rawCol);
      if (Number(rawRow) > MAX_SPAN || Number(rawCol) > MAX_SPAN) clamped++;
      // A span never reaches past the table's last row.
      rowSpan = Math.min(rowSpan, rows.length - r);
      for (let i = 0; i < rowSpan; i++) {
        const line = (occupied[r + i] ??= []);
        for (let j = 0; j < colSpan; j++) line[c + j] = true;
      }
      const prov: CellProv = { table: index, row: r, col: c, ...(opts.prov?.(td, r, c) ?? {}) };
      cells.push({ text: cellText($, td), row: r, col: c, rowSpan, colSpan, prov });
      c += colSpan;
      nCols = Math.max(nCols, c);
      if (cells.length > MAX_CELLS) break;
    }
  });
  return { table: { index, nRows: rows.length, nCols, cells }, clamped };
}

export type { AnyNode };
