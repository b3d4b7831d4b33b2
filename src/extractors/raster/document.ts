// Page images → a raw document: each image read as a page, tables joined
// across pages as in a PDF, narrative in reading order. Shared by image
// files and the pictures of HTML and DOCX reports.
import type { Gray } from '../../ocr/image.js';
import { finding } from '../../result.js';
import type { Finding, RawDocument, RawTable } from '../../types.js';
import { pageFlows, toRaw } from '../pdf/index.js';
import { joinAcrossPages } from '../pdf/join.js';
import { findTitle, paragraphs } from '../pdf/meta.js';
import { readRasterPage, type RasterPage } from './page.js';

/** A picture's resolution when the file does not say: an A4 page width, within 100–300 dpi. */
export function guessDpi(img: Gray, stored?: number): number {
  if (stored && stored >= 72 && stored <= 1200) return Math.min(300, stored);
  return Math.min(300, Math.max(100, Math.round(img.width / 8.27)));
}

export interface RasterDocument {
  pages: RasterPage[];
  tables: RawTable[];
  text: string;
  title?: string;
  findings: Finding[];
}

/** Reads each image as one page; `firstTable` numbers the tables after those the host document already has. */
export async function readRasterPages(images: { image: Gray; dpi: number; name: string }[], firstTable = 0): Promise<RasterDocument> {
  const pages: RasterPage[] = [];
  const findings: Finding[] = [];
  for (const [i, im] of images.entries()) {
    const r = await readRasterPage(im.image, im.dpi, i + 1);
    pages.push(r);
    const cells = r.tables.reduce((s, t) => s + t.cells.length, 0);
    findings.push(finding('ocr.page', 'info', `${im.name} was read by OCR at ${im.dpi} dpi (skew ${r.skew}° corrected): ${r.tables.length} table(s), ${cells} cells, ${r.lines.length} lines of text. Every value from it is marked ocr with a confidence.`, { place: { page: i + 1 } }));
  }
  const joined = joinAcrossPages(pages.flatMap((p) => p.tables), pageFlows(pages));
  // As for a PDF (pdf/index.ts): a table cut at the edge of the picture leaves its cut cells empty, and says so.
  joined.forEach((t, index) => {
    for (const part of t.parts.filter((x) => x.clipped)) {
      findings.push(finding('extract.clipped', 'warning', `Table ${firstTable + index + 1} on page ${part.page}: ${part.clipped} cell(s) of its last column have no rule on their right and their text reaches the picture's edge, so part of it may be missing; they were left empty.`, { place: { table: firstTable + index, page: part.page } }));
    }
  });
  const tables = joined.map((t, i) => toRaw(t, firstTable + i));
  const text = paragraphs(pages.flatMap((p) => p.lines)).join('\n');
  const out: RasterDocument = { pages, tables, text, findings };
  const title = findTitle(pages[0]?.lines ?? []);
  if (title) out.title = title;
  return out;
}

export function toDocument(r: RasterDocument, format: RawDocument['format']): RawDocument {
  const doc: RawDocument = { format, tables: r.tables, text: r.text, pageCount: r.pages.length };
  if (r.title) doc.title = r.title;
  return doc;
}
