// Plain-text copies of report pages (see rows.ts for the layouts read).
import { result } from '../../result.js';
import type { Extractor, RawCell, RawTable } from '../../types.js';
import { decode } from '../decode.js';
import { isText } from '../sniff.js';
import { textRows } from './rows.js';

export const textExtractor: Extractor = {
  format: 'text',
  version: 'text-1',
  sniff: (buf) => isText(buf),
  async extract({ buffer }) {
    const decoded = decode(buffer);
    const { rows, narrative } = textRows(decoded.value.text);
    const cells: RawCell[] = [];
    rows.forEach((r, row) =>
      r.cells.forEach((text, col) => cells.push({ text, row, col, rowSpan: 1, colSpan: 1, prov: { table: 0, row, col, line: r.line } })),
    );
    const table: RawTable = { index: 0, nRows: rows.length, nCols: Math.max(0, ...rows.map((r) => r.cells.length)), cells };
    // Plain text marks no title: the normalizer finds it in the opening lines.
    return result({ format: 'text' as const, tables: cells.length ? [table] : [], text: narrative.join('\n') }, decoded.findings);
  },
};
