// One line of text → characters, by the recognition model alone (CTC,
// greedy). Each character keeps its probability and the next likely
// readings, which the proof-reader tries when a table does not add up.
import { resize, type Gray } from './image.js';
import { matchLexicon, sure, type Lexicon } from './lexicon.js';
import { loadModels } from './models.js';

export const REC_HEIGHT = 48;

export interface CharReading {
  ch: string;
  p: number;
  /** Other readings of the same position, most likely first (at most 3). */
  alts: { ch: string; p: number }[];
}

export interface Reading {
  text: string;
  /** The least certain character's probability (1 for an empty reading with no ink). */
  confidence: number;
  chars: CharReading[];
  /** Set when the reading was taken from the lexicon (the free reading differed). */
  word?: string;
}

/** The recogniser's input: grey → 3 channels scaled to [0, 1], 48 px high (notes/ocr.md), `squeeze` times as wide as the line's aspect gives. */
function tensorData(line: Gray, squeeze: number): { data: Float32Array; width: number } {
  const width = Math.max(REC_HEIGHT / 2, Math.min(3200, Math.round((squeeze * line.width * REC_HEIGHT) / Math.max(1, line.height))));
  const img = resize(line, width, REC_HEIGHT);
  const plane = width * REC_HEIGHT;
  const data = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    const v = img.data[i]! / 255;
    data[i] = v;
    data[plane + i] = v;
    data[2 * plane + i] = v;
  }
  return { data, width };
}

export function decode(probs: Float32Array, steps: number, classes: string[]): Reading {
  const n = classes.length;
  const chars: CharReading[] = [];
  let prev = 0;
  for (let t = 0; t < steps; t++) {
    const row = probs.subarray(t * n, (t + 1) * n);
    let best = 0;
    for (let k = 1; k < n; k++) if (row[k]! > row[best]!) best = k;
    if (best !== 0 && best !== prev) {
      const alts: { k: number; p: number }[] = [];
      for (let k = 1; k < n; k++) {
        if (k === best || row[k]! < 0.001) continue;
        alts.push({ k, p: row[k]! });
      }
      alts.sort((a, b) => b.p - a.p);
      chars.push({ ch: classes[best]!, p: row[best]!, alts: alts.slice(0, 3).map((a) => ({ ch: classes[a.k]!, p: a.p })) });
    } else if (best !== 0 && best === prev) {
      // The same character over several steps: keep its most certain step.
      const c = chars[chars.length - 1]!;
      if (row[best]! > c.p) c.p = row[best]!;
    }
    prev = best;
  }
  const text = chars.map((c) => c.ch).join('').trim();
  return { text, confidence: chars.length > 0 ? Math.min(...chars.map((c) => c.p)) : 1, chars };
}

/** Letters the recogniser gives for digits in a table (notes/ocr.md: `0` as `O`, `D`, `b`; `1` as `l`, `|`). */
const LOOKALIKE: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', b: '6', l: '1', I: '1', '|': '1', i: '1', Z: '2', z: '2', S: '5', s: '5', B: '8', g: '9', q: '9' };
const NUMERIC = new Set([...'0123456789.,-']);

/** Strokes a `1` is misread as, and a slash or bar (a blank cell's mark) is read as. */
const STROKES = new Set([...'|lIi']);
/**
 * Strokes alone read this unsure are no number: a `/` marking a blank cell
 * read `|` at 0.33 became a 1 (the proof-reader may still read it as one);
 * a `1` of a 1-bit scan read `l` is surer.
 */
const UNSURE_STROKE = 0.5;

/** A reading that is a number, perhaps misspelt with look-alike letters (no Chinese, mostly digits). */
function looksNumeric(text: string): boolean {
  const t = text.normalize('NFKC').replace(/\s/g, '');
  if (t === '' || t.length > 16) return false;
  const chars = [...t];
  return chars.every((c) => NUMERIC.has(c) || c in LOOKALIKE) && chars.filter((c) => /\d/.test(c) || c in LOOKALIKE).length >= chars.length / 2;
}

const numberIndexes = new WeakMap<string[], Map<string, number[]>>();

/** Digit or number sign → the classes that read as it (itself, full-width forms, look-alike letters); built once per dictionary. */
function numberClasses(classes: string[]): Map<string, number[]> {
  let index = numberIndexes.get(classes);
  if (!index) {
    index = new Map();
    for (const [k, c] of classes.entries()) {
      const folded = c.normalize('NFKC');
      const target = NUMERIC.has(c) ? c : (LOOKALIKE[c] ?? (folded.length === 1 && NUMERIC.has(folded) ? folded : undefined));
      if (target !== undefined) index.set(target, [...(index.get(target) ?? []), k]);
    }
    numberIndexes.set(classes, index);
  }
  return index;
}

/**
 * Greedy CTC restricted to digits and number punctuation: each digit's
 * probability gathers its look-alike letters (a `0` touched by noise read as
 * `O` is still most likely a `0`). Used for cells whose free reading is a number.
 */
function decodeNumber(probs: Float32Array, steps: number, classes: string[]): Reading {
  const n = classes.length;
  const index = numberClasses(classes);
  const targets = [...index.keys()];
  const chars: CharReading[] = [];
  let prev = '';
  for (let t = 0; t < steps; t++) {
    const row = probs.subarray(t * n, (t + 1) * n);
    const scores = targets.map((c) => ({ ch: c, p: index.get(c)!.reduce((s, k) => s + row[k]!, 0) }));
    scores.sort((a, b) => b.p - a.p);
    const top = scores[0]!;
    // A step where the blank (or anything that is no digit) outweighs every digit emits nothing.
    const ch = top.p > row[0]! ? top.ch : '';
    if (ch !== '' && ch !== prev) chars.push({ ch, p: Math.min(1, top.p), alts: scores.slice(1, 4).filter((a) => a.p >= 0.001).map((a) => ({ ch: a.ch, p: a.p })) });
    else if (ch !== '' && ch === prev) {
      const c = chars[chars.length - 1]!;
      if (top.p > c.p) c.p = Math.min(1, top.p);
    }
    prev = ch;
  }
  const text = chars.map((c) => c.ch).join('');
  return { text, confidence: chars.length > 0 ? Math.min(...chars.map((c) => c.p)) : 1, chars };
}

/**
 * Reads one line image (dark text on light paper); a text line is also
 * matched against `lex` when given. `squeeze` < 1 narrows the input (see
 * ocr/cell-line.ts): the recogniser's cost is linear in its input's width.
 */
export async function recognize(line: Gray, lex?: Lexicon, squeeze = 1): Promise<Reading> {
  const { ort, rec, classes } = await loadModels();
  const { data, width } = tensorData(line, squeeze);
  const input = new ort.Tensor('float32', data, [1, 3, REC_HEIGHT, width]);
  const out = await rec.run({ [rec.inputNames[0]!]: input });
  const tensor = out[rec.outputNames[0]!]!;
  const steps = tensor.dims[1]!;
  const probs = tensor.data as Float32Array;
  const free = decode(probs, steps, classes);
  const stroke = [...free.text].every((c) => STROKES.has(c)) && free.confidence < UNSURE_STROKE;
  let reading = looksNumeric(free.text) && !stroke ? decodeNumber(probs, steps, classes) : free;
  if (lex && reading === free && free.text !== '') {
    const m = matchLexicon(probs, steps, classes, free.text, lex);
    // A label misread by a character or two (a small or blurred scan) is read as the template's word when nothing else comes near.
    if (m && m.text !== free.text && sure(m)) {
      const chars = [...m.text].map((ch, i) => ({ ch, p: m.p[i]!, alts: [] }));
      reading = { text: m.text, confidence: Math.min(...chars.map((c) => c.p)), chars, word: m.word };
    }
  }
  input.dispose?.();
  tensor.dispose?.();
  return reading;
}
