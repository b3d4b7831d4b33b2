// One page: text runs always; the operator list (rules) only where the text
// suggests a table. getOperatorList costs about as much as getTextContent
// again, and half the pages of a report are narrative: skipping them keeps
// the extractor below pdfjs's own textContent+operatorList floor (issue 6).
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { fillGrid, partitionRuns, type PageTable } from './cells.js';
import { alignmentTables } from './fallback.js';
import { centreY, type Segment, type TextRun } from './geometry.js';
import { findGrids, type Grid } from './grid.js';
import type { Pdfjs } from './load.js';
import { isPageNumber, runLines, type TextLine } from './meta.js';
import { pageGraphics, pageText } from './primitives.js';
import { ANY_TABLE_WORD } from '../../template.js';
import type { RasterPage } from '../raster/page.js';

/** Runs that are one number: a page of table 三's continuation is mostly these. */
const NUMBER = /^[\s+\-−]?[\d０-９][\d０-９,.，．]*$/;

/**
 * Table pages: a short run that is a header or label of the template
 * (narrative sentences mention 行政复议 too, but in long runs), or at least
 * six numbers standing apart from other text on their line, as in cells
 * (narrative numbers touch the characters around them: 受理申请21件).
 */
export function looksLikeTablePage(runs: TextRun[]): boolean {
  if (runs.some((r) => r.str.replace(/\s/g, '').length <= 16 && ANY_TABLE_WORD.test(r.str))) return true;
  const cells = cellTexts(runs);
  if (cells.some((t) => t.length <= 16 && ANY_TABLE_WORD.test(t.normalize('NFKC')))) return true;
  // A row of numbers in narrow cells (a small page): apart from each other by a third of an em, not by 0.8.
  if (cells.filter((t) => NUMBER.test(t)).length >= 6) return true;
  let apart = 0;
  for (const r of runs) {
    if (!NUMBER.test(r.str)) continue;
    const sameLine = runs.filter((o) => o !== r && Math.abs(centreY(o) - centreY(r)) < 0.5 * Math.min(o.size, r.size));
    const gap = Math.min(...sameLine.map((o) => (o.x0 >= r.x1 ? o.x0 - r.x1 : r.x0 >= o.x1 ? r.x0 - o.x1 : 0)), Infinity);
    if (gap > 0.8 * r.size && ++apart >= 6) return true;
  }
  return false;
}

/**
 * Runs joined along their line while they touch (gaps under ⅓ em): the text
 * of a cell when the writer gives every glyph its own run. Chromium does
 * (one Type 3 font per few glyphs), and writes radicals for some
 * ideographs (⼆ for 二, ⾏ for 行): NFKC above reads them as the ideographs.
 */
function cellTexts(runs: TextRun[]): string[] {
  const out: string[] = [];
  for (const line of runLineGroups(runs)) {
    let text = '';
    let prev: TextRun | undefined;
    for (const r of line) {
      if (prev && r.x0 - prev.x1 > r.size / 3) {
        out.push(text);
        text = '';
      }
      text += r.str.replace(/\s/g, '');
      prev = r;
    }
    out.push(text);
  }
  return out;
}

/** Horizontal runs grouped by line (centres within half the smaller size), each left to right. */
function runLineGroups(runs: TextRun[]): TextRun[][] {
  const sorted = runs.filter((r) => !r.vertical).sort((a, b) => centreY(a) - centreY(b));
  const groups: TextRun[][] = [];
  for (const r of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(centreY(r) - centreY(g[0]!)) < 0.5 * Math.min(r.size, g[0]!.size)) g.push(r);
    else groups.push([r]);
  }
  for (const g of groups) g.sort((a, b) => a.x0 - b.x0);
  return groups;
}

export interface PageResult {
  page: number;
  width: number;
  height: number;
  runs: TextRun[];
  /** Narrative lines (outside tables), page numbers removed. */
  lines: TextLine[];
  tables: PageTable[];
  /** Present when the operator list was read. */
  segments?: Segment[];
  grids?: Grid[];
  images: number;
  /** Resolution of the sharpest picture on the page (see primitives.ts). */
  imageDpi?: number;
  chars: number;
  /** Present when the page was read by OCR (a scan): what the raster reader saw. */
  ocr?: RasterPage;
}

export async function readPage(pdfjs: Pdfjs, doc: PDFDocumentProxy, page: PDFPageProxy, pageNo: number, runBase: number, opts: { forceGraphics?: boolean } = {}): Promise<PageResult> {
  const text = await pageText(page, runBase);
  let runs = text.runs;
  const chars = runs.reduce((s, r) => s + r.str.replace(/\s/g, '').length, 0);
  const result: PageResult = { page: pageNo, width: text.width, height: text.height, runs, lines: [], tables: [], images: 0, chars };
  // A page without text may be a scan: its images tell (extract.no_text).
  const wantGraphics = opts.forceGraphics || chars === 0 || looksLikeTablePage(runs);
  let tables: PageTable[] = [];
  if (wantGraphics) {
    const g = await pageGraphics(pdfjs, doc, page, text, runBase);
    result.images = g.images;
    if (g.imageDpi) result.imageDpi = g.imageDpi;
    result.segments = g.segments;
    if (g.vertical.length > 0) runs = runs.filter((r) => !r.vertical); // rebuilt from the operators instead
    const grids = findGrids(g.segments);
    result.grids = grids;
    const { inside, outside } = partitionRuns(runs, grids.map((gr) => gr.bbox), g.placed);
    const verticalIn = g.vertical;
    tables = grids.map((gr) => fillGrid(pageNo, gr, [...inside, ...verticalIn], g.visible));
    runs = outside;
    const alt = alignmentTables(pageNo, g.segments, runs, grids);
    tables.push(...alt.tables);
    runs = alt.rest;
    tables.sort((a, b) => a.bbox.y0 - b.bbox.y0);
  }
  const lines = runLines(runs).filter((l) => !isPageNumber(l.text));
  result.lines = lines;
  result.tables = tables;
  return result;
}
