// What the reading-order placements (placement, -arith, -columns, -single) tell
// apart in a stream of cells: an item number ("3." heads a sub-row, it is no
// value), table 三's heading, a counted number, and where a finding points.
import type { RawCell } from '../types.js';
import { parseNumber } from './numbers.js';
import { isValueLike } from './row-parts.js';

export const LIST_NUMBER = /^[0-9０-９]{1,2}[.．、]$/;
/** Table 三's heading (it ends table 二 and starts table 三). */
export const APPS_HEADING = /收到和处理政府信息公开申请|申请人情况/;

/** A cell holding a number with at least one digit (not an item number, not a "not reported" mark). */
export const isCountedNumber = (c: RawCell): boolean => {
  const t = c.text.trim();
  return t !== '' && !LIST_NUMBER.test(t) && isValueLike(c) && /[0-9０-９]/.test(t) && parseNumber(t).kind !== 'invalid';
};

/** Where a finding about placed text points: the cell's table, row and text line. */
export const placeOfCell = (c: RawCell) => ({ table: c.prov.table, row: c.prov.row, ...(c.prov.line ? { line: c.prov.line } : {}) });
