// Tables 三 and 四 of a reading-order text (a PDF's text without its layout:
// rows lost their lines, labels of merged cells stand where they please)
// placed by the template's own arithmetic. Table 三's numbers are those between
// its heading and table 四's, in template order; placement-read.ts reads them
// as rows that add up, in every way a reading order gives a block of rows, and
// keeps a row only when every reading agrees on it. Up to two rows of the
// source left blank give no number at all: which ones is told by the
// arithmetic, then by the labels found (before their row's numbers, or after
// them, the same way throughout a text); elsewhere labels are not used, being
// the least certain thing in such a text. A report whose own arithmetic is
// wrong has no reading whose columns all add up: its rows are read when the
// readings whose columns fail only where a slip shows (a count and its row's
// 总计) agree on them; the checks then name the sums that fail on the counted
// values without accusing the report. A row no reading adds up loses its
// values; it never gets a neighbour's.
// Table 四: exactly fifteen numbers after its own heading, read by its
// arithmetic in the order the text gives them (placement-review.ts).
// Pure: rows in, rows out; every placed cell says `inferred`.
import { finding } from '../result.js';
import { matchAppsRow } from './apps.js';
import type { Finding, RawCell } from '../types.js';
import type { LogicalRow } from './grid.js';
import { simplifiedKey } from './labels.js';
import { parseNumber } from './numbers.js';
import { HEADER_IN_ORDER, REVIEW_WIDTH } from './review.js';
import { isValueLike, labelKeys } from './row-parts.js';
import { spliceRows } from './placement.js';
import { readAppsNumbers, type Anchor } from './placement-read.js';
import { readReviewPieces, reviewHeadingAt } from './placement-review.js';
import { APPS_HEADING, LIST_NUMBER, placeOfCell } from './placement-tokens.js';
import { APPS_COLUMNS, APPS_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, type AppsRow } from '../template.js';

/** Where table 三's numbers end: the first mention of 行政复议 after its heading (table 四's own heading is looked for from there). */
const REVIEW_START = /行政复议/;

interface Token {
  cell: RawCell;
  /** Index of its logical row. */
  row: number;
  number: boolean;
  /** The text's cell this one was cut from (zeros glued by narrow columns, "000"). */
  from?: RawCell;
}

/** A count written in words ("六件"): a cell of the table that is no number, so its row cannot add up. */
const WORD_COUNT = /^[零〇一二两三四五六七八九十百千万]+[件个项条]$/;
const isNumber = (c: RawCell) => {
  const t = c.text.trim();
  return (t !== '' && !LIST_NUMBER.test(t) && isValueLike(c) && parseNumber(t).kind !== 'invalid') || WORD_COUNT.test(t);
};
const GLUED_ZEROS = /^0{2,}$/;
const WIDTH = APPS_COLUMNS.length;
/** Row labels of table 三 found in its part of the text for it to be there (its heading alone may be the narrative's). */
const MIN_LABELS = 3;
/** Words of table 四's column headers (结果维持, 结果纠正, 其他结果, 尚未审结, 总计), whole or cut. */
const REVIEW_COLUMN_WORD = /结果|维持|纠正|尚未|审结|总计/;
/** The report's next section (五、存在的主要问题…): table 四's column words are looked for before it, never in its prose. */
const NEXT_SECTION = /^\s*[五六][、.．]/;
const place = (cell: RawCell): RawCell => ({ ...cell, prov: { ...cell.prov, inferred: true } });
const labelCell = (text: string, near: RawCell): RawCell => ({ ...near, text, prov: { ...near.prov, inferred: true } });

function appsVersion(tokens: Token[]): '2019' | '2021' {
  // Sub-rows of （六）其他处理 are the 2021 template's: a reading-order text keeps every label's words, if not their place.
  const text = tokens.filter((t) => !t.number).map((t) => simplifiedKey(t.cell.text)).join('');
  return /逾期不补正|收费通知/.test(text) ? '2021' : '2019';
}

/** The row labels of table 三 found in its part of the stream, each named once, with the numbers before it. */
function anchorsOf(tokens: Token[], template: AppsRow[]): Anchor[] {
  const found: Anchor[] = [];
  let numbers = 0;
  tokens.forEach((t, i) => {
    if (t.number) {
      numbers++;
      return;
    }
    const m = matchAppsRow(labelKeys([t.cell]));
    const row = m && m.score >= 0.9 ? template.indexOf(m.template) : -1;
    if (row < 0) return;
    // A number right after the label on the label's own line is the cell beside it: its row's first.
    const next = tokens[i + 1];
    const pinned = next?.number === true && next.cell.prov.line !== undefined && next.cell.prov.line === t.cell.prov.line;
    found.push({ row, at: numbers, ...(pinned ? { pinned } : {}) });
  });
  const times = new Map<number, number>();
  for (const a of found) times.set(a.row, (times.get(a.row) ?? 0) + 1);
  return found.filter((a) => times.get(a.row) === 1);
}

export interface ArithPlacement {
  rows: LogicalRow[];
  findings: Finding[];
  /** The rows it placed (later passes leave them as they are). */
  placed: Set<LogicalRow>;
  /** Table 三 was found and read here, even if none of its rows could be placed (they are null with a finding). */
  appsRead: boolean;
  /** Table 三's heading, labels and numbers were found but no count tells whose the numbers are: its finding (unless its rows are read by their labels, table 三 is not missing). */
  appsUnplaced?: Finding;
  /** Table 四's heading and numbers were found but the numbers could not be placed: its finding (table 四 is not missing). */
  reviewUnplaced?: Finding;
}

/** What the readers of one text's tables gather: findings, the cells they took and the rows they made. */
interface Gathered {
  findings: Finding[];
  strip: Set<RawCell>;
  insert: Map<number, LogicalRow[]>;
  appsRead: boolean;
  appsUnplaced?: Finding;
  reviewUnplaced?: Finding;
}

/**
 * Re-reads tables 三 and 四 of the tables in `rows` rebuilt from reading-order text (`readingOrder`, their
 * indexes; see above); a table it cannot read is left as it was. Text laid out in columns, or a dump with a
 * cell per line in the grid's order, keeps its rows: their readers place what they can see.
 */
export function placeByArithmetic(rows: LogicalRow[], readingOrder: ReadonlySet<number>): ArithPlacement {
  const tables = new Set(rows.filter((r) => readingOrder.has(r.table)).map((r) => r.table));
  const g: Gathered = { findings: [], strip: new Set(), insert: new Map(), appsRead: false };
  for (const table of tables) {
    const tokens = tokensOf(rows, table);
    // Table 三 starts at the last of its headings before its first row label: the narrative may name the
    // table before it, and a table broken over pages repeats its header further on.
    const heading = (t: Token) => !t.number && APPS_HEADING.test(t.cell.text);
    const firstLabel = tokens.findIndex((t) => !t.number && (matchAppsRow(labelKeys([t.cell]))?.score ?? 0) >= 0.9 && !heading(t));
    const start = firstLabel < 0 ? tokens.findIndex(heading) : tokens.slice(0, firstLabel).findLastIndex(heading);
    // Table 三's numbers end where table 四's part of the text starts (with no table 三, table 四 is looked for from the top).
    let end = start < 0 ? 0 : tokens.findIndex((t, i) => i > start && !t.number && REVIEW_START.test(t.cell.text));
    if (end < 0) end = tokens.length;
    // Table 四's heading, and its column words: its numbers stand below them, so numbers between the heading
    // and the first of them are not its own (a print's reading order may put the last cells of table 三 there).
    const at = end < tokens.length ? reviewHeadingAt(tokens.slice(end).map((t) => (t.number ? undefined : t.cell.text))) : -1;
    const nextSection = at < 0 ? -1 : tokens.findIndex((t, i) => i > end + at && !t.number && NEXT_SECTION.test(t.cell.text));
    const words = at < 0 ? -1 : tokens.findIndex((t, i) => i > end + at && (nextSection < 0 || i < nextSection) && !t.number && REVIEW_COLUMN_WORD.test(t.cell.text));
    if (start >= 0) readApps(rows, table, tokens[start]!, [...tokens.slice(start, end), ...(words < 0 ? [] : tokens.slice(end + at + 1, words).filter((t) => t.number))], g);
    // Table 四: the numbers after its own heading, to the end of the text (a print may put them after the
    // next section's heading).
    if (at >= 0) readReview(rows, table, tokens[end + at]!, tokens.slice(words < 0 ? end + at + 1 : words + 1), g);
  }
  const { findings, strip, insert, appsRead, appsUnplaced, reviewUnplaced } = g;
  if (!strip.size) return { rows, findings, placed: new Set(), appsRead, appsUnplaced, reviewUnplaced };
  // Placed rows follow their table's heading (its row may also hold labels of the table before).
  return { rows: spliceRows(rows, strip, insert), findings, placed: new Set([...insert.values()].flat()), appsRead, appsUnplaced, reviewUnplaced };
}

/** The non-empty cells of `table`'s rows in text order, numbers told apart from words. */
function tokensOf(rows: LogicalRow[], table: number): Token[] {
  const tokens: Token[] = [];
  rows.forEach((row, i) => {
    if (row.table !== table) return;
    for (const cell of row.cells) {
      const t = cell.text.trim();
      if (t === '') continue;
      // Zeros glued by narrow columns ("000" for three cells of 0): no one writes a count with leading
      // zeros, so each 0 is a cell of its own; whether they fall in place is left to the arithmetic.
      if (GLUED_ZEROS.test(t)) for (const _ of t) tokens.push({ cell: { ...cell, text: '0' }, row: i, number: true, from: cell });
      else tokens.push({ cell, row: i, number: isNumber(cell) });
    }
  });
  return tokens;
}

/** Table 三 from its part of the text (`apps`, from its heading `anchor` on), read by its arithmetic. */
function readApps(rows: LogicalRow[], table: number, anchor: Token, apps: Token[], g: Gathered): void {
  const xs = apps.filter((t) => t.number).map((t) => t.cell);
  const version = appsVersion(apps);
  const template = APPS_ROWS.filter((t) => t.versions.includes(version));
  const { read, columns } = readAppsNumbers(xs, template, () => anchorsOf(apps, template));
  if (read?.some((x) => x) || columns) {
    g.appsRead = true;
    for (const t of apps) if (t.number) g.strip.add(t.from ?? t.cell);
    const placedRows: LogicalRow[] = [];
    const unread: AppsRow[] = [];
    template.forEach((t, r) => {
      const cells = read?.[r];
      if (!cells) {
        unread.push(t);
        return;
      }
      const labels = [...(t.group ? [labelCell(t.group, cells[0]!)] : []), labelCell(t.label, cells[0]!)];
      placedRows.push({ table, row: rows[anchor.row]!.row, cells: [...labels, ...cells.map(place)] });
    });
    g.insert.set(anchor.row, placedRows);
    if (unread.length) {
      g.findings.push(
        finding('value.unplaced', 'warning', read
          ? `A text whose table rows lost their lines: table 三's ${xs.length} numbers were read as blocks of rows (row by row, column by column, or first column first) that add up; ${unread.length} row(s) (${unread.map((t) => t.label).join('、')}) have no reading that adds up, or more than one (or may be the source's blank rows), and are left null.`
          : `A text whose table rows lost their lines: table 三's ${xs.length} numbers read as rows that add up give columns that do not (一 + 二 = （七）总计 + 四, or the results to （七）总计): the text's order is not one of those tried, or the report's arithmetic is wrong; which row is which is in doubt, so table 三 is left null.`, {
          fields: unread.flatMap((t) => APPS_COLUMNS.map((c) => `apps.${t.id}.${c.id}`)),
          actual: xs.length,
          place: placeOfCell(anchor.cell),
        }),
      );
    }
  } else if (!read && xs.length >= MIN_LABELS * WIDTH && anchorsOf(apps, template).length >= MIN_LABELS) {
    // Its heading, its row labels and numbers enough for several rows are there, but not whole rows with
    // at most a few left blank: blank cells the text dropped left no trace, so no count can tell which row
    // or column a number is. Unless its rows are read by their labels, the table is there with its values
    // unplaced (not missing).
    g.appsUnplaced = finding('value.unplaced', 'warning', `A text whose table rows lost their lines: table 三's ${xs.length} numbers are not whole rows of ${WIDTH} for its ${template.length} rows, a few left blank (blank cells the text dropped left no trace), so counting cannot tell whose they are; left null.`, {
      fields: template.flatMap((t) => APPS_COLUMNS.map((c) => `apps.${t.id}.${c.id}`)),
      actual: xs.length,
      place: placeOfCell(anchor.cell),
    });
  }
}

/** Table 四 from the tokens after its heading `head`, cut into pieces where words stand between numbers. */
function readReview(rows: LogicalRow[], table: number, head: Token, after: Token[], g: Gathered): void {
  const pieces: RawCell[][] = [[]];
  const from = new Map<RawCell, RawCell>();
  for (const t of after) {
    if (t.from) from.set(t.cell, t.from);
    if (t.number) pieces[pieces.length - 1]!.push(t.cell);
    else if (pieces[pieces.length - 1]!.length) pieces.push([]);
  }
  const ys = pieces.flat();
  const row = readReviewPieces(pieces);
  if (row) {
    for (const y of ys) g.strip.add(from.get(y) ?? y);
    const header = HEADER_IN_ORDER.map((text) => labelCell(text, head.cell));
    g.insert.set(head.row, [...(g.insert.get(head.row) ?? []), { table, row: rows[head.row]!.row, cells: [...header, ...row.map(place)] }]);
  } else if (ys.length) {
    g.reviewUnplaced = finding('value.unplaced', 'warning', `A text whose table rows lost their lines: table 四's ${ys.length} number(s) (${ys.map((c) => JSON.stringify(c.text)).join(' ')}) after its heading are not fifteen in pieces whose one order adds up (each group's parts to its 总计), or two orders that add up give different values (or the report's own table 四 does not add up); which column each is is in doubt. Left null.`, {
      fields: REVIEW_GROUPS.flatMap((gr) => REVIEW_COLUMNS.map((c) => `${gr}.${c.id}`)),
      expected: REVIEW_WIDTH,
      actual: ys.length,
      place: placeOfCell(head.cell),
    });
  }
}
