// Table 三's columns in `pdftotext -layout` text, read off its header. Most
// rows of a table 三 leave cells blank (科研机构, 社会公益组织 … in a ministry's
// report), and layout text prints a blank as nothing: "821 35  2 1 859" gives
// no count that says which column the 2 is. The header does: the seven column
// labels (自然人 … 总计), each wrapped over up to three lines ("商业企" / "业"),
// stand at the character columns of their cells, and on the same page
// pdftotext sets a number at the column of the cell above it.
//
// A row's numbers are placed only when nothing is in doubt, by the best
// evidence of the columns on the row's page:
//  - a full row (seven numbers, blanks marked "/" or "—") sets where each
//    column's numbers stand: a row goes where its numbers come nearest, each
//    within three characters, and no other placement comes within two (full
//    rows that disagree leave the page unplaced). This holds on the pages the
//    table runs on to, before table 四;
//  - without one, on the header's own page only (pdftotext sets each page's
//    columns afresh): every number's centre within one column, from its
//    label's first character to a character before the next label's and
//    within the label's extent, no two numbers in one column, and none under
//    a label beneath which the page's numbers stand in two places (the labels
//    stand off their numbers there);
//  - on a page the table runs on to without a full row, by where the header's
//    page placed each column's numbers, the whole page shifted onto them when
//    one shift fits and no other choice of columns does (layout-pages.ts).
// Otherwise the row is left as it was: its numbers stay unplaced.
// Pure: positions in, positions out.
import { APPS_COLUMNS, APPS_HEADER_WORDS } from '../../template.js';
import { columnsByShift, placedCentres } from './layout-pages.js';
import { centre, choices, type Positioned } from './layout-positions.js';

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
/** How far (characters) a number may stand from its column's centre on its page's full rows, and by how much the placement must beat any other. */
const TOL = 3;
const CLEAR = 2;
/** Numbers' centres this far apart (characters) or more stand in different columns. */
const CLUSTER_GAP = 2;
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
  /** Characters of its widest piece. */
  width: number;
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
    let width = [...text].length;
    let prev = t;
    let bottom = i;
    for (let j = i + 1; j < lines.length && j <= i + WRAP_LINES && acc !== LABELS[col]; j++) {
      if (lines[j]!.page !== lines[i]!.page) break;
      const next = lines[j]!.tokens.find((u) => u.start <= prev.end + WRAP_SHIFT && u.end >= prev.start - WRAP_SHIFT && LABELS[col]!.startsWith(acc + key(u.text)));
      if (!next) break;
      acc += key(next.text);
      width = Math.max(width, [...key(next.text)].length);
      start = Math.min(start, next.start);
      prev = next;
      bottom = j;
    }
    if (acc === LABELS[col]) out.push({ col, start, width, top: i, bottom });
  }
  return out;
}

export interface Header {
  /** Character column where each of the seven columns starts. */
  starts: number[];
  /** Characters of each column label's widest piece. */
  widths: number[];
  /** Index of the header's first and last lines. */
  top: number;
  end: number;
  page: number;
}

/** Table 三 headers: the seven labels, one each, in order left to right, within a few lines on one page. */
export function appsHeaders(lines: LayoutLine[]): Header[] {
  const out: Header[] = [];
  const found = lines.map((_, i) => labelsFrom(lines, i));
  for (let i = 0; i < lines.length; i++) {
    const first = found[i]!.filter((l) => l.col === 0);
    if (first.length !== 1) continue;
    const near: Label[] = [];
    for (let j = Math.max(0, i - BAND); j <= i + BAND && j < lines.length; j++) if (lines[j]!.page === lines[i]!.page) near.push(...found[j]!);
    const byCol = LABELS.map((_, c) => near.filter((l) => l.col === c && !(l.col === 0 && l.top !== i)));
    if (byCol.some((ls) => ls.length !== 1)) continue;
    const labels = byCol.map((ls) => ls[0]!);
    if (labels.some((l, c) => c > 0 && l.start <= labels[c - 1]!.start)) continue;
    out.push({ starts: labels.map((l) => l.start), widths: labels.map((l) => l.width), top: Math.min(...labels.map((l) => l.top)), end: Math.max(...labels.map((l) => l.bottom)), page: lines[i]!.page });
    i = Math.max(...labels.map((l) => l.bottom));
  }
  return out;
}

/** The last column whose label starts at or left of `at` (-1: left of the first). */
function labelLeftOf(at: number, starts: number[]): number {
  let c = -1;
  for (let k = 0; k < starts.length; k++) if (at >= starts[k]!) c = k;
  return c;
}

/**
 * The header column a centre falls in: -1 left of the first label, within a character of the next label, or
 * right of its own label's extent (a number is set under its label, both centred in the cell; a Chinese
 * character is about two columns of layout text wide, though it takes one).
 */
function columnAt(at: number, starts: number[], widths: number[]): number {
  const c = labelLeftOf(at, starts);
  if (c < 0 || (c + 1 < starts.length && at > starts[c + 1]! - MARGIN)) return -1;
  return at <= starts[c]! + 2 * widths[c]! ? c : -1;
}

/**
 * Header columns under which the page's numbers stand in two places or more (runs of centres apart by
 * CLUSTER_GAP or more): the labels stand off their numbers there (gbk: 其他 at 80, numbers at 87 and 91).
 */
export function crowdedColumns(values: Positioned[], starts: number[]): Set<number> {
  const at = values.map(centre).sort((a, b) => a - b);
  const crowded = new Set<number>();
  const seen = new Map<number, number>();
  for (let i = 0, from = 0; i < at.length; i++) {
    if (i + 1 < at.length && at[i + 1]! - at[i]! < CLUSTER_GAP) continue;
    const c = labelLeftOf(at.slice(from, i + 1).reduce((s, x) => s + x, 0) / (i + 1 - from), starts);
    seen.set(c, (seen.get(c) ?? 0) + 1);
    if (seen.get(c)! > 1) crowded.add(c);
    from = i + 1;
  }
  return crowded;
}

/** The column of each number by the header, or undefined when a number falls outside it, in a crowded column, or two share one. */
export function columnsOf(values: Positioned[], starts: number[], widths: number[], crowded = new Set<number>()): number[] | undefined {
  const cols = values.map((v) => columnAt(centre(v), starts, widths));
  if (cols.some((c, i) => c < 0 || crowded.has(c) || (i > 0 && c <= cols[i - 1]!))) return undefined;
  return cols;
}

/** Each column's centre on a page, from its full rows, when they agree (each number within TOL of its column's). */
function fullRowAnchors(rows: Positioned[][]): number[] | undefined {
  const anchors = LABELS.map((_, k) => rows.reduce((s, r) => s + centre(r[k]!), 0) / rows.length);
  if (anchors.some((a, k) => k > 0 && a <= anchors[k - 1]!)) return undefined;
  return rows.every((r) => r.every((v, k) => Math.abs(centre(v) - anchors[k]!) <= TOL)) ? anchors : undefined;
}

/**
 * The columns of a row's numbers by a page's full rows: the placement, in order, that sets the numbers
 * nearest their columns' centres, each within TOL, when no other placement comes within CLEAR of it.
 */
export function columnsByAnchors(values: Positioned[], anchors: number[]): number[] | undefined {
  let best: number[] | undefined;
  let bestCost = Infinity;
  let second = Infinity;
  for (const cols of choices(values.length, anchors.map((_, c) => c))) {
    const cost = cols.reduce((s, c, i) => s + Math.abs(centre(values[i]!) - anchors[c]!), 0);
    if (cost < bestCost) [second, bestCost, best] = [bestCost, cost, cols];
    else if (cost < second) second = cost;
  }
  if (!best || second - bestCost < CLEAR || best.some((c, i) => Math.abs(centre(values[i]!) - anchors[c]!) > TOL)) return undefined;
  return best;
}

/** A line's numbers set in the seven columns, blanks between. */
function spread(values: Positioned[], cols: number[], starts: number[]): Positioned[] {
  const cells: Positioned[] = starts.map((s) => ({ text: '', start: s, end: s }));
  cols.forEach((c, k) => (cells[c] = values[k]!));
  return cells;
}

/**
 * For each line under a table 三 header: its numbers spread over the seven columns, blanks where the
 * header shows none (`undefined` for lines left as they are). On the header's page, the columns are its
 * full rows' (seven numbers) when it has any, else the header's; on the pages the table runs on to, its
 * full rows', else those the header's page placed, shifted (layout-pages.ts).
 */
export function placeUnderHeaders(lines: LayoutLine[]): (Positioned[] | undefined)[] {
  const placed: (Positioned[] | undefined)[] = lines.map(() => undefined);
  const headers = appsHeaders(lines);
  headers.forEach((h, n) => {
    const pages = new Map<number, number[]>([[h.page, []]]);
    for (let i = h.end + 1; i < (headers[n + 1]?.top ?? lines.length); i++) {
      const l = lines[i]!;
      if (l.tokens.some((t) => TABLE_FOUR.test(t.text)) || l.values.length > WIDTH) break;
      if (!l.values.length || l.joined) continue;
      const on = pages.get(l.page);
      if (on) on.push(i);
      else pages.set(l.page, [i]);
    }
    // Where the header's page set each column's numbers, for the pages after it that have no full row.
    let places: (number | undefined)[] = [];
    for (const [page, scope] of pages) {
      const full = scope.filter((i) => lines[i]!.values.length === WIDTH);
      const anchors = full.length ? fullRowAnchors(full.map((i) => lines[i]!.values)) : undefined;
      // Full rows that do not agree leave the page's columns in doubt.
      if (full.length && !anchors) continue;
      const rest = scope.filter((i) => lines[i]!.values.length !== WIDTH);
      if (!anchors && page !== h.page) {
        const cols = columnsByShift(rest.map((i) => lines[i]!.values), places);
        if (cols) rest.forEach((i, k) => (placed[i] = spread(lines[i]!.values, cols[k]!, h.starts)));
        continue;
      }
      const crowded = anchors ? new Set<number>() : crowdedColumns(scope.flatMap((i) => lines[i]!.values), h.starts);
      for (const i of rest) {
        const cols = anchors ? columnsByAnchors(lines[i]!.values, anchors) : columnsOf(lines[i]!.values, h.starts, h.widths, crowded);
        if (cols) placed[i] = spread(lines[i]!.values, cols, h.starts);
      }
      if (page === h.page) places = placedCentres(scope.map((i) => placed[i] ?? lines[i]!.values).filter((r) => r.length === WIDTH), WIDTH);
    }
  });
  return placed;
}
