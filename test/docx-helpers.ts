// Helpers for the Word tests: fixture paths, a dense view of raw tables, and
// hand-made DOCX files (a real DOCX whose word/document.xml is replaced by a
// table written here, with jszip).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import type { RawTable } from '../src/types.js';

/** Path of a file under fixtures/ (tests run from dist/test/). */
export const fixture = (rel: string): string => fileURLToPath(new URL(`../../fixtures/${rel}`, import.meta.url));
export const readFixture = (rel: string): Buffer => readFileSync(fixture(rel));

/** Row-major text grid of a raw table: each anchor cell's text at its position, '' elsewhere. */
export function grid(t: RawTable): string[][] {
  const g = Array.from({ length: t.nRows }, () => Array<string>(t.nCols).fill(''));
  for (const c of t.cells) g[c.row]![c.col] = c.text;
  return g;
}

/** Cells as comparable strings "row,col rowSpan×colSpan text" with white space removed from text. */
export function cellKeys(t: RawTable): string[] {
  return t.cells.map((c) => `${c.row},${c.col} ${c.rowSpan}x${c.colSpan} ${c.text.replace(/\s+/g, '')}`);
}

export interface CellSpec {
  text?: string;
  /** w:gridSpan */
  span?: number;
  vMerge?: 'restart' | 'continue';
  hMerge?: 'restart' | 'continue';
  /** Raw WordprocessingML for the cell body instead of `text` (nested tables, breaks). */
  xml?: string;
}
export interface RowSpec {
  cells: CellSpec[];
  gridBefore?: number;
  gridAfter?: number;
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function cellXml(c: CellSpec): string {
  const pr = [
    c.span ? `<w:gridSpan w:val="${c.span}"/>` : '',
    c.hMerge === 'restart' ? '<w:hMerge w:val="restart"/>' : c.hMerge ? '<w:hMerge/>' : '',
    c.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : c.vMerge ? '<w:vMerge/>' : '',
  ].join('');
  const p = c.xml ?? (c.text ? `<w:p><w:r><w:t>${esc(c.text)}</w:t></w:r></w:p>` : '<w:p/>');
  return `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${p}</w:tc>`;
}

/** A w:tbl from row specs; `cols` grid columns of equal width. */
export function tableXml(cols: number, rows: RowSpec[]): string {
  const grid = `<w:tblGrid>${'<w:gridCol w:w="800"/>'.repeat(cols)}</w:tblGrid>`;
  const trs = rows.map((r) => {
    const trPr = (r.gridBefore ? `<w:gridBefore w:val="${r.gridBefore}"/>` : '') + (r.gridAfter ? `<w:gridAfter w:val="${r.gridAfter}"/>` : '');
    return `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${r.cells.map(cellXml).join('')}</w:tr>`;
  });
  return `<w:tbl><w:tblPr/>${grid}${trs.join('')}</w:tbl>`;
}

export const paraXml = (text: string): string => `<w:p><w:r><w:t>${esc(text)}</w:t></w:r></w:p>`;

/** A DOCX made from a real one (its styles, rels, content types) with `bodyXml` as the whole body. */
export async function handMadeDocx(bodyXml: string, base = 'docx/report-2021-sample.docx'): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFixture(base));
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}"><w:body>${bodyXml}<w:sectPr/></w:body></w:document>`;
  zip.file('word/document.xml', doc);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A ZIP with the given entries (names are kept as given, `../` included). */
export async function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(entries)) zip.file(name, data, { createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Quoted-printable as Word writes MHT parts: non-ASCII and '=' escaped, soft breaks at 76 columns. */
function quotedPrintable(buf: Buffer): string {
  let out = '';
  let line = '';
  for (const b of buf) {
    const piece = b === 0x0a ? '\n' : b >= 0x20 && b < 0x7f && b !== 0x3d ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (piece === '\n') {
      out += `${line}\r\n`;
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += piece;
  }
  return out + line;
}

/** An MHT file (as Word saves a single-file web page) holding `html`, quoted-printable, in `charset`. */
export function mht(html: Buffer, charset = 'utf-8'): Buffer {
  const b = '----=_NextPart_01DA0000.12345678';
  return Buffer.from(
    [
      'MIME-Version: 1.0',
      `Content-Type: multipart/related; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Location: file:///C:/report.htm',
      'Content-Transfer-Encoding: quoted-printable',
      `Content-Type: text/html; charset="${charset}"`,
      '',
      quotedPrintable(html),
      `--${b}--`,
      '',
    ].join('\r\n'),
    'latin1',
  );
}
