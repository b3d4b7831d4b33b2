// CCITT Group 4 fax data (ITU-T T.6, what scanners and img2pdf store for a
// 1-bit page) → grey pixels, 0 black and 255 white. pdfjs decodes it in
// JavaScript too, but then paints it through a canvas (RGBA) that is read
// back: for a 300 dpi page that was ≈ 0.5 s against ≈ 0.05 s here. Group 3
// (K ≥ 0), byte-aligned rows and damaged data throw: the caller leaves those
// to pdfjs. Pure.
import { MAX_PIXELS } from './decode.js';
import { gray, type Gray } from './image.js';

// Run-length code words of ITU-T T.4 tables 2 and 3 (as written in utif, MIT): terminating
// codes for 0–63, make-up codes for 64–1728 by 64, and the extended make-up codes 1792–2560 both colours share.
const TERM_WHITE =
  '00110101,000111,0111,1000,1011,1100,1110,1111,10011,10100,00111,01000,001000,000011,110100,110101,101010,101011,0100111,0001100,0001000,0010111,0000011,0000100,0101000,0101011,0010011,0100100,0011000,00000010,00000011,00011010,00011011,00010010,00010011,00010100,00010101,00010110,00010111,00101000,00101001,00101010,00101011,00101100,00101101,00000100,00000101,00001010,00001011,01010010,01010011,01010100,01010101,00100100,00100101,01011000,01011001,01011010,01011011,01001010,01001011,00110010,00110011,00110100';
const TERM_BLACK =
  '0000110111,010,11,10,011,0011,0010,00011,000101,000100,0000100,0000101,0000111,00000100,00000111,000011000,0000010111,0000011000,0000001000,00001100111,00001101000,00001101100,00000110111,00000101000,00000010111,00000011000,000011001010,000011001011,000011001100,000011001101,000001101000,000001101001,000001101010,000001101011,000011010010,000011010011,000011010100,000011010101,000011010110,000011010111,000001101100,000001101101,000011011010,000011011011,000001010100,000001010101,000001010110,000001010111,000001100100,000001100101,000001010010,000001010011,000000100100,000000110111,000000111000,000000100111,000000101000,000001011000,000001011001,000000101011,000000101100,000001011010,000001100110,000001100111';
const MAKEUP_WHITE =
  '11011,10010,010111,0110111,00110110,00110111,01100100,01100101,01101000,01100111,011001100,011001101,011010010,011010011,011010100,011010101,011010110,011010111,011011000,011011001,011011010,011011011,010011000,010011001,010011010,011000,010011011';
const MAKEUP_BLACK =
  '0000001111,000011001000,000011001001,000001011011,000000110011,000000110100,000000110101,0000001101100,0000001101101,0000001001010,0000001001011,0000001001100,0000001001101,0000001110010,0000001110011,0000001110100,0000001110101,0000001110110,0000001110111,0000001010010,0000001010011,0000001010100,0000001010101,0000001011010,0000001011011,0000001100100,0000001100101';
const MAKEUP_EXTENDED = '00000001000,00000001100,00000001101,000000010010,000000010011,000000010100,000000010101,000000010110,000000010111,000000011100,000000011101,000000011110,000000011111';

/** Code words by their length in bits: value → run length. */
function codeTable(groups: [string, number, number][]): Map<number, number>[] {
  const byLength: Map<number, number>[] = Array.from({ length: 14 }, () => new Map());
  for (const [words, first, step] of groups) words.split(',').forEach((w, i) => byLength[w.length]!.set(parseInt(w, 2), first + i * step));
  return byLength;
}

const WHITE = codeTable([[TERM_WHITE, 0, 1], [MAKEUP_WHITE, 64, 64], [MAKEUP_EXTENDED, 1792, 64]]);
const BLACK = codeTable([[TERM_BLACK, 0, 1], [MAKEUP_BLACK, 64, 64], [MAKEUP_EXTENDED, 1792, 64]]);


class Bits {
  private at = 0;
  constructor(private readonly data: Uint8Array) {}

  next(): number {
    const byte = this.at >>> 3;
    // A few bits past the end may be read while the last row closes; far past it the data is cut.
    if (byte >= this.data.length && byte > this.data.length + 8) throw new Error('the fax data ends before the picture does');
    const b = byte < this.data.length ? (this.data[byte]! >>> (7 - (this.at & 7))) & 1 : 0;
    this.at++;
    return b;
  }
}

/** One run's length: make-up codes, then the terminating one. */
function run(bits: Bits, codes: Map<number, number>[]): number {
  let total = 0;
  for (;;) {
    let v = 0, found: number | undefined;
    for (let len = 1; len < codes.length && found === undefined; len++) {
      v = (v << 1) | bits.next();
      found = codes[len]!.get(v);
    }
    if (found === undefined) throw new Error('a run code of the fax data is not in the tables');
    total += found;
    if (found < 64) return total;
  }
}

/** Vertical mode offsets by code; 'P' pass, 'H' horizontal. */
function mode(bits: Bits): number | 'P' | 'H' {
  if (bits.next()) return 0; // 1
  if (bits.next()) return bits.next() ? 1 : -1; // 011, 010
  if (bits.next()) return 'H'; // 001
  if (bits.next()) return 'P'; // 0001
  if (bits.next()) return bits.next() ? 2 : -2; // 000011, 000010
  if (bits.next()) return bits.next() ? 3 : -3; // 0000011, 0000010
  throw new Error('the fax data uses an extension or ends early (not plain Group 4)');
}

/**
 * Decodes Group 4 data of a `width` × `height` picture. `blackIs1` as the
 * PDF's CCITTFaxDecode parameter: when true, the runs coded black are the
 * picture's white.
 */
export function decodeGroup4(data: Uint8Array, width: number, height: number, blackIs1: boolean): Gray {
  if (width * height > MAX_PIXELS) throw new Error(`the picture is ${width}×${height} pixels, above the limit`);
  const out = gray(width, height);
  const bits = new Bits(data);
  // Changing elements of the reference line (the line above; an imaginary white line first): even entries turn black.
  let ref: number[] = [width, width];
  for (let y = 0; y < height; y++) {
    const cur: number[] = [];
    let a0 = -1, black = 0;
    // The first changing element of the reference line right of a0: a0 only moves right, so neither does it (a search from 0 each time was quadratic in a row's changes).
    let next = 0;
    const paint = (from: number, to: number, isBlack: number) => {
      if (to > width || to < from) throw new Error('a run of the fax data leaves its row');
      if (isBlack) out.data.fill(0, y * width + from, y * width + to);
    };
    while (a0 < width) {
      // b1: the first changing element of the reference line right of a0 of the colour opposite a0's; b2 the next.
      while (next < ref.length && ref[next]! <= a0) next++;
      const i = (next & 1) === black ? next : next + 1;
      const b1 = ref[i]!, b2 = ref[i + 1] ?? width;
      const start = Math.max(0, a0);
      const m = mode(bits);
      if (m === 'P') {
        paint(start, b2, black);
        a0 = b2;
      } else if (m === 'H') {
        const r1 = run(bits, black ? BLACK : WHITE), r2 = run(bits, black ? WHITE : BLACK);
        paint(start, start + r1, black);
        paint(start + r1, start + r1 + r2, 1 - black);
        if (start + r1 < width) cur.push(start + r1);
        if (start + r1 + r2 < width) cur.push(start + r1 + r2);
        a0 = start + r1 + r2;
      } else {
        const a1 = b1 + m;
        if (a1 < start) throw new Error('a vertical code of the fax data goes backwards');
        paint(start, Math.min(a1, width), black);
        if (a1 < width) cur.push(a1);
        a0 = a1;
        black = 1 - black;
      }
    }
    cur.push(width, width);
    ref = cur;
  }
  if (blackIs1) for (let i = 0; i < out.data.length; i++) out.data[i] = 255 - out.data[i]!;
  return out;
}
