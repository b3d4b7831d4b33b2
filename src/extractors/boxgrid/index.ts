// Tables drawn with characters in text: box-drawing (`│ ─ ┼ ├ ┤ ┬ ┴ ┌ ┐ └ ┘`,
// heavy and double forms), as `w3m -dump` and many converters write them, and
// ASCII grids (`+----+`, `|`), as `pandoc -t plain` writes them. The drawing is
// read as a picture: each area enclosed by borders is one cell, so a cell whose
// border is missing spans its neighbours, and a cell's row and column are the
// borders around it (evidence, never a count). Columns are display columns: a
// CJK character takes two, as the dumping tool laid it out.
import type { RawCell, RawTable } from '../../types.js';

const VERTICAL = new Set('│┃║|╎╏┆┇┊┋');
const JUNCTION = new Set('┼├┤┬┴┌┐└┘╋┣┫┳┻┏┓┗┛╬╠╣╦╩╔╗╚╝╂╀╁┿┠┨┯┷┝┥┰┸╞╡╤╧╪╟╢╥╨╫╒╓╕╖╘╙╛╜+');
const HORIZONTAL = new Set('─━═-=╌╍┄┅┈┉');
/** A line that starts a drawn table row or rule. */
const GRID_LINE = /^\s*[│┃║|┌├└┏┣┗╔╠╚╒╓╞╟╘╙+]/;
const RULE_ONLY = /^[\s─━═\-=╌╍┄┅┈┉┼├┤┬┴┌┐└┘╋┣┫┳┻┏┓┗┛╬╠╣╦╩╔╗╚╝╂╀╁┿┠┨┯┷┝┥┰┸╞╡╤╧╪╟╢╥╨╫╒╓╕╖╘╙╛╜+│┃║|:]+$/;

/** Display width of a character as text dumps lay it out (East Asian wide and full-width take two). */
export function charWidth(code: number): number {
  if (code < 0x1100) return 1;
  if (
    code <= 0x115f ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** A line as display columns: the character at each column ('' for the second half of a wide one). */
export function columns(line: string): string[] {
  const out: string[] = [];
  for (const ch of line) {
    out.push(ch);
    if (charWidth(ch.codePointAt(0)!) === 2) out.push('');
  }
  return out;
}

export interface GridBlock {
  /** 0-based index of the block's first and last line in the text. */
  start: number;
  end: number;
}

/** Runs of lines that draw a table: a rule line on top and at the bottom, borders on each line between. */
export function findGridBlocks(lines: string[]): GridBlock[] {
  const blocks: GridBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!GRID_LINE.test(lines[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < lines.length && GRID_LINE.test(lines[j + 1]!)) j++;
    const block = lines.slice(i, j + 1);
    const isRule = (l: string) => RULE_ONLY.test(l.trim()) && /[─━═\-=]{3}/.test(l);
    // A drawing is closed above and below; a Markdown table (rows of "|" with one "|---|" rule under its header) is not, and is read as rows.
    if (block.length >= 3 && isRule(block[0]!) && isRule(block[block.length - 1]!)) blocks.push({ start: i, end: j });
    i = j + 1;
  }
  return blocks;
}

/**
 * Reads one drawn table. `first` is the 1-based line of the block's first line
 * (the cells' provenance). Linear in the block's area: each position is visited
 * once by the flood fill.
 */
export function readGrid(blockLines: string[], index: number, first: number): RawTable {
  const grid = blockLines.map(columns);
  const height = grid.length;
  const width = Math.max(...grid.map((r) => r.length));
  const at = (r: number, c: number) => grid[r]![c] ?? ' ';
  // A horizontal character is a border only inside a run of at least two border characters (a lone "-" is a cell's text).
  const wall = new Uint8Array(height * width);
  for (let r = 0; r < height; r++) {
    const row = grid[r]!;
    let runStart = -1;
    for (let c = 0; c <= width; c++) {
      const ch = row[c] ?? ' ';
      const border = HORIZONTAL.has(ch) || JUNCTION.has(ch);
      if (border && runStart < 0) runStart = c;
      if (!border && runStart >= 0) {
        if (c - runStart >= 2) for (let k = runStart; k < c; k++) wall[r * width + k] = 1;
        runStart = -1;
      }
      if (c < width && (VERTICAL.has(ch) || JUNCTION.has(ch))) wall[r * width + c] = 1;
    }
  }
  // Column borders: display columns holding a vertical border on some line; row borders: lines holding a horizontal run.
  const xBorders = new Set<number>();
  const yBorders: number[] = [];
  for (let r = 0; r < height; r++) {
    let horizontal = false;
    for (let c = 0; c < width; c++) {
      const ch = at(r, c);
      if (wall[r * width + c] && (VERTICAL.has(ch) || JUNCTION.has(ch))) xBorders.add(c);
      if (wall[r * width + c] && HORIZONTAL.has(ch)) horizontal = true;
    }
    if (horizontal) yBorders.push(r);
  }
  const xs = [...xBorders].sort((a, b) => a - b);
  const count = (sorted: number[], below: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < below) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const seen = new Uint8Array(height * width);
  const cells: RawCell[] = [];
  let nRows = 0;
  let nCols = 0;
  for (let r0 = 0; r0 < height; r0++) {
    for (let c0 = 0; c0 < width; c0++) {
      const k0 = r0 * width + c0;
      if (wall[k0] || seen[k0]) continue;
      // Flood fill one enclosed area.
      const stack = [k0];
      seen[k0] = 1;
      let rMin = r0, rMax = r0, cMin = c0, cMax = c0;
      const members: number[] = [];
      while (stack.length) {
        const k = stack.pop()!;
        members.push(k);
        const r = (k / width) | 0;
        const c = k % width;
        rMin = Math.min(rMin, r); rMax = Math.max(rMax, r); cMin = Math.min(cMin, c); cMax = Math.max(cMax, c);
        for (const n of [c > 0 ? k - 1 : -1, c + 1 < width ? k + 1 : -1, r > 0 ? k - width : -1, r + 1 < height ? k + width : -1]) {
          if (n >= 0 && !wall[n] && !seen[n]) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
      // Areas outside the drawing (left of its first border, right of its last) are no cells.
      if (xs.length < 2 || cMin < xs[0]! || cMax > xs[xs.length - 1]!) continue;
      const col = count(xs, cMin) - 1;
      const colSpan = 1 + count(xs, cMax + 1) - count(xs, cMin);
      const row = count(yBorders, rMin) - (yBorders[0] === 0 ? 1 : 0);
      const rowSpan = 1 + count(yBorders, rMax + 1) - count(yBorders, rMin);
      members.sort((a, b) => a - b);
      const text: string[] = [];
      let line = -1;
      let buf = '';
      for (const k of members) {
        const r = (k / width) | 0;
        if (r !== line) {
          if (buf.trim()) text.push(buf.trim());
          buf = '';
          line = r;
        }
        buf += grid[r]![k % width] ?? '';
      }
      if (buf.trim()) text.push(buf.trim());
      const r = Math.max(0, row);
      cells.push({ text: text.join('\n'), row: r, col, rowSpan, colSpan, prov: { table: index, row: r, col, line: first + rMin } });
      nRows = Math.max(nRows, r + rowSpan);
      nCols = Math.max(nCols, col + colSpan);
    }
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { index, nRows, nCols, cells };
}
