// The picture behind `gkreport inspect` (pdfplumber's debug_tablefinder):
// one page with its text runs, the rules found, the cells of each table with
// (row,col) and the field each cell was mapped to, over a PNG of the page when
// one could be rendered. Same geometry as extraction: what you see is what was read.
import type { Segment, TextRun } from './geometry.js';
import type { JoinedTable } from './join.js';

export interface PagePicture {
  width: number;
  height: number;
  runs: TextRun[];
  segments: Segment[];
  tables: { index: number; table: JoinedTable }[];
  page: number;
  /** Field id per cell, keyed `${table}:${row}:${col}`. */
  fields?: Map<string, string>;
  /** File name of a PNG of the page, drawn underneath. */
  png?: string;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number): string => String(Math.round(v * 100) / 100);

export function pageSvg(p: PagePicture): string {
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${n(p.width * 1.5)}" height="${n(p.height * 1.5)}" viewBox="0 0 ${n(p.width)} ${n(p.height)}">`);
  // Presentation attributes rather than CSS: every SVG renderer (browsers, Skia, rsvg) honours them.

  out.push(`<rect width="${n(p.width)}" height="${n(p.height)}" fill="white"/>`);
  if (p.png) out.push(`<image href="${esc(p.png)}" xlink:href="${esc(p.png)}" x="0" y="0" width="${n(p.width)}" height="${n(p.height)}" opacity="0.6"/>`);
  out.push('<g id="runs">');
  for (const r of p.runs) {
    out.push(`<rect class="runbox" fill="none" stroke="#bbb" stroke-width="0.3" x="${n(r.x0)}" y="${n(r.y0)}" width="${n(r.x1 - r.x0)}" height="${n(r.y1 - r.y0)}"/>`);
    if (!p.png) out.push(`<text class="run" fill="#444" font-size="6" font-family="sans-serif" x="${n(r.x0)}" y="${n(r.y1 - 0.2 * r.size)}">${esc(r.str)}</text>`);
  }
  out.push('</g><g id="rules">');
  for (const s of p.segments) out.push(`<line class="rule" stroke="#e00" stroke-width="0.8" stroke-opacity="0.8" x1="${n(s.x0)}" y1="${n(s.y0)}" x2="${n(s.x1)}" y2="${n(s.y1)}"/>`);
  out.push('</g><g id="cells">');
  for (const { index, table } of p.tables) {
    for (const c of table.cells) {
      if (c.page !== p.page) continue;
      const b = c.bbox;
      const field = p.fields?.get(`${index}:${c.row}:${c.col}`);
      out.push(`<rect class="cell" fill="#06c" fill-opacity="0.05" stroke="#06c" stroke-width="0.6" data-table="${index}" data-row="${c.row}" data-col="${c.col}" data-rowspan="${c.rowSpan}" data-colspan="${c.colSpan}"${field ? ` data-field="${esc(field)}"` : ''} x="${n(b.x0)}" y="${n(b.y0)}" width="${n(b.x1 - b.x0)}" height="${n(b.y1 - b.y0)}"><title>${esc(`table ${index} (${c.row},${c.col}) ${c.text}`)}</title></rect>`);
      out.push(`<text class="rc" fill="#06c" font-size="4" font-family="monospace" x="${n(b.x0 + 1)}" y="${n(b.y0 + 4.5)}">${index}:(${c.row},${c.col})</text>`);
      if (field) out.push(`<text class="field" fill="#080" font-size="4" font-family="monospace" x="${n(b.x0 + 1)}" y="${n(b.y1 - 1.5)}">${esc(field)}</text>`);
      if (c.ocr) {
        // What OCR read, and how sure it was: red below the proof-reader's trust (0.9).
        const colour = c.ocr.confidence < 0.9 ? '#d00' : '#707';
        out.push(`<text class="ocr" fill="${colour}" font-size="5" font-family="sans-serif" x="${n(b.x0 + 1)}" y="${n((b.y0 + b.y1) / 2 + 2)}">${esc(c.text)} <tspan font-size="3.5">${c.ocr.confidence.toFixed(2)}</tspan></text>`);
      }
    }
  }
  out.push('</g></svg>');
  return out.join('\n') + '\n';
}
