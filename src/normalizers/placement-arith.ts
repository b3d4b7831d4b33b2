// Table 三 and table 四 of a reading-order text (a PDF's text without its
// layout: rows lost their lines, labels of merged cells stand where they
// please) placed by the template's own arithmetic. Between table 三's heading
// and table 四's stand the numbers of table 三's rows, in template order, but
// the reading order may give a block of rows row by row, column by column, or
// the first column of each row and then the rest of each (a PDF whose first
// column sits on the labels' lines). Every way of cutting the numbers into such
// blocks is tried: a block is read only when each of its rows' 总计 is the sum
// of its six parts, a row whose numbers no block reads is left unread, and the
// readings that read the most rows are kept. A row is placed only when every
// kept reading gives it the same seven values (rows of zeros read the same
// whichever way); then the columns must add up (一 + 二 = （七）总计 + 四, and
// the results to （七）总计) wherever every term was placed, or nothing is.
// Labels are not used: in such a text they are the least certain thing. A
// report whose arithmetic really is wrong reads no row of its wrong place, so
// it loses those values; it never gets a neighbour's.
// Table 四: exactly fifteen numbers after its heading, in the header's order,
// when each of its three groups adds up to its 总计.
// Pure: rows in, rows out; every placed cell says `inferred`.
import { finding } from '../result.js';
import type { Finding, RawCell } from '../types.js';
import type { LogicalRow } from './grid.js';
import { simplifiedKey } from './labels.js';
import { parseNumber } from './numbers.js';
import { HEADER_IN_ORDER } from './review.js';
import { isValueLike, labelKeys } from './row-parts.js';
import { matchAppsRow } from './apps.js';
import { APPS_COLUMNS, APPS_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, type AppsRow } from './template.js';

const WIDTH = APPS_COLUMNS.length;
const REVIEW_WIDTH = REVIEW_GROUPS.length * REVIEW_COLUMNS.length;
/** A list number standing alone ("3." before its label on the next line): part of a label, never a count. */
const LIST_NUMBER = /^[0-9０-９]{1,2}[.．、]$/;
const APPS_START = /收到和处理政府信息公开申请|申请人情况/;
const REVIEW_START = /行政复议/;
/** Cutting blocks bigger than this many rows is no reading a text gives (and keeps the search small). */
const MAX_BLOCK = 12;

interface Token {
  cell: RawCell;
  /** Index of its logical row. */
  row: number;
  number: boolean;
}

/** A count written in words ("六件"): a cell of the table that is no number, so its row cannot add up. */
const WORD_COUNT = /^[零〇一二两三四五六七八九十百千万]+[件个项条]$/;
const isNumber = (c: RawCell) => {
  const t = c.text.trim();
  return (t !== '' && !LIST_NUMBER.test(t) && isValueLike(c) && parseNumber(t).kind !== 'invalid') || WORD_COUNT.test(t);
};
/** A number's value for the arithmetic: a "not reported" mark adds nothing, a cell that is no number makes it fail. */
const amount = (c: RawCell) => {
  const p = parseNumber(c.text);
  return p.kind === 'invalid' ? Number.NaN : (p.value ?? 0);
};
const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * How a block of k rows gives its numbers: row by row, column by column, the first column then the rest
 * row by row, or the rest row by row then the first column (the first column sits on the labels' lines,
 * which the reading order puts before or after the rest).
 */
type Mode = 'rows' | 'columns' | 'first' | 'last';

function blockRows(xs: RawCell[], at: number, k: number, mode: Mode): RawCell[][] {
  const out: RawCell[][] = [];
  for (let r = 0; r < k; r++) {
    const row: RawCell[] = [];
    for (let c = 0; c < WIDTH; c++) {
      if (mode === 'rows') row.push(xs[at + r * WIDTH + c]!);
      else if (mode === 'columns') row.push(xs[at + c * k + r]!);
      else if (mode === 'first') row.push(c === 0 ? xs[at + r]! : xs[at + k + r * (WIDTH - 1) + c - 1]!);
      else row.push(c === 0 ? xs[at + k * (WIDTH - 1) + r]! : xs[at + r * (WIDTH - 1) + c - 1]!);
    }
    out.push(row);
  }
  return out;
}

/** One row as read, or with the number of column `late` read after the rest of its row (-1: none). */
function lateRow(xs: RawCell[], at: number, late: number): RawCell[] {
  const seq = xs.slice(at, at + WIDTH);
  if (late < 0) return seq;
  const row = [...seq.slice(0, late), seq[WIDTH - 1]!, ...seq.slice(late, WIDTH - 1)];
  return row;
}

const addsUp = (row: RawCell[]) => {
  let s = 0;
  for (let c = 0; c < WIDTH - 1; c++) s += amount(row[c]!);
  return same(s, amount(row[WIDTH - 1]!));
};

interface Step {
  /** Rows the step covers. */
  k: number;
  /** The rows it reads, or undefined (a row left unread, or absent). */
  rows?: RawCell[][];
}

type Reading = Array<RawCell[] | undefined>;

/**
 * Reads `xs` as the rows of `template` with the rows `absent` giving no number (see above): the most rows
 * that can be read adding up, and the distinct readings that read that many (a row unread or absent is
 * undefined in them).
 */
function readWith(xs: RawCell[], template: AppsRow[], absent: boolean[], blocks: (at: number) => Step[]): { best: number; readings: Reading[] } | undefined {
  const m = template.length;
  const at = starts(absent);
  // A block of rows read together holds no absent row.
  const stepsAt = (i: number): Step[] => (absent[i] ? [{ k: 1 }] : blocks(at[i]!).filter((s) => i + s.k <= m && !absent.slice(i, i + s.k).some((a) => a)));
  const steps = template.map((_, i) => stepsAt(i));
  const gain = (s: Step) => (s.rows ? s.k : 0);
  // Forward: the most rows read reaching each row; backward: the most read from it to the end.
  const fwd = new Array<number>(m + 1).fill(-1);
  fwd[0] = 0;
  for (let i = 0; i < m; i++) {
    if (fwd[i]! < 0) continue;
    for (const s of steps[i]!) fwd[i + s.k] = Math.max(fwd[i + s.k]!, fwd[i]! + gain(s));
  }
  const best = fwd[m]!;
  if (best <= 0) return undefined;
  const bwd = new Array<number>(m + 1).fill(-1);
  bwd[m] = 0;
  for (let i = m - 1; i >= 0; i--) for (const s of steps[i]!) if (bwd[i + s.k]! >= 0) bwd[i] = Math.max(bwd[i]!, bwd[i + s.k]! + gain(s));
  // The distinct readings (by value) along the best ways through, built from the end; rows of zeros cut
  // any way read the same, so they stay few. Past MAX_READINGS, only what every way agrees on is kept.
  const suffix: Array<Map<string, Reading> | undefined> = new Array(m + 1);
  suffix[m] = new Map([['', []]]);
  for (let i = m - 1; i >= 0; i--) {
    if (bwd[i]! < 0) continue;
    const here = new Map<string, Reading>();
    for (const s of steps[i]!) {
      const rest = suffix[i + s.k];
      if (!rest || bwd[i + s.k]! < 0 || gain(s) + bwd[i + s.k]! !== bwd[i]) continue;
      const head: Reading = Array.from({ length: s.k }, (_, r) => s.rows?.[r]);
      const headKey = head.map((cells) => (cells ? cells.map(amount).join(',') : '-')).join(';');
      for (const [key, tail] of rest) here.set(`${headKey};${key}`, [...head, ...tail]);
    }
    if (here.size > MAX_READINGS) return { best, readings: [agreed(template, absent, steps, fwd, bwd, best)] };
    suffix[i] = here;
  }
  return { best, readings: [...(suffix[0]?.values() ?? [])].map((r) => r.map((cells, i) => (absent[i] ? undefined : cells))) };
}

const MAX_READINGS = 128;

/** What every best way through reads the same (the rest undefined). */
function agreed(template: AppsRow[], absent: boolean[], steps: Step[][], fwd: number[], bwd: number[], best: number): Reading {
  const read: Reading = template.map(() => undefined);
  const doubt = template.map((_, i) => absent[i]!);
  for (let i = 0; i < template.length; i++) {
    if (fwd[i]! < 0) continue;
    for (const s of steps[i]!) {
      if (bwd[i + s.k]! < 0 || fwd[i]! + (s.rows ? s.k : 0) + bwd[i + s.k]! !== best) continue;
      for (let r = 0; r < s.k; r++) {
        const cells = s.rows?.[r];
        const prev = read[i + r];
        if (!cells || (prev && !sameValues(prev, cells))) doubt[i + r] = true;
        else read[i + r] ??= cells;
      }
    }
  }
  return read.map((r, i) => (doubt[i] ? undefined : r));
}

/** The blocks of rows that add up, read from the numbers at `at` on (whichever rows they are), once per place. */
function blocksOf(xs: RawCell[]): (at: number) => Step[] {
  const cache = new Map<number, Step[]>();
  return (at) => {
    const hit = cache.get(at);
    if (hit) return hit;
    const out: Step[] = [{ k: 1 }];
    for (let late = -1; late < WIDTH - 1 && at + WIDTH <= xs.length; late++) {
      const one = lateRow(xs, at, late);
      if (addsUp(one)) out.push({ k: 1, rows: [one] });
    }
    for (let k = 2; k <= MAX_BLOCK && at + k * WIDTH <= xs.length; k++) {
      for (const mode of ['columns', 'first', 'last'] as const) {
        const rows = blockRows(xs, at, k, mode);
        if (rows.every(addsUp)) out.push({ k, rows });
      }
    }
    cache.set(at, out);
    return out;
  };
}

/** Where each row's numbers start in the stream when the rows `absent` gave none. */
function starts(absent: boolean[]): number[] {
  const at: number[] = [];
  for (let i = 0, p = 0; i <= absent.length; i++) {
    at.push(p);
    if (i < absent.length && !absent[i]) p += WIDTH;
  }
  return at;
}

const sameValues = (a: RawCell[], b: RawCell[]) => a.every((c, i) => same(amount(c), amount(b[i]!)));

/** Rows of the source left blank drop out of a reading-order text: at most this many are looked for. */
const MAX_ABSENT = 2;

/** Every way of choosing `n` of `m` rows. */
function choose(m: number, n: number): boolean[][] {
  if (n === 0) return [new Array<boolean>(m).fill(false)];
  const out: boolean[][] = [];
  for (const rest of choose(m, n - 1)) {
    const last = rest.lastIndexOf(true);
    for (let i = last + 1; i < m; i++) out.push(rest.map((v, j) => v || j === i));
  }
  return out;
}

/** A row label found in the stream: the template row it names, and how many numbers stand before it. */
export interface Anchor {
  row: number;
  at: number;
}

/**
 * The rows of `template` read from `xs` (see above): per row, its seven cells when every best reading
 * agrees, else undefined; `columns` when readings were found but none whose columns add up. When rows
 * of the source gave no number, which ones is told first by the arithmetic, then by the labels that stand
 * right before their row's numbers, or right after them (`anchors`; a text does one or the other); what
 * still leaves a choice stays null.
 */
export function readAppsNumbers(xs: RawCell[], template: AppsRow[], anchors: Anchor[] = []): { read?: Reading; columns: boolean } {
  const m = template.length;
  if (xs.length === 0 || xs.length % WIDTH !== 0 || xs.length > m * WIDTH || m - xs.length / WIDTH > MAX_ABSENT) return { columns: false };
  let best = [0, 0];
  let found = false;
  let kept: Reading[] = [];
  const blocks = blocksOf(xs);
  for (const absent of choose(m, m - xs.length / WIDTH)) {
    const r = readWith(xs, template, absent, blocks);
    if (!r) continue;
    found = true;
    // Readings whose columns do not add up are not the text's (or the report's arithmetic is wrong).
    const readings = r.readings.filter((x) => columnsAddUp(template, x));
    if (!readings.length) continue;
    const at = starts(absent);
    // A text puts its labels before their numbers or after them, the same way throughout.
    const fits = (shift: number) => anchors.filter((a) => !absent[a.row] && a.at === at[a.row]! + shift).length;
    const score = [r.best, Math.max(fits(0), fits(WIDTH))];
    const cmp = score[0]! - best[0]! || score[1]! - best[1]!;
    if (cmp < 0) continue;
    if (cmp > 0) kept = [];
    best = score;
    kept.push(...readings);
  }
  if (!kept.length) return { columns: found };
  const read = kept[0]!.map((cells, i) => (cells && kept.every((k) => k[i] && sameValues(k[i]!, cells)) ? cells : undefined));
  return { read, columns: false };
}

/** The template's column sums over the rows read: a column whose terms were all placed must add up. */
function columnsAddUp(template: AppsRow[], read: Array<RawCell[] | undefined>): boolean {
  const at = (id: string) => read[template.findIndex((t) => t.id === id)];
  const results = template.filter((t) => !['new', 'carried_in', 'result_total', 'carried_out'].includes(t.id)).map((t) => at(t.id));
  const [added, carried, total, out] = [at('new'), at('carried_in'), at('result_total'), at('carried_out')];
  for (let c = 0; c < WIDTH; c++) {
    if (added && carried && total && out && !same(amount(added[c]!) + amount(carried[c]!), amount(total[c]!) + amount(out[c]!))) return false;
    if (total && results.every((r) => r) && !same(results.reduce((s, r) => s + amount(r![c]!), 0), amount(total[c]!))) return false;
  }
  return true;
}

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
  for (const t of tokens) {
    if (t.number) {
      numbers++;
      continue;
    }
    const m = matchAppsRow(labelKeys([t.cell]));
    const row = m && m.score >= 0.9 ? template.indexOf(m.template) : -1;
    if (row >= 0) found.push({ row, at: numbers });
  }
  return found.filter((a) => found.filter((b) => b.row === a.row).length === 1);
}

export interface ArithPlacement {
  rows: LogicalRow[];
  findings: Finding[];
  /** The rows it placed (later passes leave them as they are). */
  placed: Set<LogicalRow>;
}

/**
 * Re-reads tables 三 and 四 of the tables in `rows` rebuilt from reading-order text (`readingOrder`, their
 * indexes; see above); a table it cannot read is left as it was. Text laid out in columns, or a dump with a
 * cell per line in the grid's order, keeps its rows: their readers place what they can see.
 */
export function placeByArithmetic(rows: LogicalRow[], readingOrder: ReadonlySet<number>): ArithPlacement {
  const tables = new Set(rows.filter((r) => readingOrder.has(r.table)).map((r) => r.table));
  const findings: Finding[] = [];
  const strip = new Set<RawCell>();
  const insert = new Map<number, LogicalRow[]>();
  for (const table of tables) {
    const tokens: Token[] = [];
    rows.forEach((row, i) => {
      if (row.table !== table) return;
      for (const cell of row.cells) if (cell.text.trim() !== '') tokens.push({ cell, row: i, number: isNumber(cell) });
    });
    // Table 三 starts at the last of its headings before its first row label: the narrative may name the
    // table before it, and a table broken over pages repeats its header further on.
    const heading = (t: Token) => !t.number && APPS_START.test(t.cell.text);
    const firstLabel = tokens.findIndex((t) => !t.number && (matchAppsRow(labelKeys([t.cell]))?.score ?? 0) >= 0.9 && !heading(t));
    const start = firstLabel < 0 ? tokens.findIndex(heading) : tokens.slice(0, firstLabel).findLastIndex(heading);
    if (start < 0) continue;
    let end = tokens.findIndex((t, i) => i > start && !t.number && REVIEW_START.test(t.cell.text));
    if (end < 0) end = tokens.length;
    const apps = tokens.slice(start, end);
    const xs = apps.filter((t) => t.number).map((t) => t.cell);
    const version = appsVersion(apps);
    const template = APPS_ROWS.filter((t) => t.versions.includes(version));
    const { read, columns } = readAppsNumbers(xs, template, anchorsOf(apps, template));
    if (read?.some((x) => x) || columns) {
      const anchor = tokens[start]!;
      for (const t of apps) if (t.number) strip.add(t.cell);
      const placedRows: LogicalRow[] = [];
      const unread: AppsRow[] = [];
      const ok = read !== undefined;
      template.forEach((t, r) => {
        const cells = read?.[r];
        if (!cells) {
          unread.push(t);
          return;
        }
        const labels = [...(t.group ? [labelCell(t.group, cells[0]!)] : []), labelCell(t.label, cells[0]!)];
        placedRows.push({ table, row: rows[anchor.row]!.row, cells: [...labels, ...cells.map(place)] });
      });
      insert.set(anchor.row, placedRows);
      if (unread.length) {
        findings.push(
          finding('value.unplaced', 'warning', ok
            ? `A text whose table rows lost their lines: table 三's ${xs.length} numbers were read as blocks of rows (row by row, column by column, or first column first) that add up; ${unread.length} row(s) (${unread.map((t) => t.label).join('、')}) have no reading that adds up, or more than one (or may be the source's blank rows), and are left null.`
            : `A text whose table rows lost their lines: table 三's ${xs.length} numbers read as rows that add up give columns that do not (一 + 二 = （七）总计 + 四, or the results to （七）总计): the text's order is not one of those tried, or the report's arithmetic is wrong; which row is which is in doubt, so table 三 is left null.`, {
            fields: unread.flatMap((t) => APPS_COLUMNS.map((c) => `apps.${t.id}.${c.id}`)),
            actual: xs.length,
            place: { table: anchor.cell.prov.table, row: anchor.cell.prov.row, ...(anchor.cell.prov.line ? { line: anchor.cell.prov.line } : {}) },
          }),
        );
      }
    }
    // Table 四: the numbers after its heading, to the end of the text.
    if (end < tokens.length) {
      const ys = tokens.slice(end).filter((t) => t.number).map((t) => t.cell);
      const groupsAddUp = REVIEW_GROUPS.every((_, g) => {
        const part = ys.slice(g * REVIEW_COLUMNS.length, (g + 1) * REVIEW_COLUMNS.length).map(amount);
        return same(part.slice(0, -1).reduce((s, v) => s + v, 0), part[part.length - 1]!);
      });
      if (ys.length === REVIEW_WIDTH && groupsAddUp) {
        const head = tokens[end]!;
        for (const y of ys) strip.add(y);
        const header = HEADER_IN_ORDER.map((text) => labelCell(text, head.cell));
        insert.set(head.row, [...(insert.get(head.row) ?? []), { table, row: rows[head.row]!.row, cells: [...header, ...ys.map(place)] }]);
      }
    }
  }
  if (!strip.size) return { rows, findings, placed: new Set() };
  const out: LogicalRow[] = [];
  // Placed rows follow their table's heading (its row may also hold labels of the table before).
  rows.forEach((row, i) => {
    const kept = row.cells.filter((c) => !strip.has(c));
    if (kept.length === row.cells.length) out.push(row);
    else if (kept.some((c) => c.text.trim() !== '')) out.push({ ...row, cells: kept });
    for (const p of insert.get(i) ?? []) out.push(p);
  });
  return { rows: out, findings, placed: new Set([...insert.values()].flat()) };
}
