// One page image → tables and narrative lines, in PDF points. Deskew, find
// the rules, build grids with the PDF extractor's grid builder, erase the
// rules, then read each cell's lines with the recogniser alone (whole-page
// detection merged neighbouring cells and dropped lone digits: notes/ocr.md).
import { crop, darkenMidtones, rotate, shrink, type Gray } from '../../ocr/image.js';
import type { OcrReading } from '../../ocr/reading.js';
import type { PageCell, PageTable } from '../pdf/cells.js';
import type { Box, Segment } from '../pdf/geometry.js';
import { findGrids, type Grid } from '../pdf/grid.js';
import { isPageNumber, type TextLine } from '../pdf/meta.js';
import { skewAngle } from './deskew.js';
import { TEMPLATE_LEXICON, TITLE_LEXICON, titleTail } from './labels.js';
import { cleanInk, inkBands, mergeBands, typicalLineHeight, type InkBox } from './ink.js';
import { withoutSpecks } from './pieces.js';
import { despeckle, eraseDots, eraseRules, findRules, INK, type PixelRule } from './rules.js';
import { dropStrays } from './stray.js';
import { lightRules } from './light-rules.js';
import { readCell, readNarrativeLine } from './read-lines.js';

export interface OcrCell extends PageCell {
  ocr: OcrReading;
}

export interface RasterPage {
  page: number;
  /** Page size in points. */
  width: number;
  height: number;
  dpi: number;
  /** Measured skew (degrees), corrected before anything else. */
  skew: number;
  /** The deskewed image the cells were read from. */
  image: Gray;
  rules: PixelRule[];
  segments: Segment[];
  grids: Grid[];
  tables: PageTable[];
  lines: TextLine[];
}

/** Narrative lines: ink outside the tables, banded into lines and cut where a gap is wider than three line heights. */
function narrativeLines(img: Gray, boxes: Box[], k: number, speck: number): { clean: Gray; lines: InkBox[] } {
  const masked: Gray = { width: img.width, height: img.height, data: Uint8Array.from(img.data) };
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x0 * k) - 3), x1 = Math.min(img.width, Math.ceil(b.x1 * k) + 3);
    const y0 = Math.max(0, Math.floor(b.y0 * k) - 3), y1 = Math.min(img.height, Math.ceil(b.y1 * k) + 3);
    for (let y = y0; y < y1; y++) masked.data.fill(255, y * img.width + x0, y * img.width + x1);
  }
  const clean = cleanInk(masked, speck);
  const bands = inkBands(clean);
  const merged = mergeBands(bands, 1.3 * typicalLineHeight(bands, k * 14));
  const out: InkBox[] = [];
  for (const line of merged) {
    const h = line.y1 - line.y0 + 1;
    // Column profile of this line: split at wide gaps (a page number beside a footer, a date at the right).
    let start = -1, last = -1;
    for (let x = line.x0; x <= line.x1 + 1; x++) {
      let ink = false;
      if (x <= line.x1) for (let y = line.y0; y <= line.y1 && !ink; y++) ink = clean.data[y * clean.width + x]! < INK;
      if (ink) {
        if (start >= 0 && x - last > 3 * h) {
          out.push({ x0: start, x1: last, y0: line.y0, y1: line.y1 });
          start = x;
        }
        if (start < 0) start = x;
        last = x;
      } else if (x > line.x1 && start >= 0) out.push({ x0: start, x1: last, y0: line.y0, y1: line.y1 });
    }
  }
  return { clean, lines: out };
}

/**
 * A cell of the table's last column with no rule on its right: the table
 * ran past what the page shows (a browser's print cuts a wide table at the
 * paper's edge: 859 printed as 85), and text reaching that edge may go on
 * unseen.
 */
function cutAtRight(c: Grid['cells'][number], g: Grid, segments: Segment[]): boolean {
  if (c.col + c.colSpan !== g.xs.length - 1) return false;
  return !segments.some((s) => s.axis === 'v' && Math.abs(s.x0 - c.bbox.x1) <= 2 && s.y0 <= c.bbox.y0 + 2 && s.y1 >= c.bbox.y1 - 2);
}

/** Grey 100–150 dpi scans and JPEGs read 40 % of table 三's labels wrong at 1 (light strokes), none at 2. */
const MIDTONE_GAMMA = 2;

/**
 * Pages finer than this are shrunk to it first: the recogniser sees every
 * line 48 px high whatever the scan, and rules, ink and skew cost by the
 * pixel (a 300 dpi page took 1.6× the CPU of a 150 dpi one for the same readings).
 */
const WORK_DPI = 150;

/**
 * How far (in inches) from a rule a 1-bit scan's dithered border reaches: a
 * browser draws each cell's own bevelled border beside the table's, and the
 * two dither into one band of dots about 0.04 in wide.
 */
const DOT_SPREAD = 0.02;

/** Black and white only (a 1-bit scan), judged on a sample of pixels. */
function bilevel(img: Gray): boolean {
  let grey = 0, n = 0;
  for (let i = 0; i < img.data.length; i += 97, n++) if (img.data[i]! !== 0 && img.data[i]! !== 255) grey++;
  return grey <= n / 1000;
}

/**
 * A page read up to its tables, and what its prose is then read from: the
 * sheet with the rules erased, at `kr` px a point. Prose costs apart (a
 * browser's print sets a long narrative beside a table), and a page whose
 * narrative comes from its text layer needs none read (pdf-page.ts).
 */
export interface TablesRead {
  page: Omit<RasterPage, 'lines'>;
  sheet: Gray;
  kr: number;
  speck: number;
  pad: number;
}

/** Reads one page image's tables at `dpi`; `page` is its 1-based number. */
export async function readRasterTables(scan: Gray, scanDpi: number, page: number): Promise<TablesRead> {
  // 1-bit scans stay as they are: shrunk, the dots of their dithered shading become grey areas that swallow the rules beside them.
  const oneBit = bilevel(scan);
  const shrinking = scanDpi > WORK_DPI * 1.1 && !oneBit;
  const dpi = shrinking ? WORK_DPI : scanDpi;
  const dark = darkenMidtones(shrinking ? shrink(scan, WORK_DPI / scanDpi) : scan, MIDTONE_GAMMA);
  const clean = despeckle(dark);
  const skew = skewAngle(clean);
  // Below 0.15° a rule drifts less than the ±1 px the rule scan allows over a page; rotating would only blur.
  const turned = Math.abs(skew) >= 0.15;
  const image = turned ? rotate(clean, skew) : clean;
  const k = dpi / 72;
  // A 1-bit scan's rules are also looked for among the lone dots despeckling removes (a dithered grey border).
  const found = findRules(image, dpi, oneBit ? (turned ? rotate(dark, skew) : dark) : undefined);
  const toSegment = (r: PixelRule): Segment =>
    r.axis === 'h'
      ? { axis: 'h', x0: r.b0 / k, x1: (r.b1 + 1) / k, y0: (r.a0 + r.a1 + 1) / 2 / k, y1: (r.a0 + r.a1 + 1) / 2 / k }
      : { axis: 'v', y0: r.b0 / k, y1: (r.b1 + 1) / k, x0: (r.a0 + r.a1 + 1) / 2 / k, x1: (r.a0 + r.a1 + 1) / 2 / k };
  const first = findGrids(found.map(toSegment));
  // A grey scan's light rules inside the tables found (a 1-bit scan's light borders are dots: rules.ts).
  const light = oneBit ? [] : lightRules(image, dpi, found, first.map((g) => ({ x0: g.bbox.x0 * k, y0: g.bbox.y0 * k, x1: g.bbox.x1 * k, y1: g.bbox.y1 * k })));
  const rules = [...found, ...light];
  const segments = rules.map(toSegment);
  const grids = light.length > 0 ? findGrids(segments) : first;
  // Vertical rules go only inside the tables: outside, a run 0.25 in long is a stroke of large type (a browser's
  // bold 24 px title at 150 dpi), erased it read 2024 as 2（D24. A horizontal one as long as a rule is no stroke.
  const near = (r: PixelRule, g: Grid): boolean => {
    const x = (r.a0 + r.a1 + 1) / 2 / k;
    return x >= g.bbox.x0 - 2 && x <= g.bbox.x1 + 2 && r.b1 / k >= g.bbox.y0 - 2 && r.b0 / k <= g.bbox.y1 + 2;
  };
  const inked = rules.filter((r) => r.axis === 'h' || grids.some((g) => near(r, g)));
  const erased = oneBit ? eraseDots(eraseRules(image, inked), inked, Math.round(DOT_SPREAD * dpi)) : eraseRules(image, inked);
  // A 1-bit scan of twice WORK_DPI or more is read shrunk to it once its rules are gone (its specks first: shrunk, a
  // dithered shading's dots are grey blots), each pixel the mean of the ink it covers, its mid-tones darkened as a grey
  // scan's: the recogniser gets smooth grey glyphs, and the cells' ink costs a quarter at 300 dpi. Not at 200 dpi: shrunk
  // by 3/4, two lone 0s of shanghai-bangongting-2019 went unread, and undarkened, 2932 of huaian-shi-2024 read 2332.
  const fine = oneBit && dpi >= 2 * WORK_DPI;
  const specksAt = (d: number): number => Math.max(2, Math.round((d / 150) ** 2 * 2));
  const [sheet, kr, rdpi] = fine ? [darkenMidtones(shrink(withoutSpecks(erased, INK, specksAt(dpi)), WORK_DPI / dpi), MIDTONE_GAMMA), WORK_DPI / 72, WORK_DPI] : [erased, k, dpi];
  const speck = specksAt(rdpi);
  const pad = Math.max(2, Math.round(rdpi / 25));
  // Pass 1: each cell's ink, cleaned, in bands; pass 2 merges bands with the page's line height.
  const cellInk = grids.map((g) =>
    g.cells.map((c) => {
      const x0 = Math.round(c.bbox.x0 * kr) + 1, y0 = Math.round(c.bbox.y0 * kr) + 1;
      const img = dropStrays(cleanInk(crop(sheet, x0, y0, Math.round(c.bbox.x1 * kr), Math.round(c.bbox.y1 * kr)), speck), rdpi);
      return { img, bands: inkBands(img) };
    }),
  );
  const typical = typicalLineHeight(cellInk.flat().flatMap((c) => c.bands), kr * 12);
  const lineHeight = 1.3 * typical;
  const tables: PageTable[] = [];
  for (const [gi, g] of grids.entries()) {
    const cells: OcrCell[] = [];
    let clipped = 0;
    for (const [ci, c] of g.cells.entries()) {
      const ink = cellInk[gi]![ci]!;
      if (cutAtRight(c, g, segments) && ink.bands.some((b) => b.x1 >= ink.img.width - 3)) {
        // As a text PDF's clipped cell (pdf/cells.ts): empty, and said (extract.clipped).
        clipped++;
        cells.push({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, bbox: c.bbox, text: '', ocr: { confidence: 1, chars: [] } });
        continue;
      }
      const { text, ocr } = await readCell(ink.img, mergeBands(ink.bands, lineHeight), pad, typical, TEMPLATE_LEXICON);
      cells.push({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, bbox: c.bbox, text, ocr });
    }
    const t: PageTable = { page, bbox: g.bbox, xs: g.xs, ys: g.ys, nRows: g.ys.length - 1, nCols: g.xs.length - 1, cells, source: 'rules' };
    if (g.irregular > 0) t.irregular = g.irregular;
    if (clipped > 0) t.clipped = clipped;
    tables.push(t);
  }
  return { page: { page, width: image.width / k, height: image.height / k, dpi, skew, image, rules, segments, grids, tables }, sheet, kr, speck, pad };
}

/** The narrative lines of a page whose tables `t` read: the ink outside them, in PDF points. */
export async function readRasterProse(t: TablesRead): Promise<TextLine[]> {
  const { sheet, kr, speck, pad } = t;
  const narrative = narrativeLines(sheet, t.page.grids.map((g) => g.bbox), kr, speck);
  const lines: TextLine[] = [];
  let above: string | undefined;
  for (const l of narrative.lines) {
    const r = titleTail(above, await readNarrativeLine(narrative.clean, l, pad, TITLE_LEXICON));
    if (r.text === '') continue;
    above = r.text;
    const line: TextLine = { text: r.text, x0: l.x0 / kr, x1: (l.x1 + 1) / kr, y0: l.y0 / kr, y1: (l.y1 + 1) / kr, size: (l.y1 - l.y0 + 1) / kr };
    if (!isPageNumber(line.text)) lines.push(line);
  }
  return lines;
}

/** Reads one page image at `dpi`, its tables and its narrative; `page` is its 1-based number. */
export async function readRasterPage(scan: Gray, scanDpi: number, page: number): Promise<RasterPage> {
  const t = await readRasterTables(scan, scanDpi, page);
  return { ...t.page, lines: await readRasterProse(t) };
}
