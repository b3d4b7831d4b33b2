// Table 三's columns in `pdftotext -layout` text, read off its header. Most
// rows of a table 三 leave cells blank (科研机构, 社会公益组织 … in a ministry's
// report), and layout text prints a blank as nothing: "821 35  2 1 859" gives
// no count that says which column the 2 is. The header does: the seven column
// labels (自然人 … 总计), each wrapped over up to three lines ("商业企" / "业"),
// stand at the character columns of their cells, and on the same page
// pdftotext sets a number at the column of the cell above it.
//
// A row's numbers are put in the header's columns only when nothing is in
// doubt: every number's centre falls within one column (from its label's
// first character to a character before the next label's), no two in one column, the header on
// the same page (pdftotext sets each page's columns afresh) with no table 四
// heading between, and every full row (seven numbers) under that header
// falling into the seven columns in order, which shows the columns hold on
// this page. Otherwise the row is left as it was: its numbers stay unplaced.
// Pure: positions in, positions out.
import { APPS_COLUMNS, APPS_HEADER_WORDS } from '../../template.js';

export interface Positioned {
  text: string;
  start: number;
  end: number;
}

export interface LayoutLine {
  /** Every token of the line, with its character columns. */
  tokens: Positioned[];
  /** The numbers that end the line (a row's cells). */
  values: Positioned[];
  /** Pages (form feeds) before this line. */
  page: number;
  /** The row's numbers were joined from several lines: their columns are not this line's. */
  joined?: boolean;
}

const LABELS: string[] = APPS_COLUMNS.map((c) => c.label);
const WIDTH = LABELS.length;
/** Lines a column label may wrap over, and how far (characters) a piece may stand from the one above it. */
const WRAP_LINES = 3;
const WRAP_SHIFT = 3;
/** How far (characters) a number's centre must stand left of the next column's label. */
const MARGIN = 1;
/** Lines around the first label in which the others must stand. */
const BAND = 3;
/** Table 四's heading or header ends table 三. */
const TABLE_FOUR = /行政复议|行政诉讼/;

const key = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
/** The header's group headings (法人或其他组织, 申请人情况), which pdftotext may glue to a column label beside them. */
const GROUPS = [...APPS_HEADER_WORDS].filter((w) => !LABELS.includes(w));

/** A token's text as the start of a column label: "科研机构法人或其他组织" (glued to a group heading) is 科研机构. */
function labelText(token: string): string {
  const text = key(token);
  const glued = LABELS.find((l) => text.startsWith(l) && GROUPS.includes(text.slice(l.length)));
  return glued ?? text;
}

interface Label {
  col: number;
  start: number;
  top: number;
  bottom: number;
}

/** Column labels that start on line `i`, each completed from pieces on the lines below. */
function labelsFrom(lines: LayoutLine[], i: number): Label[] {
  const out: Label[] = [];
  for (const t of lines[i]!.tokens) {
    const text = labelText(t.text);
    const col = LABELS.findIndex((l) => l.startsWith(text));
    if (col < 0 || text === '') continue;
    let acc = text;
    let start = t.start;
    let prev = t;
    let bottom = i;
    for (let j = i + 1; j < lines.length && j <= i + WRAP_LINES && acc !== LABELS[col]; j++) {
      if (lines[j]!.page !== lines[i]!.page) break;
      const next = lines[j]!.tokens.find((u) => u.start <= prev.end + WRAP_SHIFT && u.end >= prev.start - WRAP_SHIFT && LABELS[col]!.startsWith(acc + key(u.text)));
      if (!next) break;
      acc += key(next.text);
      start = Math.min(start, next.start);
      prev = next;
      bottom = j;
    }
    if (acc === LABELS[col]) out.push({ col, start, top: i, bottom });
  }
  return out;
}

export interface Header {
  /** Character column where each of the seven columns starts. */
  starts: number[];
  /** Index of the header's last line. */
  end: number;
  page: number;
}

/** Table 三 headers: the seven labels, one each, in order left to right, within a few lines on one page. */
export function appsHeaders(lines: LayoutLine[]): Header[] {
  const out: Header[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = labelsFrom(lines, i).filter((l) => l.col === 0);
    if (first.length !== 1) continue;
    const near: Label[] = [];
    for (let j = Math.max(0, i - BAND); j <= i + BAND && j < lines.length; j++) if (lines[j]!.page === lines[i]!.page) near.push(...labelsFrom(lines, j));
    const byCol = LABELS.map((_, c) => near.filter((l) => l.col === c && !(l.col === 0 && l.top !== i)));
    if (byCol.some((ls) => ls.length !== 1)) continue;
    const labels = byCol.map((ls) => ls[0]!);
    if (labels.some((l, c) => c > 0 && l.start <= labels[c - 1]!.start)) continue;
    out.push({ starts: labels.map((l) => l.start), end: Math.max(...labels.map((l) => l.bottom)), page: lines[i]!.page });
    i = Math.max(...labels.map((l) => l.bottom));
  }
  return out;
}

/** The column of each number by the header, or undefined when a number falls outside it or two share one. */
export function columnsOf(values: Positioned[], starts: number[]): number[] | undefined {
  const cols = values.map((v) => {
    const centre = (v.start + v.end - 1) / 2;
    let c = -1;
    for (let k = 0; k < starts.length; k++) if (centre >= starts[k]!) c = k;
    // A centre within a character of the next label's start is as near that column as its own.
    return c + 1 < starts.length && centre > starts[c + 1]! - MARGIN ? -1 : c;
  });
  if (cols.some((c, i) => c < 0 || (i > 0 && c <= cols[i - 1]!))) return undefined;
  return cols;
}

/**
 * For each line under a table 三 header: its numbers spread over the seven columns, blanks where the
 * header shows none (`undefined` for lines left as they are).
 */
export function placeUnderHeaders(lines: LayoutLine[]): (Positioned[] | undefined)[] {
  const placed: (Positioned[] | undefined)[] = lines.map(() => undefined);
  for (const h of appsHeaders(lines)) {
    const scope: number[] = [];
    for (let i = h.end + 1; i < lines.length && lines[i]!.page === h.page; i++) {
      const l = lines[i]!;
      if (l.tokens.some((t) => TABLE_FOUR.test(t.text)) || l.values.length > WIDTH) break;
      if (l.values.length && !l.joined) scope.push(i);
    }
    // Every full row must fall into the columns in order: else the header's columns do not hold on this page.
    const full = scope.filter((i) => lines[i]!.values.length === WIDTH);
    if (full.some((i) => columnsOf(lines[i]!.values, h.starts)?.every((c, k) => c === k) !== true)) continue;
    for (const i of scope) {
      const l = lines[i]!;
      if (l.values.length === WIDTH) continue;
      const cols = columnsOf(l.values, h.starts);
      if (!cols) continue;
      const cells: Positioned[] = h.starts.map((s) => ({ text: '', start: s, end: s }));
      cols.forEach((c, k) => (cells[c] = l.values[k]!));
      placed[i] = cells;
    }
  }
  return placed;
}
