// The PDF extractor's hook: which pages OCR reads, and reading one. A page
// is read when it has no text but pictures (a scan, or a scanned page inside
// a text PDF), when its text does not decode, or always under `--ocr force`.
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { finding } from '../../result.js';
import type { Finding, OcrMode } from '../../types.js';
import type { PageResult } from '../pdf/page.js';
import { readRasterPage } from './page.js';
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

/** Reads page `p` by OCR, replacing its tables and narrative lines; a failure leaves the page as it was, with a finding. */
export async function ocrPdfPage(doc: PDFDocumentProxy, p: PageResult): Promise<Finding[]> {
  const dpi = dpiFor(p.imageDpi);
  try {
    const image = await renderPage(doc, p.page, dpi);
    const r = await readRasterPage(image, dpi, p.page);
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
