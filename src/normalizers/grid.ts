// Sparse raw cells → the dense grid and the logical rows the mappers read.
import type { RawCell, RawTable } from '../types.js';

/** Every slot of the grid points at the cell that covers it (Docling's TableData.grid). */
export function denseGrid(table: RawTable): Array<Array<RawCell | undefined>> {
  const grid: Array<Array<RawCell | undefined>> = Array.from({ length: table.nRows }, () => new Array(table.nCols).fill(undefined));
  for (const cell of table.cells) {
    for (let r = cell.row; r < Math.min(cell.row + cell.rowSpan, table.nRows); r++) {
      for (let c = cell.col; c < Math.min(cell.col + cell.colSpan, table.nCols); c++) grid[r]![c] = cell;
    }
  }
  return grid;
}

/** One row of a table as the mappers see it: its distinct cells, left to right. */
export interface LogicalRow {
  table: number;
  row: number;
  cells: RawCell[];
}

/** The logical rows of all tables, in document order. */
export function logicalRows(tables: RawTable[]): LogicalRow[] {
  const rows: LogicalRow[] = [];
  for (const table of tables) {
    denseGrid(table).forEach((slots, r) => {
      const cells: RawCell[] = [];
      for (const cell of slots) if (cell && cells[cells.length - 1] !== cell && !cells.includes(cell)) cells.push(cell);
      if (cells.length) rows.push({ table: table.index, row: r, cells });
    });
  }
  return rows;
}

/** The whole row's text, for keyword tests. */
export function rowText(row: LogicalRow): string {
  return row.cells.map((c) => c.text).join(' ');
}
