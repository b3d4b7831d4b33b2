// Pieces of ink: the 8-connected groups of dark pixels of a page. Pure.
import type { Gray } from '../../ocr/image.js';

/**
 * Calls `piece` with the pixels (indices) of every piece of ink (grey below
 * `ink`) that has a pixel where `from` holds; each piece once.
 */
export function eachPiece(img: Gray, ink: number, from: (i: number) => boolean, piece: (members: number[]) => void): void {
  const { width: w, height: h, data } = img;
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  for (let s = 0; s < w * h; s++) {
    if (seen[s] || data[s]! >= ink || !from(s)) continue;
    const members: number[] = [];
    seen[s] = 1;
    stack.push(s);
    while (stack.length > 0) {
      const i = stack.pop()!;
      members.push(i);
      const x = i % w, y = (i - x) / w;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const j = ny * w + nx;
        if (!seen[j] && data[j]! < ink) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    piece(members);
  }
}
