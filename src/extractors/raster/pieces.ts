// Pieces of ink: the 8-connected groups of dark pixels of a page. Pure.
import type { Gray } from '../../ocr/image.js';

/**
 * Calls `piece` with the pixels (indices) of every piece of ink (grey below
 * `ink`) that has a pixel where `from` holds; each piece once. `members` is
 * only valid during the call (one buffer serves every piece: a page holds
 * tens of thousands of them).
 */
export function eachPiece(img: Gray, ink: number, from: (i: number) => boolean, piece: (members: Int32Array) => void): void {
  const { width: w, height: h, data } = img;
  const seen = new Uint8Array(w * h);
  const members = new Int32Array(w * h);
  for (let s = 0; s < w * h; s++) {
    if (seen[s] || data[s]! >= ink || !from(s)) continue;
    // The members found so far are the stack too: each is taken once, in order, and its neighbours appended.
    let n = 0, next = 0;
    seen[s] = 1;
    members[n++] = s;
    while (next < n) {
      const i = members[next++]!;
      const x = i % w;
      const left = x > 0, right = x < w - 1;
      for (let j = i - w - 1, dy = -1; dy <= 1; dy++, j += w) {
        if ((dy < 0 && i < w) || (dy > 0 && i >= (h - 1) * w)) continue;
        if (left && !seen[j] && data[j]! < ink) { seen[j] = 1; members[n++] = j; }
        if (!seen[j + 1] && data[j + 1]! < ink) { seen[j + 1] = 1; members[n++] = j + 1; }
        if (right && !seen[j + 2] && data[j + 2]! < ink) { seen[j + 2] = 1; members[n++] = j + 2; }
      }
    }
    piece(members.subarray(0, n));
  }
}
