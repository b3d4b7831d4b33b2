// The PDF extractor's hook: which pages OCR reads, and reading one. A page
// is read when it has no text but pictures (a scan, or a scanned page inside
// a text PDF), when its text does not decode, or always under `--ocr force`;
// and, for its tables only, when its pictures stand in for the template's
// tables (pdf-pictures.ts decides which).
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { gray, type Gray } from '../../ocr/image.js';
import { finding } from '../../result.js';
import type { Finding, OcrMode } from '../../types.js';
import type { PageResult } from '../pdf/page.js';
import { readRasterProse, readRasterTables, type RasterPage } from './page.js';
import { tableNames, type TemplateTable } from '../../template.js';
import type { PagePicture } from './pdf-pictures.js';
import { dpiFor, renderPage } from './render.js';

/** Share of undecodable characters above which a page's text layer is no use (as pdf/index.ts). */
const BAD_SHARE = 0.3;

function badShare(p: PageResult): number {
  const chars = [...p.runs.map((r) => r.str).join('').replace(/\s/g, '')];
  if (chars.length === 0) return 0;
  return chars.filter((c) => {
    const cp = c.codePointAt(0)!;
    return cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000;
  }).length / chars.length;
}

export function wantsOcr(p: PageResult, mode: OcrMode): boolean {
  if (mode === 'off') return false;
  if (mode === 'force') return true;
  return (p.chars === 0 && p.images > 0) || badShare(p) > BAD_SHARE;
}

/** What one page's OCR cost: its drawing and reading, in process CPU microseconds (user + system). */
export interface OcrPageCost {
  page: number;
  tables: number;
  cpuMicros: number;
  /** Of cpuMicros, reading the narrative lines outside the tables. */
  proseCpuMicros: number;
  /** What was read (bench/ocr-speed.mjs compares the readings of two builds). */
  read: RasterPage;
}

let watcher: ((cost: OcrPageCost) => void) | undefined;

/** The bench's hook (bench/ocr-one.mjs): told the cost of every page read by OCR; the product never sets it. */
export function watchOcrPages(f: ((cost: OcrPageCost) => void) | undefined): void {
  watcher = f;
}

/** Renders and reads one page (its narrative lines too, unless only its pictures are read), telling the watcher what it cost. */
async function readPage(doc: PDFDocumentProxy, page: number, dpi: number, only?: (img: Gray) => Gray): Promise<RasterPage> {
  const c0 = watcher && process.cpuUsage();
  const image = await renderPage(doc, page, dpi);
  const t = await readRasterTables(only ? only(image) : image, dpi, page);
  const c1 = watcher && process.cpuUsage();
  const r: RasterPage = { ...t.page, lines: only ? [] : await readRasterProse(t) };
  if (watcher) {
    const micros = (c: NodeJS.CpuUsage) => c.user + c.system;
    watcher({ page, tables: r.tables.length, cpuMicros: micros(process.cpuUsage(c0)), proseCpuMicros: micros(process.cpuUsage(c1)), read: r });
  }
  return r;
}

/** Reads page `p` by OCR, replacing its tables and narrative lines; a failure leaves the page as it was, with a finding. */
export async function ocrPdfPage(doc: PDFDocumentProxy, p: PageResult): Promise<Finding[]> {
  const dpi = dpiFor(p.imageDpi);
  try {
    const r = await readPage(doc, p.page, dpi);
    p.ocr = r;
    p.tables = r.tables;
    p.lines = r.lines;
    p.runs = [];
    const cells = r.tables.reduce((s, t) => s + t.cells.length, 0);
    return [finding('ocr.page', 'info', `Page ${p.page} was read by OCR at ${dpi} dpi (skew ${r.skew}° corrected): ${r.tables.length} table(s), ${cells} cells, ${r.lines.length} lines of text. Every value from it is marked ocr with a confidence.`, { place: { page: p.page } })];
  } catch (e) {
    return [finding('ocr.failed', 'warning', `Page ${p.page} needed OCR but it failed: ${(e as Error).message}`, { place: { page: p.page } })];
  }
}

/** The page image with everything outside the pictures made white: the text layer reads the rest, OCR need not. */
function picturesOnly(img: Gray, pics: PagePicture[], k: number): Gray {
  const out = gray(img.width, img.height);
  for (const { box } of pics) {
    const x0 = Math.max(0, Math.floor(box.x0 * k)), x1 = Math.min(img.width, Math.ceil(box.x1 * k));
    const y0 = Math.max(0, Math.floor(box.y0 * k)), y1 = Math.min(img.height, Math.ceil(box.y1 * k));
    for (let y = y0; y < y1; y++) out.data.set(img.data.subarray(y * img.width + x0, y * img.width + x1), y * img.width + x0);
  }
  return out;
}

/**
 * Reads the tables of page `p` from its pictures `pics` by OCR (the text
 * layer lacks the template's tables `lacking`); its narrative lines and its
 * text tables stay those of the text layer (meta, text.mismatch read them as
 * for any text PDF). A failure leaves the page as it was, with a finding.
 */
export async function ocrPictureTables(doc: PDFDocumentProxy, p: PageResult, pics: PagePicture[], lacking: TemplateTable[]): Promise<Finding[]> {
  // The pictures' own resolution, so their pixels map one to one.
  const sharpest = Math.max(...pics.map((pic) => (pic.px * 72) / Math.max(1, pic.box.x1 - pic.box.x0)));
  const dpi = dpiFor(Number.isFinite(sharpest) && sharpest > 0 ? sharpest : undefined);
  try {
    const r = await readPage(doc, p.page, dpi, (img) => picturesOnly(img, pics, dpi / 72));
    p.ocr = r;
    // The page's text tables stay (the pictures lie clear of them: OCR never saw them), in reading order with the pictures'.
    const own = p.tables.length;
    p.tables = [...p.tables, ...r.tables].sort((a, b) => a.bbox.y0 - b.bbox.y0);
    const cells = r.tables.reduce((s, t) => s + t.cells.length, 0);
    const kept = own > 0 ? `, and so are its ${own} text table(s), which OCR did not read` : '';
    return [finding('ocr.page', 'info', `Page ${p.page} has text, but the text layer lacks the template's table(s) ${tableNames(lacking)}; the page's ${pics.length} table-sized picture(s) were read by OCR at ${dpi} dpi (skew ${r.skew}° corrected): ${r.tables.length} table(s), ${cells} cells. Its narrative is the text layer's${kept}. Every value from the pictures is marked ocr with a confidence.`, { place: { page: p.page } })];
  } catch (e) {
    return [finding('ocr.failed', 'warning', `Page ${p.page}'s pictures look like tables but reading them by OCR failed: ${(e as Error).message}`, { place: { page: p.page } })];
  }
}
