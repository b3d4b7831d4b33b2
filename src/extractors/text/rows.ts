// Plain-text copies of report pages → rows of cells. Three layouts are seen:
//  - a copy of an HTML page: a row is a block between blank lines and each cell
//    starts with a tab on its own line (lines without the tab continue the cell);
//  - tab- or `|`-separated rows (a copy of a table, Markdown);
//  - a PDF's raw text: a label then numbers separated by spaces.
// Cells keep their text verbatim; the table is rebuilt by the normalizers from
// the template's known row and column order.

export interface TextRow {
  cells: string[];
  /** 1-based line where the row starts. */
  line: number;
}

const NUMBERISH = /^[+\-−]?[0-9０-９][0-9０-９,，.．]*(万元|亿元|元|件|条|个|项)?$|^[/／\-—–－无]$/;

/** Splits a space-separated line into its label and the numbers that end it. */
function splitSpaced(line: string): string[] {
  const tokens = line.trim().split(/\s+/);
  let k = tokens.length;
  while (k > 0 && NUMBERISH.test(tokens[k - 1]!)) k--;
  if (k === tokens.length) return [line.trim()];
  const label = tokens.slice(0, k).join(' ');
  return label ? [label, ...tokens.slice(k)] : tokens.slice(k);
}

function splitPipes(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|')) s = s.slice(0, -1);
  return s.split('|').map((c) => c.trim());
}

const MD_RULE = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

export function textRows(text: string): { rows: TextRow[]; narrative: string[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const rows: TextRow[] = [];
  const narrative: string[] = [];
  // A bare "|" line ends a row of one-cell-per-line pipe text.
  const bareBars = lines.filter((l) => l.trim() === '|').length;
  let block: TextRow | undefined;
  let pipeRow: TextRow | undefined;
  const endBlock = () => {
    if (block && block.cells.length) rows.push(block);
    block = undefined;
  };
  const endPipeRow = () => {
    if (pipeRow && pipeRow.cells.some((c) => c !== '')) rows.push(pipeRow);
    pipeRow = undefined;
  };
  lines.forEach((raw, i) => {
    const n = i + 1;
    if (raw.startsWith('\t')) {
      block ??= { cells: [], line: n };
      block.cells.push(raw.slice(1).trim());
      return;
    }
    if (raw.trim() === '') {
      endBlock();
      return;
    }
    if (block) {
      // A line without the leading tab continues the cell above it.
      const last = block.cells.length - 1;
      block.cells[last] = `${block.cells[last]}\n${raw.trim()}`;
      return;
    }
    if (bareBars > 2 && raw.includes('|')) {
      if (raw.trim() === '|') {
        endPipeRow();
        return;
      }
      pipeRow ??= { cells: [], line: n };
      pipeRow.cells.push(...splitPipes(raw).filter((c, k) => k === 0 || c !== ''));
      return;
    }
    if (MD_RULE.test(raw.trim())) return;
    if (raw.includes('|')) {
      rows.push({ cells: splitPipes(raw), line: n });
      return;
    }
    if (raw.includes('\t')) {
      rows.push({ cells: raw.split('\t').map((c) => c.trim()), line: n });
      return;
    }
    narrative.push(raw.trim());
    rows.push({ cells: splitSpaced(raw), line: n });
  });
  endBlock();
  endPipeRow();
  return { rows, narrative };
}
