// Table 三's numbers, as a reading-order text gives them, read as the
// template's rows by the template's arithmetic (see placement-arith.ts, which
// finds the numbers): every way of cutting them into blocks of rows read row by
// row (one number possibly read after the rest of its row), column by column,
// or first column before or after the rest is tried; a block is read only when
// each of its rows' 总计 is the sum of its six parts; the readings that read the
// most rows, and whose columns add up (一 + 二 = （七）总计 + 四, the results to
// （七）总计) where every term was read, are kept (or, when none does, those
// whose columns fail only as a report's own slip makes them); a row is placed
// only when every kept reading gives it the same seven values.
// Pure.
import type { RawCell } from '../types.js';
import { parseNumber } from './numbers.js';
import { APPS_COLUMNS, type AppsRow } from '../template.js';

export const WIDTH = APPS_COLUMNS.length;
/** Cutting blocks bigger than this many rows is no reading a text gives (and keeps the search small). */
const MAX_BLOCK = 12;

/** A number's value for the arithmetic: a "not reported" mark adds nothing, a cell that is no number makes it fail. */
export const amount = (c: RawCell) => {
  const p = parseNumber(c.text);
  return p.kind === 'invalid' ? Number.NaN : (p.value ?? 0);
};
export const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * How a block of k rows gives its numbers: row by row, column by column, the first column then the rest
 * row by row, or the rest row by row then the first column (the first column sits on the labels' lines,
 * which the reading order puts before or after the rest).
 */
type Mode = 'rows' | 'columns' | 'first' | 'last';

function blockRows(xs: RawCell[], at: number, k: number, mode: Mode): RawCell[][] {
  const out: RawCell[][] = [];
  for (let r = 0; r < k; r++) {
    const row: RawCell[] = [];
    for (let c = 0; c < WIDTH; c++) {
      if (mode === 'rows') row.push(xs[at + r * WIDTH + c]!);
      else if (mode === 'columns') row.push(xs[at + c * k + r]!);
      else if (mode === 'first') row.push(c === 0 ? xs[at + r]! : xs[at + k + r * (WIDTH - 1) + c - 1]!);
      else row.push(c === 0 ? xs[at + k * (WIDTH - 1) + r]! : xs[at + r * (WIDTH - 1) + c - 1]!);
    }
    out.push(row);
  }
  return out;
}

/** One row as read, or with the number of column `late` read after the rest of its row (-1: none). */
function lateRow(xs: RawCell[], at: number, late: number): RawCell[] {
  const seq = xs.slice(at, at + WIDTH);
  if (late < 0) return seq;
  const row = [...seq.slice(0, late), seq[WIDTH - 1]!, ...seq.slice(late, WIDTH - 1)];
  return row;
}

const addsUp = (row: RawCell[]) => {
  let s = 0;
  for (let c = 0; c < WIDTH - 1; c++) s += amount(row[c]!);
  return same(s, amount(row[WIDTH - 1]!));
};

interface Step {
  /** Rows the step covers. */
  k: number;
  /** The rows it reads, or undefined (a row left unread, or absent). */
  rows?: RawCell[][];
}

export type Reading = Array<RawCell[] | undefined>;

/**
 * Reads `xs` as the rows of `template` with the rows `absent` giving no number (see above): the most rows
 * that can be read adding up, and the distinct readings that read that many (a row unread or absent is
 * undefined in them).
 */
function readWith(xs: RawCell[], template: AppsRow[], absent: boolean[], blocks: (at: number) => Step[]): { best: number; readings: Reading[] } | undefined {
  const m = template.length;
  const at = starts(absent);
  // A block of rows read together holds no absent row.
  const stepsAt = (i: number): Step[] => (absent[i] ? [{ k: 1 }] : blocks(at[i]!).filter((s) => i + s.k <= m && !absent.slice(i, i + s.k).some((a) => a)));
  const steps = template.map((_, i) => stepsAt(i));
  const gain = (s: Step) => (s.rows ? s.k : 0);
  // Forward: the most rows read reaching each row; backward: the most read from it to the end.
  const fwd = new Array<number>(m + 1).fill(-1);
  fwd[0] = 0;
  for (let i = 0; i < m; i++) {
    if (fwd[i]! < 0) continue;
    for (const s of steps[i]!) fwd[i + s.k] = Math.max(fwd[i + s.k]!, fwd[i]! + gain(s));
  }
  const best = fwd[m]!;
  if (best <= 0) return undefined;
  const bwd = new Array<number>(m + 1).fill(-1);
  bwd[m] = 0;
  for (let i = m - 1; i >= 0; i--) for (const s of steps[i]!) if (bwd[i + s.k]! >= 0) bwd[i] = Math.max(bwd[i]!, bwd[i + s.k]! + gain(s));
  // The distinct readings (by value) along the best ways through, built from the end; rows of zeros cut
  // any way read the same, so they stay few. Past MAX_READINGS, only what every way agrees on is kept.
  const suffix: Array<Map<string, Reading> | undefined> = new Array(m + 1);
  suffix[m] = new Map([['', []]]);
  for (let i = m - 1; i >= 0; i--) {
    if (bwd[i]! < 0) continue;
    const here = new Map<string, Reading>();
    for (const s of steps[i]!) {
      const rest = suffix[i + s.k];
      if (!rest || bwd[i + s.k]! < 0 || gain(s) + bwd[i + s.k]! !== bwd[i]) continue;
      const head: Reading = Array.from({ length: s.k }, (_, r) => s.rows?.[r]);
      const headKey = head.map((cells) => (cells ? cells.map(amount).join(',') : '-')).join(';');
      for (const [key, tail] of rest) here.set(`${headKey};${key}`, [...head, ...tail]);
    }
    if (here.size > MAX_READINGS) return { best, readings: [agreed(template, absent, steps, fwd, bwd, best)] };
    suffix[i] = here;
  }
  return { best, readings: [...(suffix[0]?.values() ?? [])].map((r) => r.map((cells, i) => (absent[i] ? undefined : cells))) };
}

const MAX_READINGS = 128;

/** What every best way through reads the same (the rest undefined). */
function agreed(template: AppsRow[], absent: boolean[], steps: Step[][], fwd: number[], bwd: number[], best: number): Reading {
  const read: Reading = template.map(() => undefined);
  const doubt = template.map((_, i) => absent[i]!);
  for (let i = 0; i < template.length; i++) {
    if (fwd[i]! < 0) continue;
    for (const s of steps[i]!) {
      if (bwd[i + s.k]! < 0 || fwd[i]! + (s.rows ? s.k : 0) + bwd[i + s.k]! !== best) continue;
      for (let r = 0; r < s.k; r++) {
        const cells = s.rows?.[r];
        const prev = read[i + r];
        if (!cells || (prev && !sameValues(prev, cells))) doubt[i + r] = true;
        else read[i + r] ??= cells;
      }
    }
  }
  return read.map((r, i) => (doubt[i] ? undefined : r));
}

/** The blocks of rows that add up, read from the numbers at `at` on (whichever rows they are), once per place. */
function blocksOf(xs: RawCell[]): (at: number) => Step[] {
  const cache = new Map<number, Step[]>();
  return (at) => {
    const hit = cache.get(at);
    if (hit) return hit;
    const out: Step[] = [{ k: 1 }];
    for (let late = -1; late < WIDTH - 1 && at + WIDTH <= xs.length; late++) {
      const one = lateRow(xs, at, late);
      if (addsUp(one)) out.push({ k: 1, rows: [one] });
    }
    for (let k = 2; k <= MAX_BLOCK && at + k * WIDTH <= xs.length; k++) {
      for (const mode of ['columns', 'first', 'last'] as const) {
        const rows = blockRows(xs, at, k, mode);
        if (rows.every(addsUp)) out.push({ k, rows });
      }
    }
    cache.set(at, out);
    return out;
  };
}

/** Where each row's numbers start in the stream when the rows `absent` gave none. */
function starts(absent: boolean[]): number[] {
  const at: number[] = [];
  for (let i = 0, p = 0; i <= absent.length; i++) {
    at.push(p);
    if (i < absent.length && !absent[i]) p += WIDTH;
  }
  return at;
}

const sameValues = (a: RawCell[], b: RawCell[]) => a.every((c, i) => same(amount(c), amount(b[i]!)));

/** Rows of the source left blank drop out of a reading-order text: at most this many are looked for. */
const MAX_ABSENT = 2;

/** Every way of choosing `n` of `m` rows. */
function choose(m: number, n: number): boolean[][] {
  if (n === 0) return [new Array<boolean>(m).fill(false)];
  const out: boolean[][] = [];
  for (const rest of choose(m, n - 1)) {
    const last = rest.lastIndexOf(true);
    for (let i = last + 1; i < m; i++) out.push(rest.map((v, j) => v || j === i));
  }
  return out;
}

/** A row label found in the stream: the template row it names, and how many numbers stand before it. */
export interface Anchor {
  row: number;
  at: number;
  /** The number at `at` stands on the label's line right after it: the row's first cell holds its value in any reading. */
  pinned?: boolean;
}

/**
 * The rows of `template` read from `xs` (see above): per row, its seven cells when every best reading
 * agrees, else undefined; `columns` when readings were found but none whose columns add up. When rows
 * of the source gave no number, which ones is told first by the arithmetic, then by the labels that stand
 * right before their row's numbers, or right after them (`anchorsOf`; a text does one or the other); what
 * still leaves a choice stays null. When no reading's columns add up, the report's own arithmetic may be
 * what is wrong: readings whose columns fail only where a report's slip shows (`MAX_SLIP` columns of each
 * identity, every other column holding) are then kept the same way, and `slipped` says so.
 */
export function readAppsNumbers(xs: RawCell[], template: AppsRow[], anchorsOf: () => Anchor[] = () => []): { read?: Reading; columns: boolean; slipped?: boolean } {
  const m = template.length;
  if (xs.length === 0 || xs.length % WIDTH !== 0 || xs.length > m * WIDTH || m - xs.length / WIDTH > MAX_ABSENT) return { columns: false };
  const labelled = anchorsOf();
  const anchors = xs.length < m * WIDTH ? labelled : [];
  // A reading whose row does not start with the number beside its label is not the text's (by value: the
  // reading order may have put the row's cells elsewhere, and another cell of the same value there).
  const pins = labelled.filter((a) => a.pinned);
  const pinsHold = (x: Reading) => pins.every((a) => !x[a.row] || same(amount(x[a.row]![0]!), amount(xs[a.at]!)));
  const strict = new Kept();
  const slipped = new Kept();
  let found = false;
  const blocks = blocksOf(xs);
  for (const absent of choose(m, m - xs.length / WIDTH)) {
    const r = readWith(xs, template, absent, blocks);
    if (!r) continue;
    found = true;
    const at = starts(absent);
    // A text puts its labels before their numbers or after them, the same way throughout.
    const fits = (shift: number) => anchors.filter((a) => !absent[a.row] && a.at === at[a.row]! + shift).length;
    const score = [r.best, Math.max(fits(0), fits(WIDTH))] as const;
    const failing = r.readings.filter(pinsHold).map((x) => ({ x, f: columnsFailing(template, x) }));
    // Readings whose columns do not add up are not the text's (or the report's arithmetic is wrong).
    strict.offer(score, failing.filter(({ f }) => f.balance === 0 && f.sum === 0).map(({ x }) => x));
    slipped.offer(score, failing.filter(({ f }) => f.balance <= MAX_SLIP && f.sum <= MAX_SLIP).map(({ x }) => x));
  }
  if (strict.readings.length) return { read: agreedRows(strict.readings), columns: false };
  if (slipped.readings.length) return { read: agreedRows(slipped.readings), columns: false, slipped: true };
  return { columns: found };
}

/**
 * Columns a report's own slip makes fail: a wrong count and its row's 总计 (the row still adds up, so it
 * is read), in one identity. More columns failing tell of a reading that is not the text's.
 */
const MAX_SLIP = 2;

/** The readings with the best score offered so far. */
class Kept {
  best: readonly number[] = [0, 0];
  readings: Reading[] = [];
  offer(score: readonly [number, number], readings: Reading[]) {
    if (!readings.length) return;
    const cmp = score[0] - this.best[0]! || score[1] - this.best[1]!;
    if (cmp < 0) return;
    if (cmp > 0) this.readings = [];
    this.best = score;
    this.readings.push(...readings);
  }
}

/** Per row, its cells when every reading gives it the same values. */
const agreedRows = (kept: Reading[]): Reading => kept[0]!.map((cells, i) => (cells && kept.every((k) => k[i] && sameValues(k[i]!, cells)) ? cells : undefined));

/**
 * How many columns fail each of the template's column sums over the rows read (一 + 二 = （七）总计 + 四;
 * the results to （七）总计); a sum is looked at only when every term was read.
 */
function columnsFailing(template: AppsRow[], read: Reading): { balance: number; sum: number } {
  const at = (id: string) => read[template.findIndex((t) => t.id === id)];
  const results = template.filter((t) => !['new', 'carried_in', 'result_total', 'carried_out'].includes(t.id)).map((t) => at(t.id));
  const [added, carried, total, out] = [at('new'), at('carried_in'), at('result_total'), at('carried_out')];
  const f = { balance: 0, sum: 0 };
  for (let c = 0; c < WIDTH; c++) {
    if (added && carried && total && out && !same(amount(added[c]!) + amount(carried[c]!), amount(total[c]!) + amount(out[c]!))) f.balance++;
    if (total && results.every((r) => r) && !same(results.reduce((s, r) => s + amount(r![c]!), 0), amount(total[c]!))) f.sum++;
  }
  return f;
}
