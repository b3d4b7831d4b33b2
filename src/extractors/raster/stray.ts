// Ink in a cell that is no glyph: what is left of a light border beside a
// rule. A browser draws each cell's own bevelled border 2–3 px inside the
// table's; in a grey JPEG scan that inner line is about as light as the ink
// threshold, so it comes out in pieces that neither the rule scan nor
// cleanInk (which wants a remnant along most of the edge) takes, and the
// recogniser read them as `1`, `9` or `]` (shanghai-bangongting-2019's
// noisy 150 dpi JPEG: five blank cells given a number, `821 ]`, a `12` with
// a row of such pieces under it read `12 85`). Pure.
import type { Gray } from '../../ocr/image.js';
import { eachPiece } from './pieces.js';
import { INK } from './rules.js';

/**
 * Grey below this is a glyph's core: most pixels of a stroke of type are
 * such, however light the scan; a light border's pieces have few (noise
 * darkens one here and there).
 */
const CORE = 100;
const CORE_SHARE = 0.3;

/**
 * A piece of ink is a border remnant when it is thin across (at most
 * `thin` px), lies wholly within `zone` px of one side of the cell and runs
 * along that side, unless it is as long as a glyph's stroke and mostly
 * dark (a `1` set 1 px from the border, a `一` under a tight rule);
 * `dark` is the share of its pixels darker than CORE.
 */
export function remnant(x0: number, y0: number, x1: number, y1: number, dark: number, w: number, h: number, dpi: number): boolean {
  const zone = Math.max(3, Math.round(0.035 * dpi)), thin = Math.max(2, Math.round(dpi / 75)), stroke = Math.max(4, Math.round(0.04 * dpi));
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const upright = bw <= thin && bh >= bw && (x1 < zone || x0 >= w - zone);
  const flat = bh <= thin && bw >= bh && (y1 < zone || y0 >= h - zone);
  if (!upright && !flat) return false;
  return dark < CORE_SHARE || (upright ? bh : bw) < stroke;
}

/** The cell's ink without border remnants (the same image when there are none). */
export function dropStrays(img: Gray, dpi: number): Gray {
  const { width: w, height: h } = img;
  const gone: number[][] = [];
  eachPiece(img, INK, () => true, (members) => {
    let x0 = w, y0 = h, x1 = -1, y1 = -1, cores = 0;
    for (const i of members) {
      const x = i % w, y = (i - x) / w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (img.data[i]! < CORE) cores++;
    }
    // eachPiece lends its buffer for the call only.
    if (remnant(x0, y0, x1, y1, cores / members.length, w, h, dpi)) gone.push(Array.from(members));
  });
  if (gone.length === 0) return img;
  const out: Gray = { width: w, height: h, data: Uint8Array.from(img.data) };
  // With the grey pixels around them (as cleanInk does), which would otherwise read as a faint stroke.
  for (const members of gone) for (const i of members) {
    const x = i % w, y = (i - x) / w;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const nx = x + dx, ny = y + dy;
      if (nx >= 0 && ny >= 0 && nx < w && ny < h && (img.data[ny * w + nx]! >= INK || (dx === 0 && dy === 0))) out.data[ny * w + nx] = 255;
    }
  }
  return out;
}
