// Table 四 (行政复议、行政诉讼): one data row of fifteen numbers under a header
// naming 行政复议 and 行政诉讼.
import type { RawCell } from '../types.js';
import type { LogicalRow } from './grid.js';
import { plainText, simplifiedKey } from './labels.js';
import { isValueLike } from './row-parts.js';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../template.js';

export const REVIEW_WIDTH = REVIEW_GROUPS.length * REVIEW_COLUMNS.length;

export function isReviewHeader(row: LogicalRow): boolean {
  const t = plainText(row.cells.map((c) => c.text).join(''));
  return /行政复议/.test(t) && /行政诉讼/.test(t) && row.cells.every((c) => !/\d{2,}/.test(c.text) || c.text.length > 12);
}

/**
 * The fifteen value cells of a data row, or undefined when the row is not one.
 * Right under the header an all-blank row counts (a blank template); elsewhere
 * the row must hold digits.
 */
export function reviewValues(row: LogicalRow, underHeader: boolean): RawCell[] | undefined {
  const cells = row.cells;
  if (cells.length < REVIEW_WIDTH) {
    // Raw PDF text drops blank cells: a short all-number row is still table 四's, places unknown. Layout
    // text gives the header's lines and the numbers under them as one row: the numbers after it, likewise.
    const own = underHeader && isReviewHeader(row) ? cells.slice(cells.findLastIndex((c) => !isValueLike(c)) + 1) : cells;
    return own.length >= 5 && own.every(isValueLike) && own.some((c) => /\d/.test(c.text)) ? own : undefined;
  }
  const values = cells.slice(cells.length - REVIEW_WIDTH);
  // The header row drawn without its spans (pandoc) is fifteen cells too, blank but for its two headings.
  if (values.some((c) => /行政复议|行政诉讼/.test(c.text))) return undefined;
  const numeric = values.filter(isValueLike).length;
  return numeric >= REVIEW_WIDTH - 2 && (underHeader || values.some((c) => /\d/.test(c.text))) ? values : undefined;
}

export function reviewFieldAt(i: number): string {
  const g = REVIEW_GROUPS[Math.floor(i / REVIEW_COLUMNS.length)]!;
  const c = REVIEW_COLUMNS[i % REVIEW_COLUMNS.length]!;
  return `${g}.${c.id}`;
}

const COLUMN_LABELS = REVIEW_COLUMNS.map((c) => c.label);
/** Table 四's header cell by cell as an HTML table holds it, row after row. */
export const HEADER_IN_ORDER = ['行政复议', '行政诉讼', ...COLUMN_LABELS, '未经复议直接起诉', '复议后起诉', ...COLUMN_LABELS, ...COLUMN_LABELS];
const HEADER_TEXT = HEADER_IN_ORDER.join('');

/**
 * The cells after table 四's whole header when a row of counted cells (a dump that gives each cell a
 * line) holds that header in the order of the template's cells, then cells only.
 */
export function cellsAfterHeader(row: LogicalRow): RawCell[] | undefined {
  const keys = row.cells.map((c) => simplifiedKey(c.text));
  for (let at = 0; at + HEADER_IN_ORDER.length <= keys.length; at++) {
    if (!HEADER_IN_ORDER.every((h, i) => keys[at + i] === h)) continue;
    const cells = row.cells.slice(at + HEADER_IN_ORDER.length);
    return cells.length && cells.every(isValueLike) ? cells : undefined;
  }
  // Layout text joins the header cells that share a line ("结果维持 结果纠正 其他结果 尚未审结 总计 未经复议")
  // and may cut one over two lines ("未经复议" / "直接起诉"): the header's words run on in the same order.
  const last = row.cells.findLastIndex((c) => !isValueLike(c));
  const cells = row.cells.slice(last + 1);
  return last >= 0 && cells.length && keys.slice(0, last + 1).join('').endsWith(HEADER_TEXT) ? cells : undefined;
}

/**
 * Exactly fifteen cells after table 四's whole header in template order: the count leaves no doubt
 * which column each is. Reading-order text gives the header's pieces in an order of its own.
 */
export function countedInHeaderOrder(row: LogicalRow): boolean {
  return cellsAfterHeader(row)?.length === REVIEW_WIDTH;
}
