// Table 四 of a reading-order text: its fifteen numbers after its heading, in
// an order of the text's own. A PDF's text flow reads a table row in pieces:
// the numbers standing together (no word between them) are side by side in the
// row, left to right, but the pieces come in any order (pdftotext reads the
// 总计 column under its tall header after the next group's cells, one group
// before the one to its left). Every order of the pieces is tried; a reading is
// kept when each of the three groups adds up to its 总计. Groups that each add
// up may trade places and still add up, so the arithmetic alone cannot tell
// their order: of the readings kept, those that take the fewest pieces out of
// the text's order are the text's, and they are used only when they all give
// the same fifteen values. A report whose own table 四 does not add up has no
// such reading: its numbers stay null.
// Pure.
import type { RawCell } from '../types.js';
import { amount, same } from './placement-read.js';
import { REVIEW_WIDTH } from './review.js';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../template.js';

/** More pieces than this is a text scrambled past what counting can sort out (and 8! orders is the most tried). */
const MAX_PIECES = 8;

/**
 * Table 四's heading: its own line (四、…行政复议…), or the header's cell 行政复议 with 行政诉讼 in the next
 * words; never a line of the narrative that names them ("政府信息公开行政复议 2 件，行政诉讼 1 件").
 */
export function reviewHeadingAt(texts: Array<string | undefined>): number {
  return texts.findIndex((t, i) => {
    if (t === undefined || !/行政复议/.test(t)) return false;
    if (/^\s*[四4][、.．]/.test(t)) return t.length <= 40 && !/[。；;]/.test(t);
    if (/[0-9０-９。；;，,]/.test(t)) return false;
    // The header's cells one per line: 行政复议, then 行政诉讼 before any number.
    const next = texts.slice(i + 1, i + 4);
    const firstNumber = next.findIndex((x) => x === undefined);
    return t.trim().length <= 6 && next.slice(0, firstNumber < 0 ? next.length : firstNumber).some((x) => /行政诉讼/.test(x!));
  });
}

function* orders(n: number, used: boolean[] = Array(n).fill(false), out: number[] = []): Generator<number[]> {
  if (out.length === n) {
    yield [...out];
    return;
  }
  for (let i = 0; i < n; i++) {
    if (used[i]) continue;
    used[i] = true;
    out.push(i);
    yield* orders(n, used, out);
    out.pop();
    used[i] = false;
  }
}

const addsUp = (row: RawCell[]) =>
  REVIEW_GROUPS.every((_, g) => {
    const part = row.slice(g * REVIEW_COLUMNS.length, (g + 1) * REVIEW_COLUMNS.length).map(amount);
    return same(part.slice(0, -1).reduce((s, v) => s + v, 0), part[part.length - 1]!);
  });

/** How many pieces an order takes out of the text's order: all but its longest run in that order. */
function moved(order: number[]): number {
  const best: number[] = [];
  for (const x of order) best.push(1 + Math.max(0, ...order.slice(0, best.length).map((y, j) => (y < x ? best[j]! : 0))));
  return order.length - Math.max(...best);
}

/**
 * Table 四's row from `pieces` (its numbers as the text gives them, cut where words stand between them), in
 * template order, or undefined when no order of the pieces adds up or two that do, with the fewest pieces out
 * of the text's order, give different values.
 */
export function readReviewPieces(pieces: RawCell[][]): RawCell[] | undefined {
  const parts = pieces.filter((p) => p.length > 0);
  if (parts.reduce((n, p) => n + p.length, 0) !== REVIEW_WIDTH || parts.length > MAX_PIECES) return undefined;
  let found: RawCell[] | undefined;
  let fewest = Infinity;
  let doubt = false;
  for (const order of orders(parts.length)) {
    const row = order.flatMap((i) => parts[i]!);
    if (!addsUp(row)) continue;
    const m = moved(order);
    if (m > fewest) continue;
    if (m < fewest) {
      [found, fewest, doubt] = [row, m, false];
      continue;
    }
    // Two readings agree only when each column holds the same text (a "/" and a 0 both add nothing).
    if (found!.some((c, i) => c.text.trim() !== row[i]!.text.trim())) doubt = true;
  }
  return doubt ? undefined : found;
}
