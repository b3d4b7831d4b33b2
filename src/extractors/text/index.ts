// Plain-text copies of report pages (see rows.ts for the layouts read).
import { finding, result } from '../../result.js';
import type { Extractor, Finding, RawCell, RawTable } from '../../types.js';
import { decode } from '../decode.js';
import { isText } from '../sniff.js';
import { MAX_CELL_LINE, MAX_ROW_CELLS, textRows, type TextCuts } from './rows.js';

function cutFindings(c: TextCuts): Finding[] {
  const out: Finding[] = [];
  if (c.longLines) {
    out.push(
      finding('extract.text_limit', 'warning', `${c.longLines} line(s) longer than ${MAX_CELL_LINE} characters (the longest ${c.longest}, the first at line ${c.firstLongLine}) were read as narrative only, not as table rows: no row of the template is that long.`, {
        actual: c.longest,
        expected: MAX_CELL_LINE,
        place: { line: c.firstLongLine },
      }),
    );
  }
  if (c.droppedCells) {
    out.push(finding('extract.text_limit', 'warning', `${c.droppedCells} cell(s) beyond ${MAX_ROW_CELLS} in one row were dropped: no row of the template has that many.`, { actual: c.droppedCells, expected: MAX_ROW_CELLS }));
  }
  return out;
}

export const textExtractor: Extractor = {
  format: 'text',
  version: 'text-1',
  sniff: (buf) => isText(buf),
  async extract({ buffer }) {
    const decoded = decode(buffer);
    const { rows, narrative, cuts } = textRows(decoded.value.text);
    const cells: RawCell[] = [];
    rows.forEach((r, row) =>
      r.cells.forEach((text, col) => cells.push({ text, row, col, rowSpan: 1, colSpan: 1, prov: { table: 0, row, col, line: r.line } })),
    );
    const table: RawTable = { index: 0, nRows: rows.length, nCols: Math.max(0, ...rows.map((r) => r.cells.length)), cells };
    // Plain text marks no title: the normalizer finds it in the opening lines.
    return result({ format: 'text' as const, tables: cells.length ? [table] : [], text: narrative.join('\n') }, [...decoded.findings, ...cutFindings(cuts)]);
  },
};
