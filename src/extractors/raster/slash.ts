// A lone stroke that leans like `/` is the slash that marks a blank cell,
// whatever the recogniser read: Chromium's serif `/` in a 1-bit scan read
// `I` at 0.58, which a table takes for a 1 (ocr/recognize.ts).
import type { Gray } from '../../ocr/image.js';
import type { InkBox } from './ink.js';
import { INK } from './rules.js';

/**
 * Leaning at least this much: the 1s of 5 scans' cells (serif, sans, 1-bit,
 * grey, 100–200 dpi) lean −0.02 to −0.14 (the flag of their top), the
 * slashes of shanghai-2019-cell-variants at 1-bit 200 dpi +0.23.
 */
export const SLASH_LEAN = 0.15;

/** The share of the glyph's height at its top and at its bottom whose ink is compared. */
const BAND = 0.3;

/** How far right the ink of the glyph's top stands from that of its bottom, in glyph heights. */
export function lean(img: Gray, b: InkBox): number {
  const h = b.y1 - b.y0 + 1;
  const band = Math.max(1, Math.round(BAND * h));
  const centre = (y0: number, y1: number): number | undefined => {
    let sum = 0, n = 0;
    for (let y = y0; y <= y1; y++) for (let x = b.x0; x <= b.x1; x++) if (img.data[y * img.width + x]! < INK) { sum += x; n++; }
    return n > 0 ? sum / n : undefined;
  };
  const top = centre(b.y0, b.y0 + band - 1), bottom = centre(b.y1 - band + 1, b.y1);
  return top === undefined || bottom === undefined ? 0 : (top - bottom) / h;
}
