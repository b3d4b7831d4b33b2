// Rows rebuilt from a stream of cells (one cell per line, a PDF's raw text):
// the rows were lost in the copy, so a label after numbers starts a new row.
import type { TextRow } from './rows.js';

export const VALUE = /^[+\-−]?[0-9０-９][0-9０-９,，.．]*(万元|亿元|元|件|条|个|项)?$|^[/／\-—–－无]$/;

/** A count with a note in brackets ("12（其中修订3件）"): one cell, its number first. */
const NOTED = /^[+\-−]?[0-9０-９][0-9０-９,，.．]*\s*[（(][^（()）]*[）)]$/;
/** The same cell cut by a line end or a space inside its note ("12（其中修订" "3", then "件）"). */
const NOTE_OPEN = /^[+\-−]?[0-9０-９][0-9０-９,，.．]*\s*[（(][^（()）]*$/;
/** A note longer than this is no cell's note (it is narrative), and its pieces stand as they came. */
const MAX_NOTE = 40;

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

  // A count whose note is still open: its pieces (cell, line) so far.
  private open: Array<[string, number]> = [];

  push(cells: string[], line: number): void {
    for (const cell of cells) {
      if (this.open.length) {
        this.open.push([cell, line]);
        const text = this.noteText();
        if (NOTED.test(text)) {
          const first = this.open[0]![1];
          this.open = [];
          this.add(text, first);
        } else if (text.length > MAX_NOTE || /[（(]/.test(cell)) this.release();
        continue;
      }
      if (NOTE_OPEN.test(cell)) this.open.push([cell, line]);
      else this.add(cell, line);
    }
  }

  /** The open note's pieces joined: a space where they stood on one line, nothing across a line end. */
  private noteText(): string {
    return this.open.map(([c, l], i) => (i && this.open[i - 1]![1] === l ? ` ${c}` : c)).join('');
  }

  /** An open note that never closed: its pieces stand as they came. */
  private release(): void {
    const pieces = this.open;
    this.open = [];
    for (const [c, l] of pieces) this.add(c, l);
  }

  private add(cell: string, line: number): void {
    const isValue = cell === '' || NOTED.test(cell) || (VALUE.test(cell) && !LIST_NUMBER.test(cell));
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

  end(): void {
    if (this.open.length) this.release();
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
