// Splitting a logical row into its label cells and its value cells.
import type { RawCell } from '../types.js';
import type { LogicalRow } from './grid.js';
import { labelKey, simplifiedKey } from './labels.js';
import { parseNumber } from './numbers.js';

/** A number (money amounts such as "25.1万元" included: the unit is checked once the field is known) or a blank. */
export function isValueLike(cell: RawCell): boolean {
  return parseNumber(cell.text).kind !== 'invalid' || parseNumber(cell.text, 'yuan').kind === 'number';
}

/** A header row repeats labels where the numbers go: a data row has a number, or is all blank. */
export function holdsData(values: RawCell[]): boolean {
  const kinds = values.map((c) => parseNumber(c.text).kind);
  return kinds.includes('number') || kinds.every((k) => k === 'blank');
}

export interface RowParts {
  labels: RawCell[];
  values: RawCell[];
  /** Numbers after the values that belong to other rows (rows run together); not used. */
  excess?: RawCell[];
}

/**
 * A row with at least `width` + 1 cells: the last `width` cells are its values
 * (whatever they hold, so text in a numeric cell is reported, not skipped).
 * A shorter row: the leading cells that are not numbers are labels, the rest
 * values (fewer than `width`: the blanks were dropped and places are unknown).
 */
export function splitRow(row: LogicalRow, width: number): RowParts {
  let cells = row.cells;
  // Copies of HTML tables pad a row with empty cells for the columns its merged
  // label cells spanned ("… | 1 | ||"): while a number sits just before the last
  // `width` cells, trailing blanks are padding, not values.
  while (cells.length > width + 1 && cells[cells.length - 1]!.text.trim() === '' && parseNumber(cells[cells.length - width - 1]!.text).kind === 'number') {
    cells = cells.slice(0, -1);
  }
  if (cells.length > width) {
    const head = cells.slice(0, cells.length - width);
    const label = head.findIndex((c) => c.text.trim() !== '' && !isValueLike(c));
    const first = label < 0 ? -1 : cells.findIndex((c, i) => i > label && parseNumber(c.text).kind === 'number');
    if (first >= 0 && first < head.length) {
      // More numbers after the label than one row holds: rows run together (a PDF's reading order puts
      // the numbers of several rows after one label). The label's own come first; the rest are not its.
      return { labels: cells.slice(0, first).filter((c) => c.text.trim() !== ''), values: cells.slice(first, first + width), excess: cells.slice(first + width).filter((c) => c.text.trim() !== '') };
    }
    const tail = cells.slice(cells.length - width);
    // Fewer numbers than columns after labels that ran together (a text's header lines joined to its first row:
    // two labels or more open the last `width` cells): the numbers are those after the last label. One cell that
    // is no number opening them may be the row's first value, written in words (value.not_numeric).
    const lastLabel = tail.findLastIndex((c) => c.text.trim() !== '' && !isValueLike(c));
    if (lastLabel >= 1 && tail.slice(0, lastLabel + 1).every((c) => !isValueLike(c))) {
      const at = cells.length - width + lastLabel + 1;
      return { labels: cells.slice(0, at).filter((c) => c.text.trim() !== ''), values: cells.slice(at) };
    }
    return { labels: head.filter((c) => c.text.trim() !== ''), values: tail };
  }
  let k = 0;
  while (k < cells.length && !isValueLike(cells[k]!)) k++;
  return { labels: cells.slice(0, k).filter((c) => c.text.trim() !== ''), values: cells.slice(k) };
}

export interface LabelKeys {
  /** Key of the last label cell: the row's own label. */
  last: string;
  /** Keys of all label cells joined: group and row. */
  all: string;
  /** Keys of the last two, three and four cells joined: a label wrapped over cells or lines. */
  tails: string[];
}

export function labelKeys(labels: RawCell[]): LabelKeys {
  const keys = labels.map((c) => simplifiedKey(c.text)).filter((k) => k !== '');
  const tails = [2, 3, 4].filter((n) => n <= keys.length).map((n) => keys.slice(-n).join(''));
  return { last: keys[keys.length - 1] ?? '', all: keys.join(''), tails };
}

export { labelKey };
