// Rows rebuilt from a stream of cells (one cell per line, a PDF's raw text):
// the rows were lost in the copy, so a label after numbers starts a new row.
import type { TextRow } from './rows.js';

export const VALUE = /^[+\-−]?[0-9０-９][0-9０-９,，.．]*(万元|亿元|元|件|条|个|项)?$|^[/／\-—–－无]$/;

/** A list number standing alone ("3." before "危及“三安全一稳定”" on the next line): the start of a label, never a count. */
const LIST_NUMBER = /^[0-9０-９]{1,2}[.．]$/;

/** Rows rebuilt from a stream of cells: a label after numbers starts a new row. */
export class Stream {
  rows: TextRow[] = [];
  private current: TextRow | undefined;
  private hasValues = false;

  // Lines the current row's numbers came from: over one, their columns are counted, not seen on a line.
  private valueLines = 0;
  private lastValueLine = 0;
  /** Cells dropped because their row already had `maxCells`. */
  dropped = 0;

  constructor(private readonly maxCells: number) {}

  push(cells: string[], line: number): void {
    for (const cell of cells) {
      const isValue = cell === '' || (VALUE.test(cell) && !LIST_NUMBER.test(cell));
      if (!isValue && (this.hasValues || !this.current)) this.end();
      this.current ??= { cells: [], lines: [], line };
      if (isValue && cell !== '' && line !== this.lastValueLine) {
        this.valueLines++;
        this.lastValueLine = line;
      }
      if (this.current.cells.length < this.maxCells) {
        this.current.cells.push(cell);
        this.current.lines.push(line);
      }
      else this.dropped++;
      if (isValue) this.hasValues = true;
    }
  }

  end(): void {
    if (this.current && this.current.cells.some((c) => c !== '')) {
      if (this.valueLines > 1) this.current.inferred = true;
      this.rows.push(this.current);
    }
    this.current = undefined;
    this.hasValues = false;
    this.valueLines = 0;
    this.lastValueLine = 0;
  }
}
