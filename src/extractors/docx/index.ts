// Word reports (.docx): checked unzip (zip.ts) → mammoth with grid fix-ups
// (mammoth-pass.ts, fixups.ts) → the HTML grid builder shared with the HTML
// extractor → RawDocument with paragraph provenance and document properties.
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { failedExtraction, finding, result } from '../../result.js';
import type { Extractor, Finding, OcrMode, RawDocument, Result } from '../../types.js';
import { lackingTables } from '../../template.js';
import { readPictures } from '../raster/pictures.js';
import { docxPictures } from './media.js';
import { htmlToRaw } from '../html/index.js';
import { parseHtml } from '../html/parse.js';
import { isZip } from '../sniff.js';
import { altChunkHtml, altChunkParts } from './altchunk.js';
import { MAX_XML_DEPTH } from './flatten-xml.js';
import { runMammoth, type MammothPass } from './mammoth-pass.js';
import { readDocMeta } from './meta.js';
import { DEFAULT_ZIP_LIMITS, ZipArchive, ZipError, type ZipLimits } from './zip.js';

export const DOCX_VERSION = 'docx-3';
const BLOCKS = 'p,h1,h2,h3,h4,h5,h6,li';
const empty = (): RawDocument => ({ format: 'docx', tables: [], text: '' });

/** Text of an optional part; a damaged metadata part costs the metadata, not the report. */
function optionalText(zip: ZipArchive, name: string): string | undefined {
  try {
    return zip.has(name) ? zip.read(name).toString('utf8') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * mammoth's messages as findings: merge trouble is a warning, other ignored
 * content info. Its notes on unmapped styles are left out: styles only shape
 * mammoth's HTML tags, which nothing here reads (every DOCX would carry them).
 */
function mammothFindings(messages: MammothPass['messages']): Finding[] {
  const counts = new Map<string, number>();
  for (const m of messages) if (!/^Unrecognised (paragraph|run|table) style/.test(m.message)) counts.set(m.message, (counts.get(m.message) ?? 0) + 1);
  return [...counts].map(([message, n]) => {
    const table = /cell merging/.test(message);
    const text = `mammoth: ${message}${n > 1 ? ` (${n} times)` : ''}`;
    return finding(table ? 'extract.docx_table' : 'extract.docx_note', table ? 'warning' : 'info', text);
  });
}

function nestingFindings(parts: MammothPass['flattened']): Finding[] {
  return parts.map((p) =>
    finding(
      'extract.nesting',
      'warning',
      `${p.part} nests its elements ${p.depth} levels deep; the ${p.dropped} element(s) opened below level ${MAX_XML_DEPTH} were unwrapped and their text kept in the element above them. A table nested that deep is read as plain text.`,
      { actual: p.depth, expected: MAX_XML_DEPTH },
    ),
  );
}

function skippedFindings(parts: MammothPass['skipped'], body: MammothPass['salvaged']): Finding[] {
  const out = parts.map((p) => finding('extract.docx_part', 'warning', `The part ${p.part} ${p.why}; the document was read from its body without it, losing ${p.loss}.`));
  if (body) {
    out.unshift(
      finding(
        'extract.docx_part',
        'warning',
        `The body, word/document.xml, ${body.why}; it was read up to the damage (its first ${body.kept} paragraphs and tables). Text and tables after the damage are lost.`,
        { actual: body.kept },
      ),
    );
  }
  return out;
}

function fixupFindings(f: MammothPass['fixups']): Finding[] {
  const parts = [
    f.gridBefore && `${f.gridBefore} row(s) starting after skipped grid columns (w:gridBefore)`,
    f.gridAfter && `${f.gridAfter} row(s) ending before the last grid column (w:gridAfter)`,
    f.hMerge && `${f.hMerge} legacy horizontal merge(s) (w:hMerge)`,
  ].filter(Boolean);
  if (parts.length === 0) return [];
  return [finding('extract.docx_fixup', 'info', `Restored what mammoth ignores: ${parts.join('; ')}.`)];
}

/**
 * The title: the first paragraph that names an annual report, preferring one
 * that also names 政府信息公开/政务公开 and a year (a page's navigation link
 * "政府信息公开年报" or "2019年度报告" is not the title; the HTML extractor
 * ranks the same way). Sentences are not titles. Paragraphs inside tables
 * count: web pages saved as Word keep the layout tables around the report.
 * A title that starts with the year ("2021年政府信息公开工作年度报告") usually
 * has the body's name on the line above; that line is joined to it verbatim.
 */
function findTitle($: CheerioAPI): string | undefined {
  const paras = $(BLOCKS)
    .toArray()
    .map((el) => $(el).text().replace(/\s+/g, ''))
    .filter((t) => t !== '');
  const names = (t: string): boolean => t.length < 100 && !/[。，；]/.test(t) && /年度?报告|年报/.test(t);
  const official = (t: string): boolean => names(t) && /政府信息公开|政务公开/.test(t);
  const year = (t: string): boolean => /(19|20)\d{2}|[〇零一二三四五六七八九]{4}年/.test(t);
  let at = paras.findIndex((t) => official(t) && year(t));
  if (at < 0) at = paras.findIndex(official);
  if (at < 0) at = paras.findIndex(names);
  if (at < 0) return undefined;
  const title = paras[at]!;
  const prev = at > 0 ? paras[at - 1]! : '';
  if (/^\d{4}年/.test(title) && prev.length > 0 && prev.length <= 40 && !/\d|。|：|:/.test(prev)) return prev + title;
  return title;
}

/** Converts one DOCX buffer; throws ZipError or mammoth's errors, caught by `extract`. */
export async function docxToRaw(buffer: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS, ocr: OcrMode = 'auto'): Promise<Result<RawDocument>> {
  const zip = ZipArchive.open(buffer, limits);
  if (!zip.has('word/document.xml') && !zip.has('_rels/.rels')) {
    const some = [...zip.entries.keys()].slice(0, 5).join(', ');
    throw new ZipError(`a ZIP archive but not a Word document: no word/document.xml (entries: ${some || 'none'})`);
  }
  const pass = await runMammoth(zip);
  const parsed = await parseHtml(pass.html, "mammoth's HTML of the body");
  const $ = parsed.value;
  // Paragraph index: 0-based among the paragraphs mammoth reads, in document
  // order, empty ones included. It equals the index of the w:p element in
  // document.xml except after vertically merged cells, whose continuation
  // parts mammoth drops (45 of 359 paragraphs in the 2021 template).
  const paraIndex = new Map<Element, number>();
  $(BLOCKS).toArray().forEach((el, i) => paraIndex.set(el as Element, i));
  const raw = htmlToRaw($, 'docx', {
    prov: (td) => {
      const first = $(td)
        .find(BLOCKS)
        .toArray()
        .find((b) => $(b).closest('td,th').get(0) === td);
      const paragraph = first ? paraIndex.get(first as Element) : undefined;
      return paragraph === undefined ? {} : { paragraph };
    },
  });
  const doc: RawDocument = { ...raw.value, tables: [...raw.value.tables] };
  const findings = [...parsed.findings, ...raw.findings];
  let title = findTitle($);
  // Embedded HTML/MHT chunks: their tables follow the document's own.
  const chunks = altChunkHtml(zip, pass.altChunkXml.flatMap((xml) => altChunkParts(zip, xml)));
  findings.push(...chunks.findings);
  for (const html of chunks.html) {
    const chunk = await parseHtml(html, 'An embedded HTML chunk (w:altChunk)');
    findings.push(...chunk.findings);
    const part = htmlToRaw(chunk.value, 'docx');
    const offset = doc.tables.length;
    for (const t of part.value.tables) {
      doc.tables.push({ ...t, index: t.index + offset, cells: t.cells.map((c) => ({ ...c, prov: { ...c.prov, table: t.index + offset } })) });
    }
    doc.text = [doc.text, part.value.text].filter((x) => x !== '').join('\n');
    title ??= part.value.title;
    findings.push(...part.findings);
  }
  if (title) doc.title = title;
  else delete doc.title;
  const meta = readDocMeta(optionalText(zip, 'docProps/core.xml'), optionalText(zip, 'docProps/app.xml'));
  if (Object.keys(meta).length > 0) doc.docMeta = meta;
  if (!doc.title && meta.title && /年度报告|年报/.test(meta.title)) doc.title = meta.title;
  // Tables pasted as pictures (word/media): read by OCR where the document lacks one of the template's (--ocr).
  const pictures = ocr === 'off' || (ocr === 'auto' && lackingTables(doc.tables).length === 0) ? [] : docxPictures(zip, optionalText(zip, 'word/document.xml'), optionalText(zip, 'word/_rels/document.xml.rels'));
  const read = await readPictures(doc, pictures, ocr, 'document');
  return result(read.value, [...findings, ...skippedFindings(pass.skipped, pass.salvaged), ...nestingFindings(pass.flattened), ...fixupFindings(pass.fixups), ...mammothFindings(pass.messages), ...read.findings]);
}

/** The message for a DOCX that cannot be read at all. */
export function failureMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (err instanceof ZipError) return `Unreadable Word file: ${msg}.`;
  if (err instanceof RangeError && /call stack/.test(msg)) return `Unreadable Word file: its elements are nested too deeply to read (${msg}).`;
  if (/Could not find main document part/.test(msg)) return 'Unreadable Word file: a ZIP archive but not a Word document (no main document part, word/document.xml).';
  // The XML parser's own words ("[xmldom error] … @#[line:undefined,col:undefined]") help no reader.
  if (/xmldom/.test(msg)) return 'Unreadable Word file: a part of it is not well-formed XML (damaged or cut short).';
  return `Unreadable Word file: ${msg}`;
}

export const docxExtractor: Extractor = {
  format: 'docx',
  version: DOCX_VERSION,
  // Any ZIP: no other extractor reads ZIPs, so this one owns the message for
  // a ZIP that is not a Word document (spec/output.md: decided by the bytes).
  sniff: (buf) => isZip(buf),
  async extract({ buffer, options }) {
    try {
      return await docxToRaw(buffer, DEFAULT_ZIP_LIMITS, options?.ocr ?? 'auto');
    } catch (err) {
      return failedExtraction(empty(), 'extract.failed', failureMessage(err));
    }
  },
};
