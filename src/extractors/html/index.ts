// HTML reports (cheerio): UTF-8 or GBK pages, MS-Word-generated HTML, report
// tables among a government page's layout tables.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import { finding, result } from '../../result.js';
import type { Extractor, Finding, RawDocument, RawTable } from '../../types.js';
import { decode, declaredCharset } from '../decode.js';
import { isHtml } from '../sniff.js';
import { hasKids, isElement, MAX_SPAN, tableToRaw, type GridOptions } from './table-grid.js';
import { parseHtml } from './parse.js';
import { narrativeText } from './text.js';
import { htmlPictures } from './pictures.js';
import { lackingTables } from '../../template.js';
import { readPictures } from '../raster/pictures.js';

const TITLE_MAX = 80;
const NAMES_REPORT = (t: string) => t.length > 0 && t.length < TITLE_MAX && !/[。，；]/.test(t) && /年度?报告|年报/.test(t) && /政府信息公开|政务公开/.test(t);

const TITLE_BLOCKS = new Set(['h1', 'h2', 'h3', 'p', 'div', 'td', 'span', 'strong', 'b']);

/**
 * An element's text without white space (what cheerio's .text() gives, less
 * the spaces), or undefined once it reaches TITLE_MAX characters: no title is
 * that long, and the page-wide <div>s around the article need not be read whole.
 */
function shortText(el: Element): string | undefined {
  let out = '';
  const stack: AnyNode[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      out += (n as Text).data.replace(/\s+/g, '');
      if (out.length >= TITLE_MAX) return undefined;
    } else if (hasKids(n)) {
      const kids = n.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return out;
}

/** The title blocks of the page in document order (as $('h1,h2,…') lists them), each with its short text. */
function* titleBlocks(root: AnyNode): Generator<string | undefined> {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!hasKids(n)) continue;
    if (isElement(n) && TITLE_BLOCKS.has(n.name)) yield shortText(n);
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/**
 * The report title: the first block of the page that names an annual report and
 * its year (a breadcrumb or menu link "政府信息公开年度报告" has none), else the
 * <title> without the site name pages append to it ("…年度报告_上海市人民政府").
 */
function findTitle($: CheerioAPI): string | undefined {
  // Walked on the DOM and stopped at the first block naming a report and a year: reading the text of
  // every block (each page-wide <div> whole) cost more than parsing the page.
  let withoutYear: string | undefined;
  for (const t of titleBlocks($.root().get(0)!)) {
    if (t === undefined || !NAMES_REPORT(t)) continue;
    if (/20\d{2}/.test(t)) return t;
    withoutYear ??= t;
  }
  if (withoutYear !== undefined) return withoutYear;
  const title = $('title').first().text().replace(/\s+/g, '').replace(/(报告|年报)[_|｜\-—–－].*$/, '$1');
  return NAMES_REPORT(title) ? title : undefined;
}

/**
 * Converts parsed HTML into raw tables and narrative; shared with the DOCX extractor (mammoth's HTML),
 * which passes `grid` to stamp paragraph indexes on cells.
 */
export function htmlToRaw($: CheerioAPI, format: RawDocument['format'], grid: GridOptions = {}): { value: RawDocument; findings: Finding[] } {
  const findings: Finding[] = [];
  const tables: RawTable[] = [];
  const root = $.root().get(0)!;
  const tableEls: Element[] = [];
  const text = narrativeText(root, tableEls);
  for (const el of tableEls) {
    const { table, clamped } = tableToRaw($, el, tables.length, grid);
    if (table.cells.length === 0) continue;
    if (clamped > 0) {
      findings.push(finding('extract.span_clamped', 'warning', `Table ${table.index + 1}: ${clamped} rowspan/colspan value(s) above ${MAX_SPAN} were cut to fit the table.`, { place: { table: table.index } }));
    }
    tables.push(table);
  }
  const title = findTitle($);
  const doc: RawDocument = { format, tables, text };
  if (title) doc.title = title;
  return { value: doc, findings };
}

export const htmlExtractor: Extractor = {
  format: 'html',
  version: 'html-3',
  sniff: (buf) => isHtml(buf),
  async extract({ buffer, path, options }) {
    const decoded = decode(buffer, declaredCharset(buffer));
    const parsed = await parseHtml(decoded.value.text);
    const $ = parsed.value;
    const raw = htmlToRaw($, 'html');
    // Tables pasted as pictures: read by OCR where the markup lacks one of the template's (--ocr).
    const mode = options?.ocr ?? 'auto';
    const pictures = mode === 'off' || (mode === 'auto' && lackingTables(raw.value.tables).length === 0) ? [] : await htmlPictures($, path);
    const read = await readPictures(raw.value, pictures, mode, 'page');
    return result(read.value, [...decoded.findings, ...parsed.findings, ...raw.findings, ...read.findings]);
  },
};
