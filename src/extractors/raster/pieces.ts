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
  // Paper is passed four pixels at a time where they are pure white (most of a page).
  const words = data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : undefined;
  for (let s = 0; s < w * h; s++) {
    if (words && (s & 3) === 0 && s + 4 <= w * h && words[s >> 2] === 0xffffffff) {
      s += 3;
      continue;
    }
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

/** `img` without its pieces of ink of fewer than `min` pixels (white there). */
export function withoutSpecks(img: Gray, ink: number, min: number): Gray {
  const out: Gray = { width: img.width, height: img.height, data: Uint8Array.from(img.data) };
  eachPiece(img, ink, () => true, (members) => {
    if (members.length < min) for (const i of members) out.data[i] = 255;
  });
  return out;
}
