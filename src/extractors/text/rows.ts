// Plain-text copies of report pages → rows of cells. Layouts seen:
//  - a copy of an HTML page: a row is a block between blank lines and each
//    cell starts with a tab on its own line (lines without it continue the cell);
//  - tab- or `|`-separated rows (a copy of a table, Markdown);
//  - one cell per line ("规章 |", a bare "|" for an empty cell, or no bars at
//    all), the rows lost: a label starts a row and the numbers under it are its cells;
//  - a PDF's raw text: a label, then numbers separated by spaces.
// Cells keep their text verbatim; which label is which template row is the
// normalizers' business.

import { Stream, VALUE } from './stream.js';

export interface TextRow {
  cells: string[];
  /** 1-based line of each cell. */
  lines: number[];
  /** 1-based line where the row starts. */
  line: number;
  /** The row's numbers stand on several lines (a stream of cells): their columns are counted, not seen on one line. */
  inferred?: boolean;
}

/** Splits a space-separated line into its label and the numbers that end it. */
function splitSpaced(line: string): string[] {
  const tokens = line.trim().split(/\s+/);
  let k = tokens.length;
  while (k > 0 && VALUE.test(tokens[k - 1]!)) k--;
  if (k === tokens.length) return [line.trim()];
  const label = tokens.slice(0, k).join(' ');
  return label ? [label, ...tokens.slice(k)] : tokens.slice(k);
}

function splitPipes(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|')) s = s.slice(0, -1);
  return s.split('|').map((c) => c.trim());
}

/**
 * Limits that keep every pass linear: no row label or row of numbers of the
 * template is anywhere near these sizes, so a longer line is narrative (or
 * damage) and a longer row is cut; each cut is a finding.
 */
export const MAX_CELL_LINE = 2000;
export const MAX_ROW_CELLS = 512;

/** A page number standing alone ("- 3 -", "第3页 共9页"): no part of any row. */
export const PAGE_NUMBER = /^(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?)$/;
const MD_RULE = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;
/** "规章 |", "0 | ||": one cell, then bars left by merged cells (a scan, not a lazy regex: runs of blanks made it quadratic). */
function pipeCell(trimmed: string): string | undefined {
  const bar = trimmed.indexOf('|');
  if (bar < 0) return undefined;
  for (let i = bar + 1; i < trimmed.length; i++) if (trimmed[i] !== '|' && !/\s/.test(trimmed[i]!)) return undefined;
  return trimmed.slice(0, bar).trimEnd();
}

/** What the limits cut: lines read as narrative only, cells beyond a row's limit. */
export interface TextCuts {
  longLines: number;
  longest: number;
  firstLongLine: number;
  droppedCells: number;
}

/** Cuts a row to MAX_ROW_CELLS cells, counting what it drops. */
function capped(cells: string[], cuts: TextCuts): string[] {
  if (cells.length <= MAX_ROW_CELLS) return cells;
  cuts.droppedCells += cells.length - MAX_ROW_CELLS;
  return cells.slice(0, MAX_ROW_CELLS);
}

/** `first` is the 1-based line number of the text's first line (a part of a larger text). */
export function textRows(lines: string[], first = 1): { rows: TextRow[]; narrative: string[]; cuts: TextCuts } {
  const rows: TextRow[] = [];
  const narrative: string[] = [];
  const cuts: TextCuts = { longLines: 0, longest: 0, firstLongLine: 0, droppedCells: 0 };
  const stream = new Stream(MAX_ROW_CELLS);
  let block: TextRow | undefined;
  const endBlock = () => {
    if (block && block.cells.length) rows.push(block);
    block = undefined;
  };
  const flush = () => {
    stream.end();
    rows.push(...stream.rows.splice(0));
  };
  lines.forEach((raw, i) => {
    const n = i + first;
    const trimmed = raw.trim();
    if (raw.length > MAX_CELL_LINE) {
      cuts.longLines++;
      cuts.longest = Math.max(cuts.longest, raw.length);
      cuts.firstLongLine ||= n;
      endBlock();
      flush();
      narrative.push(trimmed);
      return;
    }
    if (raw.startsWith('\t')) {
      flush();
      block ??= { cells: [], lines: [], line: n };
      if (block.cells.length < MAX_ROW_CELLS) {
        block.cells.push(raw.slice(1).trim());
        block.lines.push(n);
      }
      else cuts.droppedCells++;
      return;
    }
    if (trimmed === '') {
      endBlock();
      return;
    }
    if (block) {
      // A line without the leading tab continues the cell above it.
      const last = block.cells.length - 1;
      block.cells[last] = `${block.cells[last]}\n${trimmed}`;
      return;
    }
    if (MD_RULE.test(trimmed)) return;
    if (/^\|+$/.test(trimmed)) {
      // A bare "|" is an empty cell; a run of bars is what merged cells leave.
      if (trimmed === '|') stream.push([''], n);
      return;
    }
    const cell = pipeCell(trimmed);
    if (cell !== undefined) {
      stream.push([cell], n);
      return;
    }
    if (trimmed.includes('|') || raw.includes('\t')) {
      flush();
      const cells = capped(trimmed.includes('|') ? splitPipes(raw) : raw.split('\t').map((c) => c.trim()), cuts);
      rows.push({ cells, lines: cells.map(() => n), line: n });
      return;
    }
    narrative.push(trimmed);
    // A page number ("— 4 —", "-3-", "第4页") is no cell: read as values it would join the row above.
    if (PAGE_NUMBER.test(trimmed)) return;
    stream.push(splitSpaced(raw), n);
  });
  endBlock();
  flush();
  cuts.droppedCells += stream.dropped;
  return { rows, narrative, cuts };
}
