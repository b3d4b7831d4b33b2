// Tables published as pictures on PDF pages that also have a text layer: a
// report whose narrative is text but whose tables were pasted as images
// (a page with picture tables printed or exported to PDF), or whose text
// gives some of the template's tables and a picture the others (table 四
// pasted as a picture under a text table 三). When the text layer lacks one
// of the template's tables, every page not read by OCR already is looked at
// for pictures large enough to be one and clear of the page's text tables;
// under `--ocr auto` those pictures are read for their tables (the text
// layer keeps the narrative and its own tables), under `off` the report is
// told where they are.
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { finding } from '../../result.js';
import { tableNames, type TemplateTable } from '../../template.js';
import type { Finding, OcrMode } from '../../types.js';
import { apply, concat, type Box, type Matrix } from '../pdf/geometry.js';
import type { Pdfjs } from '../pdf/load.js';
import type { PageResult } from '../pdf/page.js';

/** A picture drawn on a page: where (top-left PDF points) and its size in pixels. */
export interface PagePicture {
  box: Box;
  px: number;
  py: number;
}


/**
 * Whether a picture covers part of a text table (more than a 2 pt sliver):
 * a scan under its own text layer, a shading behind a table. Such a
 * picture is not read: the table is the text's.
 */
export function overTable(pic: PagePicture, p: Pick<PageResult, 'tables'>): boolean {
  return p.tables.some((t) => Math.min(pic.box.x1, t.bbox.x1) - Math.max(pic.box.x0, t.bbox.x0) > 2 && Math.min(pic.box.y1, t.bbox.y1) - Math.max(pic.box.y0, t.bbox.y0) > 2);
}

/**
 * A picture that can hold a table: at least 300 × 100 pixels (as for HTML
 * and DOCX pictures: icons, bullets and rules are smaller), a third of the
 * page wide and 6 % of its height (a seal or a logo is narrower; table 四 as
 * one picture is about 10 % of a page's height).
 */
export function tableSized(pic: PagePicture, p: Pick<PageResult, 'width' | 'height'>): boolean {
  const w = pic.box.x1 - pic.box.x0, h = pic.box.y1 - pic.box.y0;
  return pic.px >= 300 && pic.py >= 100 && w >= p.width / 3 && h >= 0.06 * p.height;
}

/** The pictures of one page from its operator list (the same CTM walk as primitives.ts, images only). */
async function pagePictures(pdfjs: Pdfjs, doc: PDFDocumentProxy, pageNo: number): Promise<PagePicture[]> {
  const { OPS } = pdfjs;
  const page = await doc.getPage(pageNo);
  try {
    const ops = await page.getOperatorList();
    const images = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup]);
    let ctm = page.getViewport({ scale: 1 }).transform as Matrix;
    const stack: Matrix[] = [];
    const out: PagePicture[] = [];
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i]!;
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = concat(ctm, args as Matrix);
      else if (fn === OPS.paintFormXObjectBegin) {
        stack.push(ctm);
        if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0])) ctm = concat(ctm, Array.from(args[0] as ArrayLike<number>) as Matrix);
      } else if (images.has(fn)) {
        // paintImageXObject's arguments are [id, width, height]; inline images carry their size. The image fills the unit square.
        const inline = args[0] as { width?: number; height?: number } | undefined;
        const px = typeof args[1] === 'number' ? args[1] : inline?.width ?? 0;
        const py = typeof args[2] === 'number' ? args[2] : inline?.height ?? 0;
        const corners = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
        const xs = corners.map((c) => c[0]), ys = corners.map((c) => c[1]);
        out.push({ box: { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) }, px, py });
      }
    }
    return out;
  } finally {
    page.cleanup();
  }
}

/**
 * Pages whose pictures stand in for the template's tables: only when the
 * text layer lacks one of them, only pages not read by OCR already, only
 * table-sized pictures clear of the page's text tables (a page whose text
 * holds table 三 may place table 四 as a picture under it).
 */
export async function pictureTablePages(pdfjs: Pdfjs, doc: PDFDocumentProxy, pages: PageResult[], lacking: TemplateTable[], only?: Set<number>): Promise<Map<number, PagePicture[]>> {
  const out = new Map<number, PagePicture[]>();
  if (lacking.length === 0) return out;
  for (const p of pages) {
    if (p.ocr || (only && !only.has(p.page))) continue;
    // A page whose operator list was read and found no picture has none (saves a second read).
    if (p.segments !== undefined && p.images === 0) continue;
    const pics = (await pagePictures(pdfjs, doc, p.page)).filter((pic) => tableSized(pic, p) && !overTable(pic, p));
    if (pics.length > 0) out.set(p.page, pics);
  }
  return out;
}

/** `--ocr off`: where pictures stand in for the tables, say so (instead of a bare table.missing). */
export function pictureTablesSkipped(found: Map<number, PagePicture[]>, lacking: TemplateTable[], mode: OcrMode): Finding[] {
  if (found.size === 0) return [];
  const pages = [...found.keys()];
  const n = [...found.values()].reduce((s, v) => s + v.length, 0);
  return [
    finding('table.image', 'warning', `The PDF's text layer lacks the template's table(s) ${tableNames(lacking)}, but page(s) ${pages.join(', ')} hold ${n} picture(s) large enough to be tables; they were not read (--ocr ${mode}): run with --ocr auto to read them by OCR.`, { place: { page: pages[0]! } }),
  ];
}
