// Template-order placement of numbers counted off a stream of cells (a PDF's
// reading-order text, where a table's rows lost their lines). Such a text puts
// a row's numbers after its label (most PDFs; the rows are then read as they
// stand, by the normalizer's counted-row rules) or before it (Chromium's
// prints), and labels of merged cells (三、本年度办理结果, （三）不予公开) where
// they please. Numbers standing before a table's first row label can only be
// that row's when it is the template's first row (规章, 一、本年新收…) and they
// are exactly its count: the table prints numbers before labels. Then, from the
// first row on, each label takes the numbers just before it while consecutive
// labels are neighbours in the template (no row between them in a version
// both belong to) and each count is the row's; the first gap that does not fit
// ends the chain. Text in between (merged-cell labels, headings, wrapped label
// pieces) names no row and is passed over. Numbers before the first label that
// are not its count (and not the count of rows whose labels the reading order
// moved further on) put the whole table in doubt. Every counted number of a
// table read here that is not placed is left null, with one finding.
// Pure: rows in, rows out.
import { finding } from '../result.js';
import type { Finding, RawCell } from '../types.js';
import { activeLabel } from './active.js';
import { matchAppsRow } from './apps.js';
import type { LogicalRow } from './grid.js';
import { simplifiedKey } from './labels.js';
import { placeOfCell } from './placement-tokens.js';
import { isValueLike, labelKeys } from './row-parts.js';
import { ACTIVE_2019, APPS_COLUMNS, APPS_GROUP_LABELS, APPS_HEADER_WORDS, APPS_ROWS, activeRows } from '../template.js';

type Kind = 'active' | 'apps';

/** A row label of the template found in the stream. */
interface Label {
  kind: Kind;
  /** Index of the row in its template list (APPS_ROWS, or table 二's rows of the version). */
  index: number;
  ids: string[];
  cell: RawCell;
  /** Index of the logical row it sits in. */
  row: number;
}

type Token = { t: 'label'; label: Label } | { t: 'number'; cell: RawCell } | { t: 'text'; text: string } | { t: 'fixed' };

const GROUP_KEYS = new Set(APPS_GROUP_LABELS);
const STARTS: Record<Kind, RegExp> = { active: /主动公开政府信息情况|第二十条|信息内容/, apps: /收到和处理|申请人情况/ };
/** Table 四's heading: the stream's numbers from there on are not tables 二 and 三's. */
const REVIEW = /行政复议|行政诉讼/;

const isNumber = (c: RawCell) => c.text.trim() !== '' && isValueLike(c);
const unclosed = (s: string) => (s.match(/[（(]/g)?.length ?? 0) > (s.match(/[）)]/g)?.length ?? 0);

function classify(text: string, cell: RawCell, row: number, active: '2019' | '2021' | undefined): Label | 'group' | undefined {
  const key = simplifiedKey(text);
  if (!key || GROUP_KEYS.has(key)) return 'group';
  if (APPS_HEADER_WORDS.has(key) && !/^[（(]七[)）]/.test(text.trim())) return undefined;
  const a = activeLabel(key);
  if (a) {
    if (!active) return undefined;
    const rows = activeRows(active);
    const index = rows.findIndex((r) => r.prefix === a.prefix);
    return index < 0 ? undefined : { kind: 'active', index, ids: rows[index]!.columns.map((c) => `${a.prefix}.${c}`), cell, row };
  }
  const m = matchAppsRow(labelKeys([{ ...cell, text }]));
  if (!m || m.score < 0.9) return undefined;
  return { kind: 'apps', index: APPS_ROWS.indexOf(m.template), ids: APPS_COLUMNS.map((c) => `apps.${m.template.id}.${c.id}`), cell, row };
}

/** No row of the template stands between the two (in a version both rows belong to). */
function adjacent(a: Label, b: Label): boolean {
  if (a.kind !== b.kind || b.index <= a.index) return false;
  // 其他主动公开文件 is a row of some provinces' 2019 tables only: a text without it skips it.
  if (a.kind === 'active') return b.index === a.index + 1 || (b.index === a.index + 2 && ACTIVE_2019[a.index + 1]?.prefix === 'active.other_docs');
  const va = APPS_ROWS[a.index]!.versions;
  const vb = APPS_ROWS[b.index]!.versions;
  return APPS_ROWS.slice(a.index + 1, b.index).every((t) => !t.versions.some((v) => va.includes(v) && vb.includes(v)));
}

/**
 * Re-pairs the counted numbers of tables 二 and 三 in `rows` with their labels (see above). A text table
 * with no counted numbers, and a table whose numbers follow their labels, pass unchanged; rows whose cells
 * all stand on one line keep their numbers (the line is the evidence) and end any gap they fall in.
 * `active` is table 二's version when its headers tell it (its rows hold different counts); `settled` rows
 * were placed already (placement-arith.ts) and end any gap they fall in.
 */
export function placeCounted(rows: LogicalRow[], active: '2019' | '2021' | undefined, settled: ReadonlySet<LogicalRow> = new Set()): { rows: LogicalRow[]; findings: Finding[]; activeUnplaced?: boolean } {
  const tables = new Set(rows.filter((r) => r.cells.some((c) => c.prov.inferred)).map((r) => r.table));
  if (tables.size === 0) return { rows, findings: [] };
  const findings: Finding[] = [];
  const strip = new Set<RawCell>();
  const placed = new Map<number, LogicalRow[]>();
  let activeUnplaced = false;
  for (const table of tables) {
    const tokens: Token[] = [];
    rows.forEach((row, i) => {
      if (row.table !== table) return;
      const lines = new Set(row.cells.map((c) => c.prov.line));
      if (settled.has(row) || (lines.size <= 1 && !row.cells.some((c) => c.prov.inferred))) {
        tokens.push({ t: 'fixed' });
        return;
      }
      const cells = row.cells;
      for (let k = 0; k < cells.length; k++) {
        const cell = cells[k]!;
        if (cell.text.trim() === '') continue;
        if (isNumber(cell)) {
          tokens.push({ t: 'number', cell });
          continue;
        }
        // A label wrapped over two pieces ("（二）部分公开（区分处理的，只计这一情" + "形，不计其他情形）") is one.
        let text = cell.text;
        const next = cells[k + 1];
        if (unclosed(text) && next && !isNumber(next) && next.text.trim() !== '') {
          text += next.text;
          k++;
        }
        const c = classify(text, cell, i, active);
        tokens.push(c === 'group' ? { t: 'text', text: '' } : c ? { t: 'label', label: c } : { t: 'text', text });
      }
    });
    // Tables 二 and 三 end where table 四's heading stands.
    const firstAt = tokens.findIndex((t) => t.t === 'label');
    if (firstAt < 0) continue;
    let end = tokens.findIndex((t, i) => i > firstAt && t.t === 'text' && REVIEW.test(t.text));
    if (end < 0) end = tokens.length;
    const labelAt = tokens.map((t, i) => (t.t === 'label' && i < end ? i : -1)).filter((i) => i >= 0);
    if (!labelAt.length) continue;
    const labelOf = (i: number) => (tokens[i] as { label: Label }).label;
    // Twice the same row: which is which is unknown.
    const seen = new Map<string, number>();
    for (const i of labelAt) seen.set(labelOf(i).ids[0]!, (seen.get(labelOf(i).ids[0]!) ?? 0) + 1);
    const numbersBetween = (from: number, to: number): RawCell[] | undefined => {
      const out: RawCell[] = [];
      for (let k = from + 1; k < to; k++) {
        const t = tokens[k]!;
        if (t.t === 'fixed') return undefined;
        if (t.t === 'number') out.push(t.cell);
      }
      return out;
    };
    // Where each table starts in the stream (its heading, or its first label), and which side its numbers stand on.
    const side: Partial<Record<Kind, 'before' | 'doubt'>> = {};
    const starts: Partial<Record<Kind, number>> = {};
    for (const kind of ['active', 'apps'] as const) {
      const first = labelAt.find((i) => labelOf(i).kind === kind);
      if (first === undefined) continue;
      let start = first - 1;
      while (start >= 0 && !(tokens[start]!.t === 'text' && STARTS[kind].test((tokens[start] as { text: string }).text)) && tokens[start]!.t !== 'label') start--;
      starts[kind] = Math.max(0, start);
      const pre = numbersBetween(start, first);
      // Numbers before the first label: after their labels, they would be nobody's. Before the template's first
      // row, and exactly its count, they are its own: this table prints numbers before labels. Otherwise the
      // text is scrambled past what counting can sort out.
      // The exception: the rows before the first label have their labels later in the stream (merged-cell
      // labels moved by the reading order) and the numbers are exactly theirs: after their labels, as read.
      const skipped = labelAt.filter((i) => i > first && labelOf(i).kind === kind && labelOf(i).index < labelOf(first).index).map(labelOf);
      const moved = new Set(skipped.map((l) => l.index)).size === labelOf(first).index && pre?.length === skipped.reduce((n, l) => n + l.ids.length, 0);
      if (pre?.length && !moved) side[kind] = labelOf(first).index === 0 && pre.length === labelOf(first).ids.length ? 'before' : 'doubt';
      if (side[kind] === 'before' && seen.get(labelOf(first).ids[0]!) === 1) {
        placed.set(labelOf(first).row, [...(placed.get(labelOf(first).row) ?? []), { table, row: rows[labelOf(first).row]!.row, cells: [labelOf(first).cell, ...pre!] }]);
      }
    }
    // From the first row on, each pair of labels must fit: the first gap that does not ends the chain
    // (a text that scrambled one place may have scrambled the next, and counts that fit by chance prove nothing).
    const broken = new Set<Kind>();
    for (let n = 0; n + 1 < labelAt.length; n++) {
      const a = labelOf(labelAt[n]!);
      const b = labelOf(labelAt[n + 1]!);
      if (side[a.kind] !== 'before' || broken.has(a.kind)) continue;
      const gap = numbersBetween(labelAt[n]!, labelAt[n + 1]!);
      if (!adjacent(a, b) || !gap || gap.length !== b.ids.length || seen.get(b.ids[0]!) !== 1) {
        broken.add(a.kind);
        continue;
      }
      placed.set(b.row, [...(placed.get(b.row) ?? []), { table, row: rows[b.row]!.row, cells: [b.cell, ...gap] }]);
    }
    // A table whose numbers stand before their labels (or in doubt) gives up every number of its part of the
    // stream; the placed ones come back with their labels. Numbers after their labels are the rows' own, as read.
    const lost: RawCell[] = [];
    const kinds = (['active', 'apps'] as const).filter((k) => starts[k] !== undefined).sort((x, y) => starts[x]! - starts[y]!);
    kinds.forEach((kind, i) => {
      if (!side[kind]) return;
      const stop = i + 1 < kinds.length ? starts[kinds[i + 1]!]! : end;
      for (let k = starts[kind]!; k < stop; k++) {
        const t = tokens[k]!;
        if (t.t === 'number') {
          strip.add(t.cell);
          lost.push(t.cell);
        }
      }
    });
    const placedCells = new Set([...placed.values()].flat().flatMap((r) => r.cells));
    const unplacedCells = lost.filter((c) => !placedCells.has(c));
    const unplacedLabels = labelAt.map(labelOf).filter((l) => side[l.kind] && !placedCells.has(l.cell));
    // Table 二's labels stand there with numbers no count can give them: the table is there, its values unplaced (not missing).
    if (unplacedCells.length && unplacedLabels.some((l) => l.kind === 'active')) activeUnplaced = true;
    if (unplacedCells.length) {
      const first = unplacedCells[0]!;
      findings.push(
        finding('value.unplaced', 'warning', `A text whose table rows lost their lines: ${unplacedCells.length} number(s) of tables 二/三 (${unplacedCells.slice(0, 20).map((c) => JSON.stringify(c.text)).join(' ')}${unplacedCells.length > 20 ? ' …' : ''}) stand where the template's row order and counts do not tell whose they are (labels out of order, rows missing between labels, or a count that is not the row's). Left null.`, {
          fields: unplacedLabels.flatMap((l) => l.ids),
          actual: unplacedCells.length,
          place: placeOfCell(first),
        }),
      );
    }
  }
  if (strip.size === 0 && placed.size === 0) return { rows, findings };
  return { rows: spliceRows(rows, strip, placed), findings, ...(activeUnplaced ? { activeUnplaced } : {}) };
}

/**
 * The rows with the cells a placement took out of them removed (a row left with no text goes) and the rows it
 * made inserted after the row they belong to (keyed by that row's index).
 */
export function spliceRows(rows: LogicalRow[], strip: ReadonlySet<RawCell>, insert: ReadonlyMap<number, LogicalRow[]>): LogicalRow[] {
  const out: LogicalRow[] = [];
  rows.forEach((row, i) => {
    const kept = row.cells.filter((c) => !strip.has(c));
    if (kept.length === row.cells.length) out.push(row);
    else if (kept.some((c) => c.text.trim() !== '')) out.push({ ...row, cells: kept });
    for (const p of insert.get(i) ?? []) out.push(p);
  });
  return out;
}
