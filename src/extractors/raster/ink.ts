// Ink inside a box: connected components with specks (noise) and the thin
// remnants of rules along the box's edges removed, then rows of ink banded
// into text lines. Pure.
import type { Gray } from '../../ocr/image.js';
import { INK } from './rules.js';

export interface InkBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A cleaned crop: only the ink that is text. */
export interface Ink {
  img: Gray;
  /** Pixel rows [y0, y1] holding ink, top to bottom, before merging into lines. */
  bands: InkBox[];
}

/**
 * Keeps the components that are text: drops specks below `speck` pixels and
 * thin strokes that run along most of an edge of the crop (what is left of a
 * rule after erasing, or a neighbouring cell's rule caught by the crop).
 */
export function cleanInk(img: Gray, speck: number): Gray {
  const { width: w, height: h, data } = img;
  const label = new Int32Array(w * h).fill(-1);
  // Kept ink keeps its grey edges (the recogniser reads thin, light type by them).
  const out: Gray = { width: w, height: h, data: Uint8Array.from(data) };
  const stack: number[] = [];
  for (let s = 0; s < w * h; s++) {
    if (label[s] !== -1 || data[s]! >= INK) continue;
    const members: number[] = [];
    let x0 = w, y0 = h, x1 = -1, y1 = -1;
    label[s] = s;
    stack.push(s);
    while (stack.length > 0) {
      const i = stack.pop()!;
      members.push(i);
      const x = i % w, y = (i - x) / w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const j = ny * w + nx;
        if (label[j] === -1 && data[j]! < INK) {
          label[j] = s;
          stack.push(j);
        }
      }
    }
    const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    const thin = Math.max(3, Math.round(speck / 2));
    const ruleH = bh <= thin && bw >= 0.7 * w;
    const ruleV = bw <= thin && bh >= 0.85 * h && (x0 <= 2 || x1 >= w - 3);
    if (members.length >= speck && !ruleH && !ruleV) continue;
    for (const i of members) {
      const x = i % w, y = (i - x) / w;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx, ny = y + dy;
        if (nx >= 0 && ny >= 0 && nx < w && ny < h) out.data[ny * w + nx] = 255;
      }
    }
  }
  return out;
}

/** Rows of ink: maximal runs of pixel rows with any ink, with their horizontal extent. */
export function inkBands(img: Gray): InkBox[] {
  const { width: w, height: h, data } = img;
  const bands: InkBox[] = [];
  let cur: InkBox | undefined;
  for (let y = 0; y < h; y++) {
    let x0 = -1, x1 = -1;
    for (let x = 0; x < w; x++) {
      if (data[y * w + x]! < INK) {
        if (x0 < 0) x0 = x;
        x1 = x;
      }
    }
    if (x0 < 0) {
      if (cur) bands.push(cur);
      cur = undefined;
    } else if (cur) {
      cur.y1 = y;
      cur.x0 = Math.min(cur.x0, x0);
      cur.x1 = Math.max(cur.x1, x1);
    } else cur = { x0, x1, y0: y, y1: y };
  }
  if (cur) bands.push(cur);
  return bands;
}

/**
 * Bands into text lines: a character such as 二 or 三 is several bands, so
 * neighbours merge while the merged line stays within `lineHeight`.
 */
export function mergeBands(bands: InkBox[], lineHeight: number): InkBox[] {
  const out: InkBox[] = [];
  for (const b of bands) {
    const prev = out[out.length - 1];
    if (prev && b.y1 - prev.y0 + 1 <= lineHeight) {
      prev.y1 = b.y1;
      prev.x0 = Math.min(prev.x0, b.x0);
      prev.x1 = Math.max(prev.x1, b.x1);
    } else out.push({ ...b });
  }
  return out;
}

/**
 * The typical height of a line of text: the median height of bands at least
 * three times as wide as high (lines of words; a cell's lone number or a
 * stroke of 三 is no whole line).
 */
export function typicalLineHeight(bands: InkBox[], fallback: number): number {
  const hs = bands.filter((b) => b.x1 - b.x0 + 1 >= 3 * (b.y1 - b.y0 + 1)).map((b) => b.y1 - b.y0 + 1).sort((a, b) => a - b);
  if (hs.length < 3) return fallback;
  return hs[Math.floor(0.5 * (hs.length - 1))]!;
}
