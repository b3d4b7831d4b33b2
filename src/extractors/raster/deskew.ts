// Skew from the projection profile: the angle at which the ink's rows are
// sharpest (rules and text lines line up) within ±2°. Pure.
import { INK } from './rules.js';
import type { Gray } from '../../ocr/image.js';

const MAX_DEG = 2;
const STEP_DEG = 0.05;

/** The page's skew in degrees (positive: the content is rotated clockwise on screen). */
export function skewAngle(img: Gray): number {
  const pts: number[] = [];
  // Every other column is plenty for the profile; every row is needed: with every other row, bins of odd
  // rows stay empty at 0° only, which doubled that angle's score and hid a 0.5° skew on text pages.
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x += 2) if (img.data[y * img.width + x]! < INK) pts.push(x, y);
  if (pts.length < 200) return 0;
  const cx = img.width / 2;
  let best = 0, bestScore = -1;
  const bins = new Float64Array(img.height + 200);
  for (let deg = -MAX_DEG; deg <= MAX_DEG + 1e-9; deg += STEP_DEG) {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < pts.length; i += 2) {
      const y = Math.round(pts[i + 1]! - (pts[i]! - cx) * t) + 100;
      if (y >= 0 && y < bins.length) bins[y]!++;
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
