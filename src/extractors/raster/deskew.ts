// Skew from the projection profile: the angle at which the ink's rows are
// sharpest (rules and text lines line up) within ±2°. Pure.
import { INK } from './rules.js';
import type { Gray } from '../../ocr/image.js';

const MAX_DEG = 2;
const STEP_DEG = 0.05;

/** The page's skew in degrees (positive: the content is rotated clockwise on screen). */
export function skewAngle(img: Gray): number {
  const { width, height, data } = img;
  // Ink rows by column. Every other column is plenty for the profile; every row is needed: with every other row, bins of
  // odd rows stay empty at 0° only, which doubled that angle's score and hid a 0.5° skew on text pages.
  const cols: number[] = [];
  for (let x = 0; x < width; x += 2) cols.push(x);
  const count = new Int32Array(cols.length + 1);
  for (let y = 0; y < height; y++) for (let c = 0; c < cols.length; c++) if (data[y * width + cols[c]!]! < INK) count[c + 1]!++;
  for (let c = 0; c < cols.length; c++) count[c + 1]! += count[c]!;
  const n = count[cols.length]!;
  if (2 * n < 200) return 0;
  const ys = new Int32Array(n), fill = count.slice(0, cols.length);
  for (let y = 0; y < height; y++) for (let c = 0; c < cols.length; c++) if (data[y * width + cols[c]!]! < INK) ys[fill[c]!++] = y;
  const cx = width / 2;
  let best = 0, bestScore = -1;
  const bins = new Float64Array(height + 200);
  for (let deg = -MAX_DEG; deg <= MAX_DEG + 1e-9; deg += STEP_DEG) {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let c = 0; c < cols.length; c++) {
      // round(y - (x - cx)·t) is y + round(-(x - cx)·t) for a whole y: one shift per column.
      const shift = Math.round(-(cols[c]! - cx) * t) + 100;
      for (let i = count[c]!, end = count[c + 1]!; i < end; i++) {
        const y = ys[i]! + shift;
        if (y >= 0 && y < bins.length) bins[y]!++;
      }
    }
    let score = 0;
    for (let k = 0; k < bins.length; k++) score += bins[k]! * bins[k]!;
    if (score > bestScore + 1e-6) {
      bestScore = score;
      best = deg;
    }
  }
  return Math.round(best * 100) / 100;
}
