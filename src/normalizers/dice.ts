// The Dice coefficient over character bigrams, as natural's
// distance/dice_coefficient computes it (lower case, white space collapsed and
// trimmed, a one-character string padded with a space, bigrams as a set), but
// with each string's bigram set computed once: labels are compared with every
// template row, and recomputing both sides for every pair cost a fifth of an
// HTML report's time (and much of its garbage collection).
// test/labels.test.ts checks it against natural's on generated strings.

const MAX_CACHED = 20_000;
const cache = new Map<string, Set<string>>();

function compute(str: string): Set<string> {
  let s = str.toLowerCase().replace(/\s+/g, ' ').replace(/^\s+|\s+$/g, '');
  if (s.length === 1) s += ' ';
  const grams = new Set<string>();
  for (let i = 0; i < s.length - 1; i++) grams.add(s.slice(i, i + 2));
  return grams;
}

/** The bigram set of a string; kept for later calls (labels repeat within a report and across a run). */
export function bigrams(s: string): Set<string> {
  let g = cache.get(s);
  if (g === undefined) {
    // Bounded: a run over thousands of reports meets new labels without end.
    if (cache.size >= MAX_CACHED) cache.clear();
    g = compute(s);
    cache.set(s, g);
  }
  return g;
}

/** Dice coefficient of two bigram sets: 2·|A∩B| / (|A| + |B|). */
export function diceOf(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  if (a.size <= b.size) {
    for (const g of a) if (b.has(g)) shared++;
  } else for (const g of b) if (a.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export function dice(a: string, b: string): number {
  return diceOf(bigrams(a), bigrams(b));
}
