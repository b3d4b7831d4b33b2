// Long dark runs of a page, from its ink kept as run lengths: a page is
// mostly white, so walking each line's stretches of ink instead of its
// pixels makes the rule scans (three gaps, two axes, two images on a 1-bit
// scan) cheap. Pure.
import type { Gray } from '../../ocr/image.js';

/** A run along one axis: its line (row for h, column for v) and its extent along it. */
export interface Run {
  at: number;
  b0: number;
  b1: number;
}

/** Stretches of ink of every line of one axis: line `l`'s are the pairs (start, end) in `seg[from[l] .. from[l + 1])`. */
export interface Stretches {
  lines: number;
  from: Int32Array;
  seg: Int32Array;
}

/** Both axes' stretches of the pixels darker than `ink`. */
export function stretchesOf(img: Gray, ink: number): { h: Stretches; v: Stretches } {
  const { width: w, height: h, data } = img;
  const rows: number[] = [], rowFrom = new Int32Array(h + 1);
  // Columns are built from the rows' stretches: each ink pixel extends its column's open stretch or opens one.
  const open = new Int32Array(w).fill(-2), lastY = new Int32Array(w).fill(-2);
  const cols: number[][] = Array.from({ length: w }, () => []);
  // Paper is skipped four pixels at a time where they are pure white (most of a page).
  const words = data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : undefined;
  for (let y = 0; y < h; y++) {
    rowFrom[y] = rows.length;
    const at = y * w;
    let x = 0;
    while (x < w) {
      if (words && ((at + x) & 3) === 0 && x + 4 <= w && words[(at + x) >> 2] === 0xffffffff) {
        x += 4;
        continue;
      }
      if (data[at + x]! >= ink) {
        x++;
        continue;
      }
      const s = x;
      while (x < w && data[at + x]! < ink) x++;
      rows.push(s, x - 1);
      for (let c = s; c < x; c++) {
        if (lastY[c] !== y - 1) {
          if (open[c]! >= 0) cols[c]!.push(open[c]!, lastY[c]!);
          open[c] = y;
        }
        lastY[c] = y;
      }
    }
  }
  rowFrom[h] = rows.length;
  const colFrom = new Int32Array(w + 1), colSeg: number[] = [];
  for (let c = 0; c < w; c++) {
    if (open[c]! >= 0) cols[c]!.push(open[c]!, lastY[c]!);
    colFrom[c] = colSeg.length;
    for (const v of cols[c]!) colSeg.push(v);
  }
  colFrom[w] = colSeg.length;
  return { h: { lines: h, from: rowFrom, seg: Int32Array.from(rows) }, v: { lines: w, from: colFrom, seg: Int32Array.from(colSeg) } };
}

/**
 * Runs at least `len` long, each line read with its neighbours `reach` px
 * either side (a pixel counts when it or one beside it across the axis is
 * ink, so a rule left slightly slanted makes one run), gaps of up to `gap` px
 * bridged; ordered by line, then along it.
 */
export function longRuns(s: Stretches, len: number, gap: number, reach = 1): Run[] {
  const out: Run[] = [];
  const { lines, from, seg } = s;
  const n = 2 * reach + 1;
  const idx = new Array<number>(n).fill(0), end = new Array<number>(n).fill(0);
  for (let line = 0; line < lines; line++) {
    for (let k = 0; k < n; k++) {
      const l = line - reach + k;
      idx[k] = l >= 0 && l < lines ? from[l]! : 0;
      end[k] = l >= 0 && l < lines ? from[l + 1]! : 0;
    }
    let start = -1, last = -2;
    // The lines' stretches in order of their starts.
    for (;;) {
      let pick = -1;
      for (let k = 0; k < n; k++) if (idx[k]! < end[k]! && (pick < 0 || seg[idx[k]!]! < seg[idx[pick]!]!)) pick = k;
      if (pick < 0) break;
      const a = seg[idx[pick]!]!, b = seg[idx[pick]! + 1]!;
      idx[pick]! += 2;
      if (start < 0 || a - last > gap + 1) {
        if (start >= 0 && last - start + 1 >= len) out.push({ at: line, b0: start, b1: last });
        start = a;
      }
      if (b > last) last = b;
    }
    if (start >= 0 && last - start + 1 >= len) out.push({ at: line, b0: start, b1: last });
  }
  return out;
}
