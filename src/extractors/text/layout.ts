// `pdftotext -layout` text: a table row is a line, its label then its numbers
// set apart by runs of spaces. Rows are rebuilt as in a stream (a label after
// numbers starts a row), with what the layout adds:
//  - a row whose numbers pdftotext put on two lines around its wrapped label
//    ("本机关不掌握相关政府信 31 0" / "1." / "息   0   0   0   0   31") is joined
//    when the two parts make exactly a full row of the table around it and the
//    second part stands under that row's last columns, or when the joined row
//    adds up (its total the sum of its parts) and the second part alone does
//    not: its columns are counted, so the row says `inferred`;
//  - zeros glued together by narrow columns ("000") are a "0" a cell, counted;
//  - a list number alone ("2.", "5.") is part of a label, not a value;
//  - a numbered label alone on its line ("7.属于行政执法案卷") before a line
//    with its own numbered label and numbers is a row of its own (a row left
//    blank), not the first part of the next row's label.
// Columns are character positions, which pdftotext shifts from block to block
// (Chinese text is wider than its one column), so positions are compared only
// with a nearby line that holds a full row, or (table 三's blank cells,
// layout-columns.ts) with its header or full rows on the same page.
import { placeUnderHeaders } from './layout-columns.js';
import { MAX_CELL_LINE, MAX_ROW_CELLS, PAGE_NUMBER, type TextCuts, type TextRow } from './rows.js';
import { INVISIBLE, isCellValue } from './values.js';

const UNIT = /^(?:万元|亿元|元)$/;
const UNIT_SPACED = /^[0-9０-９][0-9０-９,，.．]*\s+(?:万元|亿元|元)$/;
const LIST_NUMBER = /^[0-9０-９]{1,2}[.．、]$/;
const GLUED_ZEROS = /^0{2,3}$/;
/** A cell that held only a no-break or zero-width space (pandoc and pdftotext keep them): a blank cell, not a gap. */
const BLANK_CELL = /^[\u00a0\u200b-\u200d\u2060\ufeff]+$/;
/** A label that starts with its item number: "7.属于…", "3.   危及…" (not a group heading such as "（三）不予公开"). */
const NUMBERED = /^[0-9０-９]{1,2}[.．、]/;
/** How far (in lines) a full row is looked for around a split one. */
const NEAR = 20;
const ITEM_NUMBERS = /(?:^|\s)[0-9０-９]{1,2}[.．、]/g;
/** The fewest columns of a row whose sum may say that its two parts belong together. */
const MIN_SUM_WIDTH = 5;
/** Label-only lines that may stand between the two parts of a split row. */
const MAX_BETWEEN = 2;

interface Value {
  text: string;
  start: number;
  end: number;
  line: number;
}

interface Line {
  n: number;
  label: string;
  values: Value[];
  /** Every token of the line, with its columns. */
  tokens?: Value[];
  /** Label pieces put before the label (list numbers of a split row). */
  before?: string[];
  /** Parts joined from other lines: their columns are counted. */
  joined?: boolean;
}

function parse(raw: string, n: number): Line {
  const tokens: Value[] = [];
  // A no-break or zero-width space standing alone is a cell whose HTML held only that ("&nbsp;", "&#8203;"): a blank cell.
  for (const m of raw.matchAll(/(?:[^\s]|\u00a0)+/g)) tokens.push({ text: BLANK_CELL.test(m[0]) ? '' : m[0], start: m.index, end: m.index + m[0].length, line: n });
  // A unit set apart from its number ("251000   元": another font) stays with it, verbatim.
  const last = tokens[tokens.length - 1];
  const before = tokens[tokens.length - 2];
  if (last && before && UNIT.test(last.text) && /^[0-9０-９][0-9０-９,，.．]*$/.test(before.text)) {
    tokens.splice(-2, 2, { text: raw.slice(before.start, last.end), start: before.start, end: last.end, line: n });
  }
  const all = [...tokens];
  let k = tokens.length;
  // A number glued to a zero-width space ("\u200b821") is a number; its text stays verbatim.
  while (k > 0 && (isCellValue(tokens[k - 1]!.text.replace(INVISIBLE, '')) || tokens[k - 1]!.text === '' || k === tokens.length && UNIT_SPACED.test(tokens[k - 1]!.text)) && !LIST_NUMBER.test(tokens[k - 1]!.text)) k--;
  // Zeros of narrow cells printed without a space between them ("0   0   000 0 0"): no report writes a
  // count as "000", so it is one "0" a cell; the cells are counted, so the row says `inferred`.
  const values = tokens.slice(k).flatMap((t) => (GLUED_ZEROS.test(t.text) ? [...t.text].map((z, i) => ({ text: z, start: t.start + i, end: t.start + i + 1, line: n })) : [t]));
  // Cells counted apart (glued zeros split, blank cells marked by a no-break space): the row says `inferred`.
  const counted = values.length > tokens.length - k || values.some((v) => v.text === '');
  return { n, label: tokens.slice(0, k).map((t) => t.text).filter((t) => t !== '').join(' '), values, tokens: all, ...(counted ? { joined: true } : {}) };
}

/** Whether the text is `pdftotext -layout` output: rows of numbers set apart by runs of spaces, and no tabs or bars. */
export function isLayoutText(lines: string[]): boolean {
  let rows = 0;
  for (const raw of lines) {
    if (raw.includes('\t') || raw.includes('|')) return false;
    if (raw.length > MAX_CELL_LINE) continue;
    const { values } = parse(raw, 0);
    if (values.length >= 3 && values.some((v, i) => i > 0 && v.start - values[i - 1]!.end >= 2)) rows++;
  }
  return rows >= 5;
}

const overlaps = (v: Value, c: Value) => v.start <= c.end && c.start <= v.end;

/** Lines near line `at` holding `width` numbers, nearest first, when at least two do (rows of the table around it). */
function fullRowsNear(lines: Line[], at: number, width: number): Line[] {
  const full = lines.slice(Math.max(0, at - NEAR), at + NEAR + 1).filter((l) => l.values.length === width && !l.joined);
  return width >= 3 && full.length >= 2 ? full.sort((a, b) => Math.abs(a.n - lines[at]!.n) - Math.abs(b.n - lines[at]!.n)) : [];
}

/** Whether a row's last number is the sum of the others (a total column), all plain whole numbers. */
function addsUp(values: Value[]): boolean {
  if (values.length < 3 || !values.every((v) => /^[0-9]{1,9}$/.test(v.text))) return false;
  const n = values.map((v) => Number(v.text));
  return n.slice(0, -1).reduce((a, b) => a + b, 0) === n[n.length - 1];
}

/** Joins rows split over two lines (see the head of this file); `lines` holds every line, blank or not, in order. */
function joinSplitRows(lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]!;
    if (a.values.length === 0) continue;
    let j = i + 1;
    while (j < lines.length && j - i - 1 <= MAX_BETWEEN && lines[j]!.values.length === 0 && lines[j]!.label !== '') j++;
    const b = lines[j];
    if (!b || j - i - 1 > MAX_BETWEEN || b.values.length === 0) continue;
    const width = a.values.length + b.values.length;
    // The first part's label is words and item numbers only: another digit there is a cell's text cut by the wrap ("12（其中修订 3" / "件）").
    if (a.label === '' || /[0-9０-９]/.test(a.label.replace(ITEM_NUMBERS, '')) || a.values[a.values.length - 1]!.end >= b.values[0]!.start) continue;
    const full = fullRowsNear(lines, j, width);
    // The second part must stand under the last columns of a full row nearby, one number to a column, or
    // (pdftotext moves columns from line to line) the row must add up only when joined: its last number
    // the sum of the others, which the second part alone is not. Only a wide row (table 三's seven) is
    // judged by its sum: in a row of three, "0" then "0 0" adds up by chance.
    const ref = full.find((r) => b.values.every((v, k) => overlaps(v, r.values[width - b.values.length + k]!)));
    if (!ref && !(full.length && width >= MIN_SUM_WIDTH && addsUp([...a.values, ...b.values]) && !addsUp(b.values))) continue;
    const between = lines.slice(i + 1, j).map((l) => l.label);
    const numbers = between.filter((t) => LIST_NUMBER.test(t));
    const words = between.filter((t) => !LIST_NUMBER.test(t));
    lines[i] = { n: a.n, label: [a.label, ...words, b.label].filter((t) => t !== '').join(' '), before: numbers, values: [...a.values, ...b.values], joined: true };
    for (let k = i + 1; k <= j; k++) lines[k] = { n: lines[k]!.n, label: '', values: [] };
    i = j;
  }
}

const opens = (t: string) => (t.match(/[（(]/g)?.length ?? 0) - (t.match(/[）)]/g)?.length ?? 0);

/**
 * A row's first cell wrapped around the row's line ("12（其中修订 3" / "行政规范性文件   3   87" / "件）"):
 * the pieces above and below stand alone between the label and the row's numbers, the piece above
 * opens a bracket that the piece below closes, together they make one cell with a number, and the
 * row's numbers stand under the last columns of a row nearby that has one column more, whose first
 * column the pieces overlap. The cell is put first in the row, which says `inferred`.
 */
function joinWrappedFirstCells(lines: Line[]): void {
  for (let i = 1; i + 1 < lines.length; i++) {
    const [up, l, down] = [lines[i - 1]!, lines[i]!, lines[i + 1]!];
    if (!l.values.length || !l.label || !l.tokens || !up.tokens?.length || !down.tokens?.length) continue;
    const labelEnd = l.tokens[l.tokens.length - l.values.length - 1]!.end;
    const first = l.values[0]!.start;
    const pieces = [...up.tokens, ...down.tokens];
    if (!pieces.every((t) => t.start > labelEnd && t.end < first)) continue;
    const upText = up.tokens.map((t) => t.text).join('');
    const downText = down.tokens.map((t) => t.text).join('');
    if (opens(upText) <= 0 || opens(upText + downText) !== 0 || !isCellValue(upText + downText)) continue;
    const width = l.values.length + 1;
    const ref = lines
      .slice(Math.max(0, i - NEAR), i + NEAR + 1)
      .filter((r) => r.values.length === width && !r.joined)
      .sort((a, b) => Math.abs(a.n - l.n) - Math.abs(b.n - l.n))
      .find((r) => l.values.every((v, k) => overlaps(v, r.values[k + 1]!)) && pieces.some((t) => overlaps(t, r.values[0]!)));
    if (!ref) continue;
    const start = Math.min(...pieces.map((t) => t.start));
    const cell: Value = { text: `${up.tokens.map((t) => t.text).join(' ')}\n${down.tokens.map((t) => t.text).join(' ')}`, start, end: Math.max(...pieces.map((t) => t.end)), line: up.n };
    lines[i] = { ...l, values: [cell, ...l.values], joined: true };
    lines[i - 1] = { n: up.n, label: '', values: [] };
    lines[i + 1] = { n: down.n, label: '', values: [] };
  }
}

/** Rows of table 三 given fewer numbers than columns get blanks where its header shows no number (layout-columns.ts). */
function spreadOverColumns(lines: Line[], raw: string[]): void {
  // pdftotext ends every page with a form feed. Without one, where a page ends (and its columns with it) is unknown.
  if (!raw.some((r) => r.includes('\f'))) return;
  let page = 0;
  const pages = raw.map((r) => (page += r.split('\f').length - 1));
  const spread = placeUnderHeaders(lines.map((l, i) => ({ tokens: l.tokens ?? [], values: l.values, page: pages[i]!, ...(l.joined ? { joined: true } : {}) })));
  spread.forEach((cells, i) => {
    if (cells) lines[i] = { ...lines[i]!, values: cells.map((c) => ({ ...c, line: lines[i]!.n })) };
  });
}

/** Rows of layout text; every line is also narrative, as in rows.ts. `first` is the 1-based number of the first line. */
export function layoutRows(raw: string[], first = 1): { rows: TextRow[]; narrative: string[]; cuts: TextCuts } {
  const cuts: TextCuts = { longLines: 0, longest: 0, firstLongLine: 0, droppedCells: 0 };
  const narrative: string[] = [];
  const lines: Line[] = raw.map((r, i) => {
    const n = i + first;
    const t = r.trim();
    if (r.length > MAX_CELL_LINE) {
      cuts.longLines++;
      cuts.longest = Math.max(cuts.longest, r.length);
      cuts.firstLongLine ||= n;
    }
    if (t !== '') narrative.push(t);
    return r.length > MAX_CELL_LINE || PAGE_NUMBER.test(t) ? { n, label: '', values: [] } : parse(r, n);
  });
  joinWrappedFirstCells(lines);
  joinSplitRows(lines);
  spreadOverColumns(lines, raw);
  const rows: TextRow[] = [];
  let current: TextRow | undefined;
  let hasValues = false;
  let valueLines = 0;
  const end = () => {
    if (current && current.cells.some((c) => c !== '')) {
      if (valueLines > 1) current.inferred = true;
      rows.push(current);
    }
    current = undefined;
    hasValues = false;
    valueLines = 0;
  };
  for (const l of lines) {
    if (l.label === '' && l.values.length === 0) continue;
    const labels = [...(l.before ?? []), ...(l.label ? [l.label] : [])];
    if (labels.length && hasValues) end();
    // A numbered label alone before a line with its own numbered label and numbers is a row left blank.
    if (current && !hasValues && l.values.length && NUMBERED.test(l.label) && current.cells.some((c) => NUMBERED.test(c))) end();
    const row = (current ??= { cells: [], lines: [], line: l.n });
    const add = (text: string, line: number) => {
      if (row.cells.length >= MAX_ROW_CELLS) return void cuts.droppedCells++;
      row.cells.push(text);
      row.lines.push(line);
    };
    for (const t of labels) add(t, l.n);
    for (const v of l.values) add(v.text, v.line);
    if (l.values.length) {
      hasValues = true;
      valueLines += l.joined ? 2 : 1;
    }
  }
  end();
  return { rows, narrative, cuts };
}
