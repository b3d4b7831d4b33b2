// Helpers for the PDF tests: fixture paths, a tiny PDF writer for documents
// made in code (path operators, a non-embedded CJK font on a predefined CMap,
// an image-only "scan", a font mapping to private-use code points), and row
// lookups on raw tables.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RawCell, RawTable } from '../src/types.js';

export const PDF_FIXTURES = fileURLToPath(new URL('../../fixtures/pdf/', import.meta.url));

export function fixture(name: string): Buffer {
  return readFileSync(PDF_FIXTURES + name);
}

/** A PDF object body; streams are given as { dict, data }. */
export type PdfObject = string | { dict: string; data: Buffer | string };

/**
 * Writes a PDF whose object 1 is the catalog and 2 the page tree; `pages`
 * are object numbers of page objects among `objects` (numbered from 3).
 */
export function makePdf(objects: PdfObject[], pages: number[], trailerExtra = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let len = parts[0]!.length;
  const push = (b: Buffer): void => {
    parts.push(b);
    len += b.length;
  };
  const all: PdfObject[] = [`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [${pages.map((p) => `${p} 0 R`).join(' ')}] /Count ${pages.length} >>`, ...objects];
  all.forEach((o, i) => {
    offsets.push(len);
    if (typeof o === 'string') push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
    else {
      const data = typeof o.data === 'string' ? Buffer.from(o.data, 'latin1') : o.data;
      push(Buffer.from(`${i + 1} 0 obj\n<< ${o.dict} /Length ${data.length} >>\nstream\n`, 'latin1'));
      push(data);
      push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    }
  });
  const xref = len;
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  push(Buffer.from(`xref\n0 ${all.length + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${all.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** A one-page A4 PDF with the given content stream and resources. */
export function onePage(content: string, resources = '<< >>', extra: PdfObject[] = []): Buffer {
  // Objects: 3 page, 4 content, 5… extra.
  return makePdf([`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents 4 0 R >>`, { dict: '', data: content }, ...extra], [3]);
}

/** UTF-16BE hex of a string, for UCS-2 CMaps (UniGB-UCS2-H). */
export function ucs2Hex(s: string): string {
  return [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
}

/** Text in STSong-Light, not embedded, on the predefined CMap UniGB-UCS2-H (公文 typesetting). */
export function cmapFontPdf(lines: string[]): Buffer {
  const text = lines.map((l, i) => `BT /F1 14 Tf 72 ${760 - i * 24} Td <${ucs2Hex(l)}> Tj ET`).join('\n');
  return onePage(text, '<< /Font << /F1 5 0 R >> >>', [
    `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>`,
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>`,
    `<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>`,
  ]);
}

/** An image-only page, like a scanner's output: no text operators at all. */
export function scannedPdf(): Buffer {
  const w = 8, h = 8;
  const pixels = Buffer.alloc(w * h, 0xff);
  for (let i = 0; i < w; i++) pixels[i * w + i] = 0;
  return onePage('q 400 0 0 400 97 300 cm /Im1 Do Q', '<< /XObject << /Im1 5 0 R >> >>', [{ dict: `/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8`, data: pixels }]);
}

/** Helvetica text whose ToUnicode map sends every code to the private use area. */
export function privateUsePdf(): Buffer {
  const cmap = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /PUA def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfrange <20> <7E> <E020> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`;
  const lines = ['Annual report 2023 table', '120 8 1 0 3 2 134', '5 1 0 0 0 0 6'];
  const text = lines.map((l, i) => `BT /F1 12 Tf 72 ${760 - i * 20} Td (${l}) Tj ET`).join('\n');
  return onePage(text, '<< /Font << /F1 5 0 R >> >>', [`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>`, { dict: '', data: cmap }]);
}

/** Cells of one grid row, by column. */
export function row(t: RawTable, r: number): RawCell[] {
  return t.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
}

/** The texts of the row whose first cells hold `label` (a substring), left to right. */
export function rowTexts(t: RawTable, label: string): string[] {
  const r = t.cells.find((c) => c.text.includes(label));
  if (!r) throw new Error(`no cell with ${label}`);
  return row(t, r.row + r.rowSpan - 1).map((c) => c.text);
}

/** The last `n` cell texts of the row labelled `label` (its values). */
export function values(t: RawTable, label: string, n: number): string[] {
  const r = t.cells.find((c) => c.text.includes(label) && c.rowSpan === 1);
  if (!r) throw new Error(`no single-row cell with ${label}`);
  return row(t, r.row).map((c) => c.text).slice(-n);
}

/** Content stream of a ruled table: `rows` of cell texts, columns `widths`, top-left corner (x, top) in PDF user space. */
export function ruledTable(rows: string[][], widths: number[], x: number, top: number, rowHeight = 20): string {
  const out: string[] = ['0.5 w'];
  rows.forEach((r, i) => {
    let cx = x;
    r.forEach((text, j) => {
      const y = top - (i + 1) * rowHeight;
      out.push(`${cx} ${y} ${widths[j]} ${rowHeight} re S`);
      if (text) out.push(`BT /F1 10 Tf ${cx + 4} ${y + 6} Td (${text}) Tj ET`);
      cx += widths[j]!;
    });
  });
  return out.join('\n');
}

/** A multi-page PDF, Helvetica as /F1, one content stream per page. */
export function pagesPdf(contents: string[]): Buffer {
  const n = contents.length;
  // Objects: 3 font, then per page: page object, content stream.
  const objects: PdfObject[] = ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const pages: number[] = [];
  contents.forEach((c, i) => {
    const pageObj = 4 + i * 2;
    pages.push(pageObj);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageObj + 1} 0 R >>`, { dict: '', data: c });
  });
  void n;
  return makePdf(objects, pages);
}
