// Text dumps that give every table cell a paragraph of its own (`lynx -dump` of
// a table too wide to draw): each cell is a line (or a few wrapped lines)
// followed by one blank line, and an empty cell written `<p>&nbsp;</p>` is one
// more blank line. So the blank lines between two cells count the empty cells
// between them, and a row keeps its width where a stream of numbers would lose
// it. Rows are rebuilt as in a stream (a label after numbers starts a row); their
// columns are counted, so every row says `inferred`.
// What lynx 2.9 does with other empty cells (tried cell by cell): a run of bare
// `<td>&nbsp;</td>` cells is one blank line whatever its length, and `<td></td>`
// or `<td><p></p></td>` leaves none, so such a row shows fewer cells than it has
// and is placed by no one (the normalizer wants the full width); table 四 of the
// shanghai pages ("5", two bare &nbsp;, "2", "7", "8", …) stays null: neither
// its header order nor its sums (5 + 2 = 7 fits three places for the 5 and 2)
// settle the columns.
import { MAX_CELL_LINE, MAX_ROW_CELLS, type TextCuts, type TextRow } from './rows.js';
import { INVISIBLE, isCellValue } from './values.js';

/** A row label is short; a longer paragraph is narrative and takes no empty cells. */
const MAX_LABEL = 40;

interface Paragraph {
  text: string;
  /** 1-based line of its first line. */
  line: number;
  /** Blank lines before it. */
  gap: number;
}

function paragraphs(lines: string[], first: number): Paragraph[] {
  const out: Paragraph[] = [];
  let gap = 0;
  let open: Paragraph | undefined;
  lines.forEach((raw, i) => {
    const t = raw.trim();
    if (t === '') {
      open = undefined;
      gap++;
      return;
    }
    if (open) open.text += `\n${t}`;
    else {
      open = { text: t, line: i + first, gap };
      out.push(open);
    }
    gap = 0;
  });
  return out;
}

type Kind = 'value' | 'empty' | 'label';
function kindOf(text: string): Kind {
  const s = text.replace(INVISIBLE, '').trim();
  if (s === '') return 'empty';
  return isCellValue(s) ? 'value' : 'label';
}

/**
 * Whether the text is such a dump: lynx sets cells in by three spaces or more
 * (narrative may start at the margin), and every number stands alone between
 * blank lines; pdftotext's reading order and pasted page copies start their
 * lines at the margin.
 */
export function isCellDump(lines: string[]): boolean {
  let short = 0;
  let indented = 0;
  let values = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.length > MAX_CELL_LINE) return false;
    const t = raw.trim();
    if (t === '' || t.length > MAX_LABEL) continue;
    short++;
    if (raw.startsWith('   ')) indented++;
    if (kindOf(t) !== 'value') continue;
    if (!raw.startsWith('   ') || (lines[i - 1] ?? '').trim() !== '' || (lines[i + 1] ?? '').trim() !== '') return false;
    values++;
  }
  return values >= 10 && indented >= 0.95 * short;
}

/** Rows of such a dump; every paragraph is also narrative, as in rows.ts. */
export function cellDumpRows(lines: string[], first = 1): { rows: TextRow[]; narrative: string[]; cuts: TextCuts } {
  const cuts: TextCuts = { longLines: 0, longest: 0, firstLongLine: 0, droppedCells: 0 };
  const rows: TextRow[] = [];
  const narrative: string[] = [];
  let current: TextRow | undefined;
  let hasValues = false;
  // Whether the row before the one at hand had cells: rows of a table follow each other.
  let inTable = false;
  const end = () => {
    if (current && current.cells.some((c) => c.replace(INVISIBLE, '').trim() !== '')) {
      if (hasValues) current.inferred = true;
      rows.push(current);
    }
    current = undefined;
    hasValues = false;
  };
  const push = (text: string, line: number, kind: Kind) => {
    if (kind === 'label' && hasValues) end();
    current ??= { cells: [], lines: [], line };
    if (current.cells.length >= MAX_ROW_CELLS) cuts.droppedCells++;
    else {
      current.cells.push(text);
      current.lines.push(line);
    }
    if (kind !== 'label') hasValues = true;
  };
  for (const p of paragraphs(lines, first)) {
    const kind = kindOf(p.text);
    // Blank lines beyond the one that ends a cell are empty cells of the row at hand: between its label
    // and a cell, between cells, after its last cell, and after a label with no cell filled when rows of
    // cells stand right before it (a row all blank); none between headings or narrative.
    const inRow = current !== undefined && (hasValues || kind !== 'label' || inTable);
    if (inRow) for (let k = 1; k < p.gap; k++) push('', p.line - p.gap + k, 'empty');
    narrative.push(...p.text.split('\n'));
    if (kind === 'label' && p.text.length > MAX_LABEL) {
      end();
      inTable = false;
    } else {
      if (kind === 'label' && hasValues) inTable = true;
      push(p.text, p.line, kind);
    }
  }
  end();
  return { rows, narrative, cuts };
}
