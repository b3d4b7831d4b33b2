// Ruling lines from pixels (notes/ocr.md): a dark-run scan. A horizontal
// rule is a run of dark pixels at least 0.6 in long, a vertical one at least
// 0.25 in; each pixel row (column) is read with its neighbours (±1 px) so a
// rule left slightly slanted by the scanner still makes one run. Runs on
// neighbouring rows are one rule. The rules go, in PDF points, to the same
// grid builder as a PDF's vector rules.
import type { Gray } from '../../ocr/image.js';
import { eachPiece } from './pieces.js';
import { longRuns, stretchesOf, type Run, type Stretches } from './runs.js';

/** Grey below this is ink. */
export const INK = 150;

/** A rule in pixels: the band of rows (or columns) it covers and its extent. */
export interface PixelRule {
  axis: 'h' | 'v';
  /** Across the rule: first and last row (h) or column (v) of its band. */
  a0: number;
  a1: number;
  /** Along the rule: first and last column (h) or row (v). */
  b0: number;
  b1: number;
}

/** Runs on neighbouring lines (within 3 px) that overlap along the axis are one rule. */
function groupRuns(list: Run[], axis: 'h' | 'v', reach: number): PixelRule[] {
  const open: { a0: number; a1: number; b0: number; b1: number }[] = [];
  const done: typeof open = [];
  for (const r of list) {
    for (let i = open.length - 1; i >= 0; i--) {
      if (r.at - open[i]!.a1 > 3) done.push(...open.splice(i, 1));
    }
    const g = open.find((o) => r.b0 <= o.b1 && r.b1 >= o.b0);
    if (g) {
      g.a1 = r.at;
      g.b0 = Math.min(g.b0, r.b0);
      g.b1 = Math.max(g.b1, r.b1);
    } else open.push({ a0: r.at, a1: r.at, b0: r.b0, b1: r.b1 });
  }
  done.push(...open);
  // The ±reach px reading widened each band by `reach` pixels on each side.
  return done.map((g) => ({ axis, a0: g.a1 - g.a0 >= 2 * reach ? g.a0 + reach : g.a0, a1: g.a1 - g.a0 >= 2 * reach ? g.a1 - reach : g.a1, b0: g.b0, b1: g.b1 }));
}

/** A band thicker than 0.04 in is no rule but a filled area (a solid bar, a shaded block). */
function thin(groups: PixelRule[], dpi: number): PixelRule[] {
  const thick = Math.max(4, Math.round(0.04 * dpi));
  return groups.filter((g) => g.a1 - g.a0 + 1 <= thick);
}

/**
 * Gaps bridged along a rule in a 1-bit scan: 1/150 in. A browser's light
 * grey bevelled border, dithered at 300 dpi, is a band of dots whose best
 * column still has gaps of 2 px every few dots (hongze-qu-2024-hybrid's
 * table frame: no rule found, 0 of 186 fields); 1 px is the same distance
 * at 150 dpi, where text never made a rule of it. A dithered grey area's
 * screen makes such lines too (every 64 px: hongze-qu-2023's seal), which
 * `screen` tells apart.
 */
function gapAt(dpi: number): number {
  return Math.max(1, Math.round(dpi / 150));
}

/** Runs along which at least `share` of the positions have a speck on the run's line or beside it. */
function dotted(img: Gray, axis: 'h' | 'v', list: Run[], specks: Uint8Array, share: number, reach: number): Run[] {
  const { width, height } = img;
  // Pixel (line, k) is specks[line * step + k * stride]: rows for h, columns for v.
  const [lines, step, stride] = axis === 'h' ? [height, width, 1] : [width, 1, width];
  return list.filter((r) => {
    const a0 = Math.max(0, r.at - reach), a1 = Math.min(lines - 1, r.at + reach);
    let n = 0;
    for (let k = r.b0; k <= r.b1; k++) {
      for (let a = a0, i = a0 * step + k * stride; a <= a1; a++, i += step) {
        if (specks[i]) {
          n++;
          break;
        }
      }
    }
    return n >= share * (r.b1 - r.b0 + 1);
  });
}

function rulesOf(img: Gray, dpi: number, gap: number, ink: { h: Stretches; v: Stretches }, specks?: Uint8Array, reach = 1): PixelRule[] {
  const along = (axis: 'h' | 'v', len: number): PixelRule[] => {
    const found = longRuns(ink[axis], len, gap, reach);
    return thin(groupRuns(specks ? dotted(img, axis, found, specks, DOT_SHARE, reach) : found, axis, reach), dpi);
  };
  return [...along('h', Math.round(0.6 * dpi)), ...along('v', Math.round(0.25 * dpi))];
}

/**
 * A browser's light grey border in a 1-bit 200 dpi scan is two rows of
 * dots, one every 2nd and one every 4th pixel: despeckling (which the rest
 * of the page needs) takes the lone ones, the rest are pairs with gaps the
 * rule scan does not bridge, and shanghai-2019-govpage's rows ran together
 * (`0 0` in one cell, `148 5` read 1485). Such dots line up over a rule's
 * whole length: gaps of 3 px are bridged, through any ink (where a dotted
 * column crosses, its dots join into chains), but a run is kept only if a
 * fifth of it is specks (bridged gaps over all the ink made rules of lines
 * of Chinese). A dithered shaded area's dots fill a band too thick for a rule.
 */
const DOT_GAP = 3;
const DOT_SHARE = 0.2;

/** `a` lies on the line of `b` (bands within 3 px) and `b` covers its length: nothing new. */
function covered(a: PixelRule, b: PixelRule): boolean {
  return a.axis === b.axis && a.a0 - 3 <= b.a1 && b.a0 - 3 <= a.a1 && b.b0 <= a.b0 + 3 && b.b1 >= a.b1 - 3;
}

/**
 * A dotted "rule" with specks on both sides of it is a line of a dithered
 * grey area's screen, not a border: hongze-qu-2023's shaded heading and
 * its grey seal at 1-bit 300 dpi gave 280 of them (a screen's dots line up
 * every few pixels and every 64). Beside a border lies a cell's white (text
 * is no specks) on one side at least; the other may be the next cell's
 * border. Looked at: a strip 0.02 in wide, from 3 px off the rule's band.
 */
function screen(d: PixelRule, img: Gray, specks: Uint8Array, dpi: number): boolean {
  const w = Math.max(2, Math.round(0.02 * dpi));
  return busy(d, img, specks, d.a0 - 3 - w, d.a0 - 3) && busy(d, img, specks, d.a1 + 3, d.a1 + 3 + w);
}

/** Specks lie beside more than a fifth of `d`'s length in the rows (columns) `from`..`to` across it. */
function busy(d: PixelRule, img: Gray, specks: Uint8Array, from: number, to: number): boolean {
  const { width, height } = img;
  let n = 0;
  for (let k = d.b0; k <= d.b1; k++) {
    for (let a = Math.max(0, from); a <= Math.min(to, (d.axis === 'h' ? height : width) - 1); a++) {
      if (d.axis === 'h' ? specks[a * width + k] : specks[k * width + a]) {
        n++;
        break;
      }
    }
  }
  return n > 0.2 * (d.b1 - d.b0 + 1);
}

/**
 * A browser's light grey border dithered at 1-bit 300 dpi is sometimes
 * sparser still, dashes with gaps up to 6 px (0.02 in): the rule under
 * huaian-shi-2024-template2021's 第三方 row, not found, lost that row (7
 * fields). Bridging such gaps also joins the edge row of a dithered grey
 * area (hongze-qu-2023's shaded headings), which has white on one side
 * like a border; but a border has only the next cell's border beside it,
 * and then white, while a shaded area goes on: a dotted rule with specks
 * 0.02 to 0.06 in off either side of it is no border.
 */
const SPARSE_GAP = 0.02;
// Only where that is twice DOT_GAP (300 dpi): at 200 dpi the same borders' gaps are 2/3 as wide and the 3 px pass
// finds them (the three prints at 1-bit 200 dpi read as before), while this pass cost 0.1–0.2 s on hongze-qu-2023's
// shaded page.
/** Lines either side read with each: shanghai-bangongting-2019's double dotted border, two rows of dashes 4 px apart. */
const SPARSE_REACH = 2;

function shadedBeside(d: PixelRule, img: Gray, specks: Uint8Array, dpi: number): boolean {
  const w = Math.max(2, Math.round(0.02 * dpi));
  return busy(d, img, specks, d.a0 - 3 - 3 * w, d.a0 - 4 - w) || busy(d, img, specks, d.a1 + 4 + w, d.a1 + 3 + 3 * w);
}

/** 1 where a pixel is ink of a piece (8-connected) of at most `max` pixels. */
function specks(img: Gray, max: number): Uint8Array {
  const out = new Uint8Array(img.width * img.height);
  eachPiece(img, INK, () => true, (members) => {
    if (members.length <= max) for (const i of members) out[i] = 1;
  });
  return out;
}

/**
 * Rules of `img` (gaps of 1 px bridged); with `before` (the same page before
 * despeckling, for a 1-bit scan), also those found with gaps of 1/150 in
 * bridged and those of its specks (pieces of ink of at most 2 px at 100
 * dpi, 8 at 200, 18 at 300), each unless a rule already found covers it or
 * it is a line of a dithered screen.
 */
export function findRules(img: Gray, dpi: number, before?: Gray): PixelRule[] {
  const ink = stretchesOf(img, INK);
  const solid = rulesOf(img, dpi, 1, ink);
  if (!before) return solid;
  const small = specks(before, Math.round(2 * (dpi / 100) ** 2));
  const wider = gapAt(dpi) > 1 ? rulesOf(img, dpi, gapAt(dpi), ink) : [];
  const out = [...solid];
  const dots = stretchesOf(before, INK);
  for (const d of [...wider, ...rulesOf(img, dpi, DOT_GAP, dots, small)]) {
    if (!out.some((r) => covered(d, r)) && !screen(d, img, small, dpi)) out.push(d);
  }
  const sparse = Math.round(SPARSE_GAP * dpi);
  for (const d of sparse >= 2 * DOT_GAP ? rulesOf(img, dpi, sparse, dots, small, SPARSE_REACH) : []) {
    if (!out.some((r) => covered(d, r)) && !screen(d, img, small, dpi) && !shadedBeside(d, img, small, dpi)) out.push(d);
  }
  return out;
}

/**
 * Dark pixels with no dark neighbour (of eight) go: the dots of a shaded
 * cell dithered in a 1-bit scan, and salt noise. Strokes of text, even one
 * pixel wide, always touch a neighbour.
 */
export function despeckle(img: Gray): Gray {
  const { width: w, height: h, data } = img;
  const out: Gray = { width: w, height: h, data: Uint8Array.from(data) };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (data[i]! >= INK) continue;
      let alone = true;
      for (let dy = -1; dy <= 1 && alone; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if ((dx || dy) && nx >= 0 && nx < w && data[ny * w + nx]! < INK) {
            alone = false;
            break;
          }
        }
      }
      if (alone) out.data[i] = 255;
    }
  }
  return out;
}

/**
 * Erases the rules, tightly: across each rule, a dark run no longer than the
 * rule's band (+2 px) is rule alone and goes; where a stroke crosses or
 * touches the rule only the band itself goes, so the left stroke of a `0`
 * beside a vertical rule stays (whole-rule erasure took it: notes/ocr.md).
 */
export function eraseRules(img: Gray, rules: PixelRule[]): Gray {
  const out: Gray = { width: img.width, height: img.height, data: Uint8Array.from(img.data) };
  const { width, height, data } = out;
  for (const r of rules) {
    const across = r.axis === 'h' ? height : width;
    const idx = (a: number, b: number): number => (r.axis === 'h' ? a * width + b : b * width + a);
    const band = r.a1 - r.a0 + 1;
    for (let b = r.b0; b <= r.b1; b++) {
      let lo = r.a0, hi = r.a1;
      while (lo > 0 && img.data[idx(lo - 1, b)]! < INK && r.a0 - lo < band + 2) lo--;
      while (hi < across - 1 && img.data[idx(hi + 1, b)]! < INK && hi - r.a1 < band + 2) hi++;
      const alone = hi - lo + 1 <= band + 2;
      const from = alone ? lo : Math.max(0, r.a0 - 1), to = alone ? hi : Math.min(across - 1, r.a1 + 1);
      for (let a = from; a <= to; a++) data[idx(a, b)] = 255;
    }
  }
  return out;
}

/**
 * A 1-bit scan's dithered border is a band of dot clusters a few pixels
 * either side of the rule found in it, not one dark run, so `eraseRules`
 * leaves the clusters off its line: at 300 dpi they read as `1１１—１` in
 * the cells beside the rule. Here every piece of ink lying wholly within
 * `spread` px of the rules (corners where two bands meet included) goes; a
 * stroke that reaches farther (a digit set close to a rule) is a glyph and
 * stays whole.
 */
export function eraseDots(img: Gray, rules: PixelRule[], spread: number): Gray {
  const out: Gray = { width: img.width, height: img.height, data: Uint8Array.from(img.data) };
  const { width: w, height: h, data } = out;
  const strip = new Uint8Array(w * h);
  for (const r of rules) {
    const [x0, x1, y0, y1] = r.axis === 'h' ? [r.b0, r.b1, r.a0 - spread, r.a1 + spread] : [r.a0 - spread, r.a1 + spread, r.b0, r.b1];
    for (let y = Math.max(0, y0); y <= Math.min(h - 1, y1); y++) strip.fill(1, y * w + Math.max(0, x0), y * w + Math.min(w - 1, x1) + 1);
  }
  eachPiece(out, INK, (s) => strip[s] === 1, (members) => {
    if (members.every((i) => strip[i])) for (const i of members) data[i] = 255;
  });
  return out;
}
