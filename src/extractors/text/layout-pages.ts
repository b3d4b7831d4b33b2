// Table 三 on a page it runs on to, in `pdftotext -layout` text, when that page
// has no full row. pdftotext sets each page's character grid afresh: the same
// column stands a few characters off from one page to the next, and where a
// page has no text across a stretch (no header over blank columns) that
// stretch can shrink to nothing, so the header's labels say nothing there.
// What carries over is where the header's page put its numbers: a row there
// placed in a column tells where that column's numbers stand on that page.
//
// The run-on page's numbers are placed only when one shift of the whole page
// sets every number near the column it takes on the header's page, and no
// other choice of columns comes near fitting:
//  - its numbers stand in runs (centres under two characters apart), each
//    run within a character and a half (a number set a few characters off its
//    column, as pdftotext sometimes does, is not taken into the next), at
//    least three runs, one row holding at least three numbers (a page of one
//    or two numbers a row gives too little to pin a shift);
//  - no row has two numbers in one run;
//  - each run takes a column that holds placed numbers on the header's page
//    (a column blank there has no known place: a run that fits none leaves the
//    page), runs in order left to right;
//  - one shift sets every number within TOL of its column there and TOL +
//    CLEAR or more from every other placed column, and every other choice of
//    columns, at its own best shift, leaves a number TOL + CLEAR off or more.
// A scale is not fitted: a page's characters are as wide as the next's, and
// what a scale could absorb (a shrunk blank stretch) is exactly what must not
// be taken for a fit.
// Pure: positions in, columns out.
import { centre, choices, type Positioned } from './layout-positions.js';

/** How far (characters) a shifted number may stand from its column on the header's page. */
const TOL = 1.5;
/** How much farther than TOL any other column, or any other choice of columns, must stand. */
const CLEAR = 1.5;
/** Numbers' centres this far apart (characters) or more stand in different runs. */
const RUN_GAP = 2;
/** How far apart (characters) the centres of one run may stand. */
const RUN_SPAN = 1.5;
/** Runs, and numbers in one row, needed to pin a shift. */
const MIN_RUNS = 3;

/** Each column's place on the header's page: the median centre of the numbers placed in it there (undefined: none). */
export function placedCentres(rows: Positioned[][], width: number): (number | undefined)[] {
  return Array.from({ length: width }, (_, c) => {
    const at = rows.map((r) => r[c]).filter((v): v is Positioned => !!v && v.text !== '').map(centre).sort((a, b) => a - b);
    if (!at.length) return undefined;
    const mid = at.length >> 1;
    return at.length % 2 ? at[mid]! : (at[mid - 1]! + at[mid]!) / 2;
  });
}

/** The run of each number of each row (centres sorted, a new run where the gap reaches RUN_GAP), and the widest run's span. */
function runsOf(rows: Positioned[][]): { run: number[][]; count: number; span: number } {
  const all = rows.flatMap((r, i) => r.map((v, k) => ({ i, k, at: centre(v) }))).sort((a, b) => a.at - b.at);
  const run = rows.map((r) => r.map(() => -1));
  let count = 0;
  let from = all[0]?.at ?? 0;
  let span = 0;
  all.forEach((p, n) => {
    if (n > 0 && p.at - all[n - 1]!.at >= RUN_GAP) [count, from] = [count + 1, p.at];
    span = Math.max(span, p.at - from);
    run[p.i]![p.k] = count;
  });
  return { run, count: all.length ? count + 1 : 0, span };
}

/** The shift that sets the numbers nearest their columns (the middle of the offsets), and the farthest any stands then. */
function fit(offsets: number[]): { shift: number; worst: number } {
  const lo = Math.min(...offsets);
  const hi = Math.max(...offsets);
  return { shift: (lo + hi) / 2, worst: (hi - lo) / 2 };
}

/**
 * The columns of each row's numbers on a page the table runs on to, by `places` (placedCentres of the
 * header's page), or undefined when anything leaves them in doubt (see the head of this file).
 */
export function columnsByShift(rows: Positioned[][], places: (number | undefined)[]): number[][] | undefined {
  const { run, count, span } = runsOf(rows);
  if (count < MIN_RUNS || span > RUN_SPAN || !rows.some((r) => r.length >= MIN_RUNS)) return undefined;
  if (run.some((r) => new Set(r).size < r.length)) return undefined;
  const known = places.flatMap((p, c) => (p === undefined ? [] : [c]));
  const numbers = rows.flatMap((r, i) => r.map((v, k) => ({ at: centre(v), run: run[i]![k]! })));
  let best: { cols: number[]; shift: number; worst: number } | undefined;
  let second = Infinity;
  for (const cols of choices(count, known)) {
    const f = fit(numbers.map((n) => places[cols[n.run]!]! - n.at));
    if (!best || f.worst < best.worst) [second, best] = [best?.worst ?? Infinity, { cols, ...f }];
    else second = Math.min(second, f.worst);
  }
  if (!best || best.worst > TOL || second < TOL + CLEAR) return undefined;
  const { cols, shift } = best;
  // Each number nearer its own column than TOL, every other column TOL + CLEAR off or more.
  const clear = numbers.every((n) => known.every((c) => c === cols[n.run] || Math.abs(places[c]! - n.at - shift) >= TOL + CLEAR));
  return clear ? run.map((r) => r.map((k) => cols[k]!)) : undefined;
}
