// A page laid out with a table (navigation in one column, the report in the
// other), as `pandoc -t plain` and `w3m` draw a government page: the report's
// own tables are drawn inside one of its cells. Such an outer grid is no table
// of the report: its cells are handed back as text of their own, to be read
// like any text (their drawn tables included), in reading order.
import { columns } from './index.js';

/** A whole drawn rule inside a cell, set off from its border by a space: a table drawn within the cell. */
const NESTED = /^ +(?:[+┌├└┏┣┗╔╠╚][-─━═=]{2,}[-─━═=+┬┼┴┳╋┻╦╬╩]*[+┐┤┘┓┫┛╗╣╝]|-{2,}(?: +-{2,})+) *$/;
const OUTER_RULE = /^[+┌├└┏┣┗╔╠╚][-─━═=+┬┼┴┳╋┻╦╬╩┐┤┘┓┫┛╗╣╝]*$/;
const JOINTS = new Set('+┬┼┴┳╋┻╦╬╩┌├└┏┣┗╔╠╚┐┤┘┓┫┛╗╣╝');

export interface LayoutCell {
  /** The cell's text lines, cut out of the drawing at its column's borders. */
  lines: string[];
  /** 0-based index, in the block, of the cell's first line. */
  offset: number;
}

/**
 * The cells of an outer layout grid, row band by row band and left to right, when one of them holds a
 * drawn table of its own; undefined for an ordinary grid (read as a table).
 */
export function layoutCells(block: string[]): LayoutCell[] | undefined {
  const top = block[0]!.trimEnd();
  if (!OUTER_RULE.test(top)) return undefined;
  const joints: number[] = [];
  columns(top).forEach((ch, i) => {
    if (JOINTS.has(ch)) joints.push(i);
  });
  if (joints.length < 2) return undefined;
  const cells: LayoutCell[] = [];
  let nested = false;
  let band: string[][] = joints.slice(1).map(() => []);
  let bandStart = 1;
  const flush = () => {
    band.forEach((lines) => {
      if (lines.some((l) => l.trim())) cells.push({ lines, offset: bandStart });
    });
    band = joints.slice(1).map(() => []);
  };
  for (let r = 1; r < block.length; r++) {
    const line = block[r]!.trimEnd();
    // A rule across the whole drawing ends a row band of the outer grid.
    if (OUTER_RULE.test(line) && columns(line).length >= joints[joints.length - 1]!) {
      flush();
      bandStart = r + 1;
      continue;
    }
    const cols = columns(block[r]!);
    for (let j = 0; j + 1 < joints.length; j++) {
      const text = cols.slice(joints[j]! + 1, joints[j + 1]!).join('');
      // pandoc pads a cell with one space after its border: the cell's own text starts after it.
      const inner = text.startsWith(' ') ? text.slice(1) : text;
      if (NESTED.test(text)) nested = true;
      band[j]!.push(inner);
    }
  }
  flush();
  return nested ? cells : undefined;
}
