// Light ruling lines the dark-run scan (rules.ts) misses: a browser's light
// grey borders drawn at 186–199 grey in a low-resolution or noisy JPEG scan
// fall on both sides of the ink threshold, so their runs break up
// (shanghai-bangongting-2019 at 100 dpi: one rule of table 三 lost, a row
// label read with its group's label and its 5 taken for 总计 767). A
// lighter threshold alone finds them but also runs along lines of Chinese
// at 100 dpi, so a light rule must be straight and thin: a band of two
// pixel rows (columns) inked over nearly its whole length, with the rows
// two pixels off it on both sides nearly free of ink. Only those inside a table
// already found, neither on nor beside a rule already found, are kept. Pure.
import type { Gray } from '../../ocr/image.js';
import { INK, type PixelRule } from './rules.js';

/** Grey (after the page's midtones were darkened) below this may be a light rule's. */
const LIGHT = 200;
/** Share of a run's positions inked in its band (gaps of 1 px bridged). */
const FILL = 0.9;
/**
 * Largest share of its positions with ink (darker than rules.ts's INK: the
 * JPEG's halo beside a light line is lighter) in the rows two pixels off
 * it; a line of type fills far more.
 */
const SIDE = 0.3;
/**
 * Where a light run goes on past the rules found on its line, the largest
 * share of the rows 2 px off it there as grey as a light rule: in a cell
 * shaded light grey every run is "light", and one on from a column rule
 * through hongze-qu-2023's shaded heading 第二十条第（八）项 cut it in two
 * (grey 150 dpi). Not asked of a whole run: beside a light rule at 100 dpi
 * lies the grey of its double border (shanghai-bangongting-2019's table 四
 * lost two rules so).
 */
const GREY_SIDE = 0.5;
/** A whole run grey on both sides over this share of it lies in a shaded cell (the same heading, a stroke of 十 down it). */
const SHADED = 0.9;

/** Columns become rows: the vertical scan walks memory row by row too. */
function transpose(img: Gray): Gray {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[x * h + y] = data[y * w + x]!;
  return { width: h, height: w, data: out };
}

/** Straight thin light runs along the rows of `img`, at least `len` px long: rules in row coordinates. */
function along(img: Gray, len: number, axis: 'h' | 'v'): PixelRule[] {
  const { width: w, height: h, data } = img;
  const light = new Uint8Array(w * h);
  for (let i = 0; i < data.length; i++) light[i] = data[i]! < LIGHT ? 1 : 0;
  const out: PixelRule[] = [];
  for (let y = 2; y < h - 3; y++) {
    const at = y * w, next = at + w;
    let start = -1, last = -2, inked = 0;
    const close = (): void => {
      if (start < 0 || last - start + 1 < len || inked < FILL * (last - start + 1)) return;
      let above = 0, below = 0, greyAbove = 0, greyBelow = 0;
      for (let x = start; x <= last; x++) {
        if (data[at - 2 * w + x]! < INK) above++;
        if (data[next + 2 * w + x]! < INK) below++;
        greyAbove += light[at - 2 * w + x]!;
        greyBelow += light[next + 2 * w + x]!;
      }
      const n = last - start + 1;
      if (above <= SIDE * n && below <= SIDE * n && !(greyAbove >= SHADED * n && greyBelow >= SHADED * n)) out.push({ axis, a0: y, a1: y, b0: start, b1: last });
    };
    for (let x = 0; x < w; x++) {
      if (!(light[at + x]! | light[next + x]!)) continue;
      if (x - last > 2) {
        close();
        start = x;
        inked = 0;
      }
      inked++;
      last = x;
    }
    close();
  }
  // Bands found at neighbouring rows are one rule. Each band is two rows, so a line of ink found at rows y0..yL
  // lies on rows y0 + 1..yL (one row: y0..y0 + 1).
  const merged: PixelRule[] = [];
  for (const r of out) {
    const same = merged.find((m) => r.a0 - m.a1 <= 1 && r.b0 <= m.b1 && r.b1 >= m.b0);
    if (same) {
      same.a1 = Math.max(same.a1, r.a1);
      same.b0 = Math.min(same.b0, r.b0);
      same.b1 = Math.max(same.b1, r.b1);
    } else merged.push({ ...r });
  }
  return merged.map((r) => (r.a1 > r.a0 ? { ...r, a0: r.a0 + 1 } : { ...r, a1: r.a0 + 1 })).filter((r) => r.a1 - r.a0 + 1 <= 4);
}

/**
 * Whether rule `b`, found already, makes `a` nothing new. On `a`'s own line
 * (centres within 1 px): when it covers `a`'s length (a light run there mostly
 * follows a rule found, and goes on only where that rule broke off). Off it
 * but within `near` px across, alongside it for `near` px or more: `a` is
 * then the light inner line of a cell's own border beside a rule, not a
 * rule missing between two cells (a cell is far wider and taller than
 * that); kept, such lines made narrow phantom rows and columns (a 100 dpi
 * JPEG of shanghai-2019-govpage: a `10` taken for 总计).
 */
function known(a: PixelRule, b: PixelRule, near: number): boolean {
  if (a.axis !== b.axis) return false;
  if (Math.abs(a.a0 + a.a1 - b.a0 - b.a1) <= 2) return b.b0 <= a.b0 + 3 && b.b1 >= a.b1 - 3;
  return a.a0 - near <= b.a1 && b.a0 - near <= a.a1 && b.b0 <= a.b1 - near && b.b1 >= a.b0 + near;
}

/** A box in pixels: the tables found from the dark rules. */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Light rules of `img` at `dpi` (0.6 in long across, 0.25 in down, as
 * rules.ts) lying within one of `tables` that no rule of `found` makes known.
 */
export function lightRules(img: Gray, dpi: number, found: PixelRule[], tables: PixelBox[]): PixelRule[] {
  if (tables.length === 0) return [];
  const inside = (r: PixelRule): boolean => {
    const [x0, x1, y0, y1] = r.axis === 'h' ? [r.b0, r.b1, r.a0, r.a1] : [r.a0, r.a1, r.b0, r.b1];
    return tables.some((t) => x0 >= t.x0 - 3 && x1 <= t.x1 + 3 && y0 >= t.y0 - 3 && y1 <= t.y1 + 3);
  };
  const candidates = [...along(img, Math.round(0.6 * dpi), 'h'), ...along(transpose(img), Math.round(0.25 * dpi), 'v')];
  const near = Math.round(0.1 * dpi);
  return candidates.filter((c) => inside(c) && !found.some((r) => known(c, r, near)) && clearWhereNew(img, c, found));
}

/**
 * Where `c` goes on past the rules found on its line, it must be clear
 * (and white) on both sides there too: through a heading cell spanning the columns its
 * sides were checked over the whole run, most of it the rules found, and
 * the run went on through the heading's words (hongze-qu-2023's
 * 第二十条第（八）项 cut in two at grey 150 dpi).
 */
function clearWhereNew(img: Gray, c: PixelRule, found: PixelRule[]): boolean {
  const on = found.filter((f) => f.axis === c.axis && Math.abs(c.a0 + c.a1 - f.a0 - f.a1) <= 2);
  if (on.length === 0) return true;
  const { width: w, height: h, data } = img;
  const at = (a: number, b: number): number => (c.axis === 'h' ? data[Math.min(h - 1, Math.max(0, a)) * w + b]! : data[b * w + Math.min(w - 1, Math.max(0, a))]!);
  let fresh = 0, above = 0, below = 0, greyAbove = 0, greyBelow = 0;
  for (let b = c.b0; b <= c.b1; b++) {
    if (on.some((f) => b >= f.b0 && b <= f.b1)) continue;
    fresh++;
    const [u, d] = [at(c.a0 - 2, b), at(c.a1 + 2, b)];
    if (u < INK) above++;
    if (d < INK) below++;
    if (u < LIGHT) greyAbove++;
    if (d < LIGHT) greyBelow++;
  }
  return above <= SIDE * fresh && below <= SIDE * fresh && greyAbove <= GREY_SIDE * fresh && greyBelow <= GREY_SIDE * fresh;
}
