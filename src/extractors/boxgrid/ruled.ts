// Tables set in columns under a ruler of dashes, as `pandoc -t plain` writes
// its simple and multi-line tables:
//     -------- ----- -----
//     规章     1     0
//     -------- ----- -----
// The ruler's dash runs are the columns; each character of a row line belongs
// to the column its display position falls in (evidence, never a count).
import type { RawCell, RawTable } from '../../types.js';
import { charWidth, type GridBlock } from './index.js';

const RULER = /^\s*-{2,}(?: +-{2,})+\s*$/;

/** Runs between two ruler lines of the same shape (at most `maxLines` apart). */
export function findRuledBlocks(lines: string[], maxLines = 400): GridBlock[] {
  const blocks: GridBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!RULER.test(lines[i]!)) continue;
    const ruler = lines[i]!.trimEnd();
    for (let j = i + 1; j < lines.length && j <= i + maxLines; j++) {
      if (!RULER.test(lines[j]!)) continue;
      if (lines[j]!.trimEnd() === ruler) {
        blocks.push({ start: i, end: j });
        i = j;
      }
      break;
    }
  }
  return blocks;
}

/** Display columns where each dash run of the ruler starts. */
function columnStarts(ruler: string): number[] {
  const starts: number[] = [];
  let col = 0;
  let prev = ' ';
  for (const ch of ruler) {
    if (ch === '-' && prev !== '-') starts.push(col);
    col += charWidth(ch.codePointAt(0)!);
    prev = ch;
  }
  return starts;
}

export function readRuled(blockLines: string[], index: number, first: number): RawTable {
  const starts = columnStarts(blockLines[0]!);
  const cells: RawCell[] = [];
  let row = 0;
  for (let i = 1; i < blockLines.length - 1; i++) {
    const line = blockLines[i]!;
    if (!line.trim()) continue;
    const texts = starts.map(() => '');
    let col = 0;
    let k = 0;
    for (const ch of line) {
      while (k + 1 < starts.length && col >= starts[k + 1]!) k++;
      texts[k] += ch;
      col += charWidth(ch.codePointAt(0)!);
    }
    // A row without a digit is a header: its text stands over the empty columns after it (pandoc writes
    // a spanning header cell once, in its first column). In a row with numbers an empty cell is a blank.
    const header = !/[0-9０-９]/.test(line);
    texts.forEach((t, c) => {
      const text = t.trim();
      const last = cells[cells.length - 1];
      if (header && text === '' && last && last.row === row && last.text !== '') {
        last.colSpan++;
        return;
      }
      cells.push({ text, row, col: c, rowSpan: 1, colSpan: 1, prov: { table: index, row, col: c, line: first + i } });
    });
    row++;
  }
  return { index, nRows: row, nCols: starts.length, cells };
}
