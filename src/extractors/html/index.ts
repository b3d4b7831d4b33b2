// HTML reports (cheerio): UTF-8 or GBK pages, MS-Word-generated HTML, report
// tables among a government page's layout tables.
import type { CheerioAPI } from 'cheerio';
import { loadCheerio } from '../lazy.js';
import type { Element } from 'domhandler';
import { finding, result } from '../../result.js';
import type { Extractor, Finding, RawDocument, RawTable } from '../../types.js';
import { decode, declaredCharset } from '../decode.js';
import { isHtml } from '../sniff.js';
import { MAX_SPAN, tableToRaw, type GridOptions } from './table-grid.js';
import { narrativeText } from './text.js';
import { htmlPictures } from './pictures.js';
import { holdsTemplateTables, readPictures } from '../raster/pictures.js';

const NAMES_REPORT = (t: string) => t.length > 0 && t.length < 80 && !/[。，；]/.test(t) && /年度?报告|年报/.test(t) && /政府信息公开|政务公开/.test(t);

/**
 * The report title: the first block of the page that names an annual report and
 * its year (a breadcrumb or menu link "政府信息公开年度报告" has none), else the
 * <title> without the site name pages append to it ("…年度报告_上海市人民政府").
 */
function findTitle($: CheerioAPI): string | undefined {
  // Selected from the root, not with $('body').find(…): the same elements (the parser puts them all in
  // <body>), but cheerio's find() with a selector list sorts its matches in O(n²): 3.5 s for 25,000 paragraphs.
  const blocks = $('h1,h2,h3,p,div,td,span,strong,b').toArray().map((el) => $(el).text().replace(/\s+/g, ''));
  const inBody = blocks.find((t) => NAMES_REPORT(t) && /20\d{2}/.test(t)) ?? blocks.find(NAMES_REPORT);
  if (inBody) return inBody;
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
  for (const el of $('table').toArray() as Element[]) {
    const { table, clamped } = tableToRaw($, el, tables.length, grid);
    if (table.cells.length === 0) continue;
    if (clamped > 0) {
      findings.push(finding('extract.span_clamped', 'warning', `Table ${table.index + 1}: ${clamped} rowspan/colspan value(s) above ${MAX_SPAN} were cut to fit the table.`, { place: { table: table.index } }));
    }
    tables.push(table);
  }
  const root = $.root().get(0)!;
  const title = findTitle($);
  const doc: RawDocument = { format, tables, text: narrativeText(root) };
  if (title) doc.title = title;
  return { value: doc, findings };
}

export const htmlExtractor: Extractor = {
  format: 'html',
  version: 'html-2',
  sniff: (buf) => isHtml(buf),
  async extract({ buffer, path, options }) {
    const decoded = decode(buffer, declaredCharset(buffer));
    const $ = (await loadCheerio()).load(decoded.value.text);
    const raw = htmlToRaw($, 'html');
    // Tables pasted as pictures: read by OCR where the markup has none (--ocr).
    const mode = options?.ocr ?? 'auto';
    const pictures = mode === 'off' || (mode === 'auto' && holdsTemplateTables(raw.value)) ? [] : await htmlPictures($, path);
    const read = await readPictures(raw.value, pictures, mode, 'page');
    return result(read.value, [...decoded.findings, ...raw.findings, ...read.findings]);
  },
};
