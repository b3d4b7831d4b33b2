// Plain-text copies of report pages (see rows.ts for the layouts read); tables
// drawn with box or ASCII characters are read as grids by ../boxgrid.
import { finding, result } from '../../result.js';
import type { Extractor, Finding, RawCell, RawTable } from '../../types.js';
import { findGridBlocks, readGrid } from '../boxgrid/index.js';
import { layoutCells } from '../boxgrid/layout.js';
import { findRuledBlocks, readRuled } from '../boxgrid/ruled.js';
import { decode } from '../decode.js';
import { isText } from '../sniff.js';
import { isLayoutText, layoutRows } from './layout.js';
import { cellDumpRows, isCellDump } from './lynx.js';
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
  version: 'text-3',
  sniff: (buf) => isText(buf),
  async extract({ buffer }) {
    const decoded = decode(buffer);
    const lines = decoded.value.text.replace(/\r\n?/g, '\n').split('\n');
    const tables: RawTable[] = [];
    const narrative: string[] = [];
    const cuts: TextCuts = { longLines: 0, longest: 0, firstLongLine: 0, droppedCells: 0 };
    // Lines between drawn tables are read as rows of cells; each drawn table is a table of its own, in document order.
    type Reader = typeof textRows;
    const readerOf = (text: string[]): Reader => (isCellDump(text) ? cellDumpRows : isLayoutText(text) ? layoutRows : textRows);
    const readRows = (source: string[], from: number, to: number, first: number, reader?: Reader) => {
      const slice = source.slice(from, to);
      const read = reader ?? readerOf(slice);
      const part = read(slice, first + from);
      narrative.push(...part.narrative);
      cuts.longLines += part.cuts.longLines;
      cuts.longest = Math.max(cuts.longest, part.cuts.longest);
      cuts.firstLongLine ||= part.cuts.firstLongLine;
      cuts.droppedCells += part.cuts.droppedCells;
      const cells: RawCell[] = [];
      const index = tables.length;
      part.rows.forEach((r, row) =>
        r.cells.forEach((text, col) => cells.push({ text, row, col, rowSpan: 1, colSpan: 1, prov: { table: index, row, col, line: r.lines[col] ?? r.line, ...(r.inferred ? { inferred: true as const } : {}) } })),
      );
      const readingOrder = read === textRows && part.rows.some((r) => r.inferred) ? { readingOrder: true as const } : {};
      if (cells.length) tables.push({ index, nRows: part.rows.length, nCols: Math.max(0, ...part.rows.map((r) => r.cells.length)), cells, ...readingOrder });
    };
    // `first` is the 1-based line of part[0]. A page laid out in a drawn grid has its cells read as text of their own,
    // each stretch between their drawn tables in its own layout (`reader` undefined): a table that pandoc reflowed
    // into a cell of the page keeps each row's cells on a line of their own, which layout text reads.
    const readPart = (part: string[], first: number, reader?: Reader) => {
      const drawn = [...findGridBlocks(part).map((b) => ({ ...b, read: readGrid })), ...findRuledBlocks(part).map((b) => ({ ...b, read: readRuled }))].sort((a, b) => a.start - b.start);
      let next = 0;
      for (const b of drawn) {
        if (b.start < next) continue;
        readRows(part, next, b.start, first, reader);
        const block = part.slice(b.start, b.end + 1);
        const layout = b.read === readGrid ? layoutCells(block) : undefined;
        if (layout) for (const cell of layout) readPart(cell.lines, first + b.start + cell.offset);
        else tables.push(b.read(block, tables.length, first + b.start));
        next = b.end + 1;
      }
      readRows(part, next, part.length, first, reader);
    };
    readPart(lines, 1, readerOf(lines));
    // Plain text marks no title: the normalizer finds it in the opening lines.
    return result({ format: 'text' as const, tables, text: narrative.join('\n') }, [...decoded.findings, ...cutFindings(cuts)]);
  },
};
