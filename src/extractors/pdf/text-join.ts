// Glyphs → text: runs split per glyph, glyphs grouped into lines, lines
// joined. Wrapped lines join without a space between CJK characters (and a
// header printed one character per line becomes one word again).
import { centreY, type Glyph, type TextRun } from './geometry.js';
import type { PlacedGlyph } from './vertical-text.js';

/** CJK ideographs, kana, full-width forms and CJK punctuation: about one em wide. */
export function isWide(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x20000 && c <= 0x3ffff) || c === 0x2014 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2026;
}

/** The page's drawn glyphs by baseline (rounded to 1 pt), for `placeRun`. */
export type PlacedIndex = Map<number, PlacedGlyph[]>;

export function indexPlaced(placed: PlacedGlyph[]): PlacedIndex {
  const index: PlacedIndex = new Map();
  for (const g of placed) {
    const k = Math.round(g.base);
    if (!index.has(k)) index.set(k, []);
    index.get(k)!.push(g);
  }
  return index;
}

/**
 * The run's glyphs where they are drawn, when the page's text operators show
 * exactly the run's characters (spaces aside) inside its box on its
 * baseline; otherwise undefined. A run can straddle a column rule (e.g.
 * "商业企业 科研", or a row written as one string), and its glyphs must land
 * in the cells that show them.
 */
export function placeRun(run: TextRun, index: PlacedIndex): Glyph[] | undefined {
  const base = run.y1 - 0.2 * run.size;
  const k = Math.round(base);
  const near = [...(index.get(k - 1) ?? []), ...(index.get(k) ?? []), ...(index.get(k + 1) ?? [])];
  const shown = near.filter((g) => Math.abs(g.base - base) < 0.25 * run.size && g.x0 >= run.x0 - 0.5 && g.x1 <= run.x1 + 0.5).sort((a, b) => a.x0 - b.x0);
  const chars = [...run.str];
  const ink = chars.filter((ch) => ch.trim() !== '');
  if (shown.length !== ink.length || shown.some((g, i) => g.ch !== ink[i])) return undefined;
  const out: Glyph[] = [];
  let next = 0;
  let x = run.x0;
  for (const ch of chars) {
    const g = ch.trim() !== '' ? shown[next++]! : undefined;
    // A space spans the gap up to the next drawn glyph.
    const x0 = g ? g.x0 : x, x1 = g ? g.x1 : Math.max(x, shown[next]?.x0 ?? x + 0.3 * run.size);
    out.push({ ch, run: run.id, size: run.size, x0, x1, y0: run.y0, y1: run.y1 });
    x = x1;
  }
  return out;
}

/**
 * One glyph per character: where the page draws it when `index` finds it
 * (see `placeRun`), else placed along the run: CJK ≈ 1 em, others ≈ ½ em,
 * scaled to the run's real width.
 */
export function splitRun(run: TextRun, index?: PlacedIndex): Glyph[] {
  const placed = index && !run.vertical ? placeRun(run, index) : undefined;
  if (placed) return placed;
  const chars = [...run.str];
  if (run.vertical) {
    const step = (run.y1 - run.y0) / chars.length;
    return chars.map((ch, i) => ({ ch, run: run.id, size: run.size, x0: run.x0, x1: run.x1, y0: run.y0 + i * step, y1: run.y0 + (i + 1) * step }));
  }
  const weights = chars.map((ch) => (isWide(ch) ? 1 : ch === ' ' ? 0.3 : 0.5));
  const total = weights.reduce((s, w) => s + w, 0) || 1;
  const scale = (run.x1 - run.x0) / total;
  let x = run.x0;
  return chars.map((ch, i) => {
    const w = weights[i]! * scale;
    const g = { ch, run: run.id, size: run.size, x0: x, x1: x + w, y0: run.y0, y1: run.y1 };
    x += w;
    return g;
  });
}

/** Separator between two pieces of text: none next to a CJK character, else one space. */
export function joiner(left: string, right: string): string {
  const a = left.slice(-1), b = right.charAt(0);
  if (a === '' || b === '' || /\s/.test(a) || /\s/.test(b)) return '';
  return isWide(a) || isWide(b) ? '' : ' ';
}

/** Groups glyphs into lines (by vertical centre), each sorted left to right. */
export function lines(glyphs: Glyph[]): Glyph[][] {
  const sorted = [...glyphs].sort((a, b) => centreY(a) - centreY(b));
  const out: Glyph[][] = [];
  for (const g of sorted) {
    const line = out[out.length - 1];
    const ref = line?.[0];
    // Same line when the centres are closer than half the smaller glyph.
    if (line && ref && Math.abs(centreY(g) - centreY(ref)) < 0.5 * Math.min(g.size, ref.size)) line.push(g);
    else out.push([g]);
  }
  for (const l of out) l.sort((a, b) => a.x0 - b.x0);
  return out;
}

/** Text of one line: glyphs of one run are contiguous; between runs, a space when the gap is wide. */
export function lineText(line: Glyph[]): string {
  let s = '';
  let prev: Glyph | undefined;
  for (const g of line) {
    const gap = prev ? g.x0 - prev.x1 : 0;
    const size = prev ? Math.min(g.size, prev.size) : g.size;
    // Digits of one number printed as separate, spread runs (justified cells) stay one number.
    const digits = prev !== undefined && /\d/.test(prev.ch) && /\d/.test(g.ch) && gap < size;
    if (prev && prev.run !== g.run && gap > 0.3 * size && !digits) s += joiner(s, g.ch);
    s += g.ch;
    prev = g;
  }
  return s;
}

/** The text of a cell (or block): lines top to bottom, joined by `joiner`; ends trimmed. */
export function glyphText(glyphs: Glyph[]): string {
  let s = '';
  for (const l of lines(glyphs)) {
    const t = lineText(l).trim();
    if (t === '') continue;
    s += joiner(s, t) + t;
  }
  return s;
}
