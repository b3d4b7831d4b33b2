// 源表格 The source table: a raw table as the extractor read it from the file
// (HTML, DOCX, text or PDF), every cell's text verbatim, the asked cell outlined.
import type { RawTable } from '../../types.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';

export function sourceTablePage(sha: string, title: string, index: number, t: RawTable, hit: { row?: number; col?: number }): Html {
  const covered = new Set<string>();
  const at = new Map(t.cells.map((c) => [`${c.row}:${c.col}`, c]));
  const rows: Html[] = [];
  for (let r = 0; r < t.nRows; r++) {
    const tds: Html[] = [];
    for (let c = 0; c < t.nCols; c++) {
      if (covered.has(`${r}:${c}`)) continue;
      const cell = at.get(`${r}:${c}`);
      if (!cell) {
        tds.push(html`<td></td>`);
        continue;
      }
      for (let i = 0; i < cell.rowSpan; i++) for (let j = 0; j < cell.colSpan; j++) if (i || j) covered.add(`${r + i}:${c + j}`);
      const isHit = hit.row !== undefined && hit.col !== undefined && r <= hit.row && hit.row < r + cell.rowSpan && c <= hit.col && hit.col < c + cell.colSpan;
      tds.push(html`<td${cell.rowSpan > 1 ? html` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan > 1 ? html` colspan="${cell.colSpan}"` : ''}${isHit ? html` class="src-hit" id="hit"` : ''} title="(${r}, ${c})${cell.prov.page ? ` page ${cell.prov.page}` : ''}">${cell.text}</td>`);
    }
    rows.push(html`<tr>${tds}</tr>`);
  }
  return page(
    `源表格 Source table ${index}`,
    html`<h1>源表格 Source table ${index} <span class="muted">— ${title}</span></h1><p><a href="/report/${sha}">← 报告 report</a>${t.pages?.length ? html` · 页 pages ${t.pages.join(', ')}` : ''}</p><table id="source-table">${rows}</table>`,
  );
}
