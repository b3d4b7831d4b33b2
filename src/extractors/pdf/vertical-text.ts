// Glyphs of vertical fonts (CJK vertical writing, Identity-V), rebuilt from
// the text operators. pdfjs 5.4.296's getTextContent loses them: WPS writes
// "三、本年度办理结果" in a row-spanning header cell as one glyph per Td,
// and textContent returns "三、本年" and drops the rest (measured on
// hongze-qu-2023.pdf p.3: 460 characters in textContent, 465 in showText).
// Only the state a glyph's position needs is tracked.
//
// The same walk gives horizontal glyphs their real advances (the font's
// widths, as pdfjs's canvas draws them): textContent gives one box per run,
// and a run may hold text of two cells (see `placeRun` in text-join.ts).
import { apply, concat, IDENTITY, type Glyph, type Matrix } from './geometry.js';
import type { Pdfjs } from './load.js';

export interface TextOpState {
  ctm: Matrix;
  font: string;
  size: number;
  tm: Matrix;
  tlm: Matrix;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

interface PdfjsGlyph {
  unicode?: string;
  isSpace?: boolean;
  /** Advance in glyph space: × the font matrix's x scale × the font size gives text space. */
  width?: number;
}

/** A horizontal glyph where it is drawn: `x0`–`x1` its advance, `base` its baseline (top-left points). */
export interface PlacedGlyph {
  ch: string;
  x0: number;
  x1: number;
  base: number;
}

export interface HorizontalOut {
  glyphs: PlacedGlyph[];
  /** x scale of a font's matrix (0.001 for most fonts; Type 3 fonts have their own). */
  fontScale(font: string): number;
}

function moveLine(s: TextOpState, x: number, y: number): void {
  s.tlm = concat(s.tlm, [1, 0, 0, 1, x, y]);
  s.tm = [...s.tlm];
}

/** Updates the text state for one op; pushes glyphs shown in a vertical font (and, given `horizontal`, the others). */
export function verticalGlyphs(OPS: Pdfjs['OPS'], fn: number, args: unknown[], s: TextOpState, verticalFonts: Set<string>, out: Glyph[], runBase: number, horizontal?: HorizontalOut): void {
  const num = (i: number): number => Number(args[i]) || 0;
  switch (fn) {
    case OPS.beginText:
      s.tm = [...IDENTITY];
      s.tlm = [...IDENTITY];
      break;
    case OPS.setFont:
      s.font = String(args[0]);
      s.size = num(1);
      break;
    case OPS.setTextMatrix:
      s.tlm = Array.from(args[0] as ArrayLike<number>) as Matrix;
      s.tm = [...s.tlm];
      break;
    case OPS.moveText:
      moveLine(s, num(0), num(1));
      break;
    case OPS.setLeadingMoveText:
      s.leading = -num(1);
      moveLine(s, num(0), num(1));
      break;
    case OPS.nextLine:
      moveLine(s, 0, -s.leading);
      break;
    case OPS.setLeading:
      s.leading = num(0);
      break;
    case OPS.setCharSpacing:
      s.charSpacing = num(0);
      break;
    case OPS.setWordSpacing:
      s.wordSpacing = num(0);
      break;
    case OPS.setHScale:
      s.hScale = num(0) / 100;
      break;
    case OPS.setTextRise:
      s.rise = num(0);
      break;
    case OPS.showText:
    case OPS.showSpacedText:
      if (verticalFonts.has(s.font)) show(s, args[0] as (PdfjsGlyph | number | null)[], out, runBase);
      else if (horizontal) showHorizontal(s, args[0] as (PdfjsGlyph | number | null)[], horizontal);
      break;
  }
}

/** Vertical writing: the origin is the glyph's top centre; each glyph advances one em down. */
function show(s: TextOpState, glyphs: (PdfjsGlyph | number | null)[], out: Glyph[], runBase: number): void {
  const run = runBase + 100000 + out.length; // its own run id: vertical glyphs never join horizontal runs
  for (const g of glyphs) {
    if (typeof g === 'number') {
      // TJ adjustment, thousandths of an em: ty = -Tj/1000 × Tfs (PDF 32000 §9.4.4).
      s.tm = concat(s.tm, [1, 0, 0, 1, 0, (-g / 1000) * s.size]);
      continue;
    }
    if (!g) continue;
    const m = concat(s.ctm, concat(s.tm, [s.size * s.hScale, 0, 0, s.size, 0, s.rise]));
    const [ax, ay] = apply(m, -0.5, -1);
    const [bx, by] = apply(m, 0.5, 0);
    const size = Math.abs(by - ay) || Math.abs(bx - ax);
    const ch = g.unicode ?? '';
    if (ch.trim() !== '') out.push({ ch, run, size, x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: Math.min(ay, by), y1: Math.max(ay, by) });
    const ty = -s.size - s.charSpacing - (g.isSpace ? s.wordSpacing : 0);
    s.tm = concat(s.tm, [1, 0, 0, 1, 0, ty]);
  }
}

/**
 * Horizontal writing, as pdfjs's canvas advances: each glyph by width × font
 * scale × size plus character (and word) spacing, TJ numbers by −n/1000 em,
 * all × the horizontal scale (PDF 32000 §9.4.4).
 */
function showHorizontal(s: TextOpState, glyphs: (PdfjsGlyph | number | null)[], h: HorizontalOut): void {
  const scale = h.fontScale(s.font) * s.size;
  const m = concat(s.ctm, s.tm);
  const at = (x: number): [number, number] => apply(m, x * s.hScale, s.rise);
  let x = 0;
  for (const g of glyphs) {
    if (typeof g === 'number') {
      x -= (g / 1000) * s.size;
      continue;
    }
    if (!g) continue;
    const advance = (g.width ?? 0) * scale + s.charSpacing + (g.isSpace ? s.wordSpacing : 0);
    const [ax, ay] = at(x);
    const [bx] = at(x + (g.width ?? 0) * scale);
    const ch = g.unicode ?? '';
    if (ch.trim() !== '') h.glyphs.push({ ch, x0: Math.min(ax, bx), x1: Math.max(ax, bx), base: ay });
    x += advance;
  }
  s.tm = concat(s.tm, [1, 0, 0, 1, x * s.hScale, 0]);
}
