// PDF reports: pdfjs geometry → ruled tables (joined across pages) with
// page and bbox provenance, narrative text, title. Never throws: unreadable
// files give `extract.failed`, files without a usable text layer
// `extract.no_text`, both with an empty document.
import { failedExtraction, finding, result } from '../../result.js';
import type { Extractor, Finding, OcrMode, RawCell, RawDocument, RawTable, Result } from '../../types.js';
import { withOcr } from '../raster/prov.js';
import { ocrPdfPage, ocrPictureTables, wantsOcr } from '../raster/pdf-page.js';
import { pictureTablePages, pictureTablesSkipped } from '../raster/pdf-pictures.js';
import { lackingTables } from '../../template.js';
import { isPdf } from '../sniff.js';
import { roundBox } from './cells.js';
import { joinAcrossPages, type JoinedTable, type PageFlow } from './join.js';
import { deadline, openPdf, PdfOpenError, type OpenedPdf } from './load.js';
import { findTitle, paragraphs, type TextLine } from './meta.js';
import { readPage, type PageResult } from './page.js';

// pdf-3: Chromium prints (bevelled borders, clipped cells, glyph positions) read differently: incremental runs redo PDFs.
// pdf-4: --ocr auto reads table pictures on pages with a text layer (a PDF that came out table.missing may now have tables).
// pdf-5: ... also on pages whose text holds a template table, when the text lacks another (table 四 pasted as a picture under text table 三).
export const PDF_EXTRACTOR_VERSION = 'pdf-5';
const DEFAULT_TIMEOUT_MS = 60_000;

const empty = (): RawDocument => ({ format: 'pdf', tables: [], text: '' });

/** Share of characters that are U+FFFD or private use: above this the text layer is unusable. */
const BAD_SHARE = 0.3;

export function badCharShare(text: string): number {
  const chars = [...text.replace(/\s/g, '')];
  if (chars.length === 0) return 0;
  const bad = chars.filter((c) => {
    const p = c.codePointAt(0)!;
    return p === 0xfffd || (p >= 0xe000 && p <= 0xf8ff) || p >= 0xf0000;
  }).length;
  return bad / chars.length;
}

export function toRaw(t: JoinedTable, index: number): RawTable {
  const cells: RawCell[] = t.cells.map((c) =>
    withOcr({ text: c.text, row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, prov: { table: index, row: c.row, col: c.col, page: c.page, bbox: roundBox(c.bbox) } }, c.ocr),
  );
  return { index, nRows: t.nRows, nCols: t.nCols, cells, pages: t.pages };
}

export interface PdfReading {
  pages: PageResult[];
  tables: JoinedTable[];
  doc: RawDocument;
  findings: Finding[];
}

/**
 * Where body text starts and ends on each page, for joining tables across
 * pages. Page numbers are already gone; a running header or footer (a line
 * in the top or bottom 8 % of a page whose text recurs on another page)
 * does not count either.
 */
export function pageFlows(pages: Pick<PageResult, 'page' | 'height' | 'lines'>[]): Map<number, PageFlow> {
  const margin = (p: Pick<PageResult, 'height'>, l: TextLine): boolean => l.y1 < 0.08 * p.height || l.y0 > 0.92 * p.height;
  const seen = new Map<string, Set<number>>();
  for (const p of pages) for (const l of p.lines) if (margin(p, l)) seen.set(l.text, (seen.get(l.text) ?? new Set()).add(p.page));
  const flows = new Map<number, PageFlow>();
  for (const p of pages) {
    const body = p.lines.filter((l) => !(margin(p, l) && (seen.get(l.text)?.size ?? 0) > 1));
    flows.set(p.page, body.length > 0 ? { flowTop: Math.min(...body.map((l) => l.y0)), flowBottom: Math.max(...body.map((l) => l.y1)) } : { flowTop: Infinity, flowBottom: -Infinity });
  }
  return flows;
}

/** Reads every page of an opened PDF (also used by `gkreport inspect`). */
export async function readPdf(opened: OpenedPdf, opts: { graphicsPages?: Set<number>; deadlineAt?: number; ocr?: OcrMode; ocrPages?: Set<number> } = {}): Promise<PdfReading> {
  const { pdfjs, doc } = opened;
  const pages: PageResult[] = [];
  const findings: Finding[] = [];
  const mode = opts.ocr ?? 'auto';
  let runBase = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const r = await readPage(pdfjs, doc, page, p, runBase, { forceGraphics: (opts.graphicsPages?.has(p) ?? false) || mode === 'force' });
    runBase += r.runs.length + 1;
    pages.push(r);
    page.cleanup();
    if ((opts.ocrPages?.has(p) ?? true) && wantsOcr(r, mode)) findings.push(...(await ocrPdfPage(doc, r)));
    // pdfjs's fake worker runs on this thread and can chain promises without
    // letting a timer fire: yield to the event loop and check the clock here.
    await new Promise((resolve) => setImmediate(resolve));
    if (opts.deadlineAt !== undefined && Date.now() > opts.deadlineAt) throw new PdfOpenError(`gave up after page ${p} of ${doc.numPages} (timeout); the file may be damaged or very large`, 'timeout');
  }
  if (mode !== 'force') {
    // Pictures that stand in for the template's tables the text layer lacks (none when it holds them all).
    const lacking = lackingTables(pages.flatMap((p) => p.tables));
    const found = await pictureTablePages(pdfjs, doc, pages, lacking, opts.ocrPages);
    if (mode === 'off') findings.push(...pictureTablesSkipped(found, lacking, mode));
    else {
      for (const [p, pics] of found) {
        findings.push(...(await ocrPictureTables(doc, pages[p - 1]!, pics, lacking)));
        await new Promise((resolve) => setImmediate(resolve));
        if (opts.deadlineAt !== undefined && Date.now() > opts.deadlineAt) throw new PdfOpenError(`gave up reading the table pictures of page ${p} of ${doc.numPages} (timeout); the file may be damaged or very large`, 'timeout');
      }
    }
  }
  const flow = pageFlows(pages);
  const tables = joinAcrossPages(pages.flatMap((p) => p.tables), flow);
  tables.forEach((t, index) => {
    for (const part of t.parts.filter((x) => x.irregular)) {
      // mammoth's way: keep the rows, say the merges may be wrong.
      findings.push(finding('extract.merge_uncertain', 'warning', `Table ${index + 1} on page ${part.page}: ${part.irregular} group(s) of cells joined by missing rules are not rectangles; they were kept as single cells, so merged cells there may be split.`, { place: { table: index, page: part.page } }));
    }
    for (const part of t.parts.filter((x) => x.clipped)) {
      findings.push(finding('extract.clipped', 'warning', `Table ${index + 1} on page ${part.page}: ${part.clipped} cell(s) run past the edge of what the page shows (the table is wider or longer than the printed area) and their text reaches that edge, so part of it may be missing; they were left empty.`, { place: { table: index, page: part.page } }));
    }
  });
  // One pass over all pages: a paragraph cut by a page break continues on the next page.
  const text = paragraphs(pages.flatMap((p) => p.lines)).join('\n');
  const raw: RawDocument = { format: 'pdf', tables: tables.map(toRaw), text, pageCount: doc.numPages };
  const title = findTitle(pages[0]?.lines ?? []);
  if (title) raw.title = title;
  try {
    const { info } = (await doc.getMetadata()) as unknown as { info?: Record<string, unknown> };
    const docMeta: Record<string, string> = {};
    for (const k of ['Title', 'Author', 'Subject', 'Creator', 'Producer', 'CreationDate', 'ModDate']) {
      const v = info?.[k];
      if (typeof v === 'string' && v.trim() !== '') docMeta[k] = v.trim();
    }
    if (Object.keys(docMeta).length > 0) raw.docMeta = docMeta;
  } catch {
    // Metadata is optional; a damaged Info dictionary must not fail the file.
  }
  return { pages, tables, doc: raw, findings };
}

/** Why a document's text layer cannot be used, or undefined when it can. */
function noTextReason(reading: PdfReading, mode: OcrMode): string | undefined {
  const ocrChars = reading.pages.reduce((s, p) => s + (p.ocr ? p.lines.reduce((n, l) => n + l.text.length, 0) + p.tables.length : 0), 0);
  if (ocrChars > 0) return undefined;
  const chars = reading.pages.reduce((s, p) => s + p.chars, 0);
  const images = reading.pages.reduce((s, p) => s + p.images, 0);
  const hint = mode === 'off' ? 'run with --ocr auto to read it by OCR' : 'OCR found no text in it either';
  if (chars === 0) {
    return images > 0
      ? `no text layer: the ${reading.pages.length} page(s) hold only images (a scan); ${hint}`
      : 'no text layer: the PDF contains no text at all';
  }
  const all = reading.pages.flatMap((p) => p.runs.map((r) => r.str)).join('');
  const share = badCharShare(all);
  if (share > BAD_SHARE) return `the text layer does not decode: ${Math.round(share * 100)}% of its characters are U+FFFD or private-use code points (fonts without a Unicode map); ${hint}`;
  return undefined;
}

export async function extractPdf(buffer: Buffer, timeoutMs = DEFAULT_TIMEOUT_MS, ocr: OcrMode = 'auto'): Promise<Result<RawDocument>> {
  let opened: OpenedPdf | undefined;
  let destroyed = false;
  const stop = (): void => {
    destroyed = true;
    void opened?.task.destroy().catch(() => undefined);
  };
  const deadlineAt = Date.now() + timeoutMs;
  try {
    const work = (async () => {
      opened = await openPdf(buffer);
      if (destroyed) void opened.task.destroy();
      return readPdf(opened, { deadlineAt, ocr });
    })();
    work.catch(() => undefined); // after a timeout the work may still reject; nobody waits for it
    const reading = await deadline(work, timeoutMs, stop);
    const reason = noTextReason(reading, ocr);
    if (reason) return failedExtraction(empty(), 'extract.no_text', reason);
    // No tables is not the extractor's finding: the normalizer reports table.missing.
    return result(reading.doc, reading.findings);
  } catch (e) {
    const msg = e instanceof PdfOpenError ? e.message : `reading the PDF failed: ${(e as Error)?.message ?? String(e)}`;
    return failedExtraction(empty(), 'extract.failed', msg);
  } finally {
    if (!destroyed) await opened?.task.destroy().catch(() => undefined);
  }
}

export const pdfExtractor: Extractor = {
  format: 'pdf',
  version: PDF_EXTRACTOR_VERSION,
  sniff: (buf) => isPdf(buf),
  extract: ({ buffer, options }) => extractPdf(buffer, options?.timeoutMs ?? DEFAULT_TIMEOUT_MS, options?.ocr ?? 'auto'),
};
