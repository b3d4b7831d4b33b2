// Reading a line against a lexicon (the template's row and column labels):
// the best CTC path (Viterbi) that spells `prefix + word`, where the prefix
// is what the free reading gave before the label (its numbering: `2.`,
// `（一）`, `三、`). Its cost is how much less likely that path is than the
// free (greedy) reading, in nats: 0 when the free reading spells the word.
// A misread character of a small scan costs little when the model's second
// choice at that step is the word's; a different label costs a lot.
// Pure: the recogniser hands the probabilities in.

export interface LexiconMatch {
  /** The whole line as the word spells it (numbering prefix kept as read). */
  text: string;
  word: string;
  /** Nats below the free reading. */
  cost: number;
  /** The next best word's cost (Infinity when there is none). */
  runnerUp: number;
  /** Per character of `text`: the most likely step of its path (for confidences). */
  p: number[];
}

export interface Lexicon {
  words: string[];
  set: Set<string>;
  /** Numbering before a label in the free reading, kept as read. */
  prefix: RegExp;
}

const NUMBERING = /^\s*(?:[（(]?\s*[一二三四五六七八九十\d]{0,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[、.．]?)?\s*/u;

/** Most a word may cost (nats below the free reading) to replace it, and the least margin to the next word. */
const MAX_COST = 12;
const MIN_MARGIN = 10;

/** Whether the template leaves no doubt: the word is cheap, and every other word far dearer. */
export function sure(m: LexiconMatch): boolean {
  return m.cost <= MAX_COST && m.runnerUp - m.cost >= MIN_MARGIN;
}

export function lexicon(words: Iterable<string>): Lexicon {
  // The template's words hold straight quotes; print has curly ones.
  const all = [...words].flatMap((w) => (w.includes('"') ? [w, w.replace(/"([^"]*)"/g, '“$1”')] : [w]));
  const set = new Set(all.filter((w) => w !== ''));
  return { words: [...set], set, prefix: NUMBERING };
}

interface Path {
  score: number;
  p: number[];
}

/** Best path spelling `ks` (class indices) through `steps` frames of `n` log-probabilities. */
function viterbi(logp: Float32Array, steps: number, n: number, ks: number[]): Path | undefined {
  const S = 2 * ks.length + 1;
  if (ks.length > steps) return undefined;
  const cls = (s: number): number => (s % 2 === 0 ? 0 : ks[(s - 1) / 2]!);
  let prev = new Float64Array(S).fill(-Infinity);
  let cur = new Float64Array(S);
  const back: Int8Array[] = [];
  prev[0] = logp[cls(0)]!;
  if (S > 1) prev[1] = logp[cls(1)]!;
  back.push(new Int8Array(S));
  for (let t = 1; t < steps; t++) {
    const b = new Int8Array(S);
    const row = t * n;
    for (let s = 0; s < S; s++) {
      let best = prev[s]!, from = 0;
      if (s >= 1 && prev[s - 1]! > best) [best, from] = [prev[s - 1]!, 1];
      if (s >= 2 && s % 2 === 1 && cls(s) !== cls(s - 2) && prev[s - 2]! > best) [best, from] = [prev[s - 2]!, 2];
      cur[s] = best + logp[row + cls(s)]!;
      b[s] = from;
    }
    back.push(b);
    [prev, cur] = [cur, prev];
  }
  let s = S > 1 && prev[S - 2]! > prev[S - 1]! ? S - 2 : S - 1;
  const score = prev[s]!;
  if (!Number.isFinite(score)) return undefined;
  const p = new Array<number>(ks.length).fill(0);
  for (let t = steps - 1; t >= 0; t--) {
    if (s % 2 === 1) p[(s - 1) / 2] = Math.max(p[(s - 1) / 2]!, Math.exp(logp[t * n + cls(s)]!));
    s -= back[t]![s]!;
  }
  return { score, p };
}

/**
 * The lexicon word that the line's probabilities spell best after the free
 * reading's numbering prefix, with its cost and the runner-up's; undefined
 * when the free reading is a word already or no word can be spelt (a
 * character outside the model's dictionary).
 */
export function matchLexicon(probs: Float32Array, steps: number, classes: string[], freeText: string, lex: Lexicon): LexiconMatch | undefined {
  const n = classes.length;
  const index = classIndex(classes);
  const prefixRead = freeText.match(lex.prefix)?.[0] ?? '';
  const prefix = prefixRead.replace(/\s/g, '');
  // Read as a word already: nothing to force (most cells of a clean scan).
  if (lex.set.has(freeText.slice(prefixRead.length).trim())) return undefined;
  const prefixKs = [...prefix].map((c) => index.get(c));
  // A prefix character outside the dictionary spells no word.
  if (prefixKs.some((k) => k === undefined)) return undefined;
  const words = speltWords(lex, classes, index);
  // Logarithms only of the classes a word or the prefix can use (the dictionary has 6,600).
  const used = new Set<number>([...words.used, ...(prefixKs as number[])]);
  const logp = new Float32Array(probs.length);
  let greedy = 0;
  for (let t = 0; t < steps; t++) {
    let m = 0;
    for (let k = 0; k < n; k++) if (probs[t * n + k]! > m) m = probs[t * n + k]!;
    greedy += Math.log(Math.max(1e-30, m));
    for (const k of used) logp[t * n + k] = Math.log(Math.max(1e-30, probs[t * n + k]!));
  }
  let best: LexiconMatch | undefined;
  let second = Infinity;
  for (const { word, ks } of words.words) {
    const text = prefix + word;
    const path = viterbi(logp, steps, n, [...(prefixKs as number[]), ...ks]);
    if (!path) continue;
    const cost = greedy - path.score;
    if (!best || cost < best.cost) {
      if (best) second = Math.min(second, best.cost);
      best = { text, word, cost, runnerUp: Infinity, p: path.p };
    } else second = Math.min(second, cost);
  }
  if (best) best.runnerUp = second;
  return best;
}

/** The lexicon's words as class indices (words with a character outside the dictionary left out), and the classes they use: the same for every line a recogniser reads. */
interface Spelt {
  words: Array<{ word: string; ks: number[] }>;
  used: Set<number>;
}
const spelt = new WeakMap<Lexicon, WeakMap<string[], Spelt>>();

function speltWords(lex: Lexicon, classes: string[], index: Map<string, number>): Spelt {
  let byClasses = spelt.get(lex);
  if (!byClasses) spelt.set(lex, (byClasses = new WeakMap()));
  let s = byClasses.get(classes);
  if (!s) {
    s = { words: [], used: new Set([0]) };
    for (const word of lex.words) {
      const ks = [...word].map((c) => index.get(c));
      if (ks.some((k) => k === undefined)) continue;
      s.words.push({ word, ks: ks as number[] });
      for (const k of ks as number[]) s.used.add(k);
    }
    byClasses.set(classes, s);
  }
  return s;
}

const indexes = new WeakMap<string[], Map<string, number>>();

function classIndex(classes: string[]): Map<string, number> {
  let m = indexes.get(classes);
  if (!m) {
    m = new Map();
    for (const [k, c] of classes.entries()) if (k > 0 && !m.has(c)) m.set(c, k);
    indexes.set(classes, m);
  }
  return m;
}
