// The one seam to pdfjs: text content → TextRun[], operator list → rules
// (Segment[]), image count and vertical-font glyphs. Nothing downstream sees
// OPS numbers or pdfjs items. Coordinates leave here in top-left PDF points.
// A page without text that only places one picture (a scan) is told from
// the file itself: pdfjs's operator list would decode the picture.
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pageImage } from '../raster/page-picture.js';
import { PdfFile } from '../raster/pdf-objects.js';
import { apply, concat, IDENTITY, type Box, type Glyph, type Matrix, type Segment, type TextRun } from './geometry.js';
import type { Pdfjs } from './load.js';
import { decodePath, fillSegments, strokeSegments } from './path-decode.js';
import { verticalGlyphs, type HorizontalOut, type PlacedGlyph, type TextOpState } from './vertical-text.js';

interface PdfjsTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
  dir: string;
}

export interface PageText {
  runs: TextRun[];
  /** Fonts pdfjs flags as vertical (CJK vertical writing); their text content is unreliable. */
  verticalFonts: Set<string>;
  width: number;
  height: number;
  viewport: Matrix;
}

/** Text runs of a page; whitespace-only items are dropped. */
export async function pageText(page: PDFPageProxy, firstId: number): Promise<PageText> {
  const vp = page.getViewport({ scale: 1 });
  const viewport = vp.transform as Matrix;
  const content = await page.getTextContent();
  const verticalFonts = new Set<string>();
  for (const [name, style] of Object.entries(content.styles)) if ((style as { vertical?: boolean }).vertical) verticalFonts.add(name);
  const runs: TextRun[] = [];
  for (const raw of content.items) {
    const it = raw as PdfjsTextItem;
    if (typeof it.str !== 'string' || it.str.trim() === '') continue;
    const vertical = verticalFonts.has(it.fontName);
    const m = concat(viewport, it.transform as Matrix);
    const size = Math.hypot(m[2], m[3]) || it.height || 1;
    const [x, y] = [m[4], m[5]];
    const run: TextRun = vertical
      ? // ttb items: (x, y) is the top centre of the first glyph; height is the advance.
        { id: firstId + runs.length, str: it.str, size, vertical, x0: x - size / 2, x1: x + size / 2, y0: y, y1: y + Math.max(it.height, size) }
      : // Horizontal: (x, y) is the baseline start; ascent ≈ 0.8 em, descent ≈ 0.2 em.
        { id: firstId + runs.length, str: it.str, size, vertical, x0: x, x1: x + it.width, y0: y - 0.8 * size, y1: y + 0.2 * size };
    runs.push(run);
  }
  return { runs, verticalFonts, width: vp.width, height: vp.height, viewport };
}

export interface PageGraphics {
  segments: Segment[];
  images: number;
  /** Pixels per inch of the sharpest picture on the page (a scan's resolution), when pictures are drawn. */
  imageDpi?: number;
  /** Glyphs of vertical fonts, rebuilt from the text operators (see vertical-text.ts). */
  vertical: Glyph[];
  /** Horizontal glyphs with their real advances, for splitting runs (text-join.ts `placeRun`). */
  placed: PlacedGlyph[];
  /**
   * The rectangle a clip cut rules to, when one did: what lies outside was
   * never shown. Chromium clips a table wider than the paper at the page's
   * printable area and leaves the glyphs beyond it out of the file.
   */
  visible?: Box;
}

/** Box of a path's points under a matrix. */
function pathBox(points: [number, number][], m: Matrix): Box {
  const pts = points.map(([x, y]) => apply(m, x, y));
  const xs = pts.map((q) => q[0]), ys = pts.map((q) => q[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

const intersect = (a: Box | undefined, b: Box): Box => (a ? { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) } : b);

/** Reach beyond a clip (pt) from which a rule counts as cut by it. */
const CUT = 2;

const WHITE = /^#fff(fff)?$/i;

/** The file's objects, parsed once per document. */
const files = new WeakMap<PDFDocumentProxy, Promise<PdfFile | undefined>>();

/**
 * The file behind a document, for reading its objects directly (pdfjs keeps
 * its parser in the worker): its bytes as `getData` gives them back.
 */
export function pdfFileOf(doc: PDFDocumentProxy): Promise<PdfFile | undefined> {
  let f = files.get(doc);
  if (!f) {
    f = doc.getData().then((d) => new PdfFile(Buffer.from(d.buffer, d.byteOffset, d.byteLength)), () => undefined);
    files.set(doc, f);
  }
  return f;
}

/**
 * What the operator list would give for a page without text that only
 * places one picture (save, transform, paintImageXObject, restore): one
 * image, its resolution, nothing else. Reading the list would make pdfjs
 * decode the picture (≈ 0.7 s for a 300 dpi page) only to count it.
 */
async function pictureOnly(doc: PDFDocumentProxy, page: PDFPageProxy, text: PageText): Promise<PageGraphics | undefined> {
  if (text.runs.length > 0 || !page.ref) return undefined;
  const pdf = await pdfFileOf(doc);
  const found = pdf && pageImage(pdf, page.ref.num);
  if (!found) return undefined;
  // As the operator walk below: the picture's width in pixels over its width on the page.
  const ctm = concat(text.viewport, found.ctm);
  const shown = Math.hypot(ctm[0], ctm[1]);
  const imageDpi = shown > 1 ? Math.round((found.width * 72) / shown) : 0;
  return { segments: [], images: 1, vertical: [], placed: [], ...(imageDpi > 0 ? { imageDpi } : {}) };
}

/** Rules, images and vertical glyphs from the page's operator list. */
export async function pageGraphics(pdfjs: Pdfjs, doc: PDFDocumentProxy, page: PDFPageProxy, text: PageText, firstRun: number): Promise<PageGraphics> {
  const simple = await pictureOnly(doc, page, text).catch(() => undefined);
  if (simple) return simple;
  const { OPS } = pdfjs;
  const ops = await page.getOperatorList();
  const stroke = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fill = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const images = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObjectGroup, OPS.paintSolidColorImageMask]);
  const segments: Segment[] = [];
  let imageCount = 0;
  let imageDpi = 0;
  // Graphics state we need: the CTM (starting at the viewport) and the fill colour.
  let ctm: Matrix = text.viewport;
  let fillColour = '#000000';
  // Rectangular clips only (a page's printable area, a cell's box); others are ignored.
  let clip: Box | undefined;
  let clipNext = false;
  let visible: Box | undefined;
  const stack: { ctm: Matrix; fillColour: string; clip: Box | undefined }[] = [];
  const textState: TextOpState = { ctm, font: '', size: 0, tm: [...IDENTITY], tlm: [...IDENTITY], charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 };
  const vertical: Glyph[] = [];
  const scales = new Map<string, number>();
  const horizontal: HorizontalOut = {
    glyphs: [],
    fontScale(font) {
      let v = scales.get(font);
      if (v === undefined) {
        try {
          const m = (page.commonObjs.get(font) as { fontMatrix?: number[] } | undefined)?.fontMatrix;
          v = m && Number.isFinite(m[0]) && m[0] !== 0 ? m[0]! : 0.001;
        } catch {
          v = 0.001; // not resolved: pdfjs's default matrix
        }
        scales.set(font, v);
      }
      return v;
    },
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push({ ctm, fillColour, clip });
        break;
      case OPS.restore: {
        const s = stack.pop();
        if (s) ({ ctm, fillColour, clip } = s);
        break;
      }
      case OPS.clip:
      case OPS.eoClip:
        clipNext = true;
        break;
      case OPS.transform:
        ctm = concat(ctm, args as Matrix);
        break;
      case OPS.paintFormXObjectBegin:
        // pdfjs's canvas does save(); transform(matrix) here and restore() at the end.
        stack.push({ ctm, fillColour, clip });
        if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0])) ctm = concat(ctm, Array.from(args[0] as ArrayLike<number>) as Matrix);
        break;
      case OPS.paintFormXObjectEnd: {
        const s = stack.pop();
        if (s) ({ ctm, fillColour, clip } = s);
        break;
      }
      case OPS.setFillRGBColor:
        fillColour = String(args[0]);
        break;
      case OPS.constructPath: {
        const paint = args[0] as number;
        const bufs = args[1] as (ArrayLike<number> | null)[];
        const paths = decodePath(bufs[0]);
        if (clipNext) {
          clipNext = false;
          const p = paths[0];
          if (paths.length === 1 && p && !p.curved && p.points.length >= 4 && p.points.length <= 5) clip = intersect(clip, pathBox(p.points, ctm));
        }
        if (!stroke.has(paint) && !fill.has(paint)) break; // endPath: a clip, nothing drawn
        const drawn: Segment[] = [];
        if (stroke.has(paint)) drawn.push(...strokeSegments(paths, ctm));
        if (fill.has(paint) && !WHITE.test(fillColour)) drawn.push(...fillSegments(paths, ctm));
        // Only a clip of page size (a printable area) says what the page shows; a
        // cell-sized clip that trims a border's ends (Word, WPS) hides no text.
        const pageSized = clip !== undefined && clip.x1 - clip.x0 >= 0.5 * text.width && clip.y1 - clip.y0 >= 0.5 * text.height;
        if (clip && pageSized) for (const s of drawn) if (s.x0 < clip.x0 - CUT || s.x1 > clip.x1 + CUT || s.y0 < clip.y0 - CUT || s.y1 > clip.y1 + CUT) visible = intersect(visible, clip);
        segments.push(...drawn);
        break;
      }
      default:
        if (images.has(fn)) {
          imageCount++;
          // paintImageXObject's arguments are [id, width, height]; inline images carry their size.
          const px = typeof args[1] === 'number' ? args[1] : (args[0] as { width?: number } | undefined)?.width;
          const shown = Math.hypot(ctm[0], ctm[1]);
          if (px && shown > 1) imageDpi = Math.max(imageDpi, (px * 72) / shown);
        }
        else {
          textState.ctm = ctm;
          verticalGlyphs(OPS, fn, args, textState, text.verticalFonts, vertical, firstRun, horizontal);
        }
    }
  }
  return { segments, images: imageCount, vertical, placed: horizontal.glyphs, ...(imageDpi > 0 ? { imageDpi: Math.round(imageDpi) } : {}), ...(visible ? { visible } : {}) };
}

/** Where a point of the page's user space lands in top-left coordinates (for tests). */
export function toTopLeft(viewport: Matrix, x: number, y: number): [number, number] {
  return apply(viewport, x, y);
}
