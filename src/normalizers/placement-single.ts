// Table 二 of a reading-order text: a block of the table (第二十条第（八）项 …)
// that holds a single row of the template (行政许可 in 2021's （五）, 行政事业性
//收费, 政府集中采购) owns every number between its heading and the next: when
// they are exactly that row's count, in the order read, they are its, whether
// the text put them before the row's label or after it. A block of two rows is
// placed here only when its labels stand before their numbers with the block's
// column words among them (which breaks the rows as read) and each count is
// exactly its row's; otherwise it is left to placement.ts (which side the
// numbers stand on decides there).
// Pure: rows in, rows out; every placed cell says `inferred`.
import type { RawCell } from '../types.js';
import { activeLabel } from './active.js';
import type { LogicalRow } from './grid.js';
import { APPS_HEADING, isCountedNumber } from './placement-tokens.js';
import { simplifiedKey } from './labels.js';
import { activeRows } from '../template.js';

/** The item of 第二十条 each row of table 二 stands under, by version: the template's blocks. */
const ITEMS: Record<'2019' | '2021', Record<string, string>> = {
  '2019': { 'active.regulations': '一', 'active.normative': '一', 'active.other_docs': '一', 'active.licensing': '五', 'active.other_services': '五', 'active.penalty': '六', 'active.coercion': '六', 'active.fees': '八', 'active.procurement': '九' },
  '2021': { 'active.regulations': '一', 'active.normative': '一', 'active.licensing': '五', 'active.penalty': '六', 'active.coercion': '六', 'active.fees': '八' },
};
const HEADING = /第二十条第[（(]([一二三四五六七八九十]+)[)）]项/;
/** Table 三's heading ends table 二. */
const END = APPS_HEADING;
const isNumber = isCountedNumber;

/**
 * Places the single-row blocks of table 二 in the tables of `rows` rebuilt from reading-order text
 * (`readingOrder`, their indexes); `version` is table 二's, from its headers (nothing is placed without it).
 * `settled` rows were placed already (placement-arith.ts) and are passed over.
 */
export function placeSingleRows(rows: LogicalRow[], readingOrder: ReadonlySet<number>, version: '2019' | '2021' | undefined, settled: ReadonlySet<LogicalRow>): { rows: LogicalRow[]; placed: Set<LogicalRow> } {
  if (!version) return { rows, placed: new Set() };
  const items = ITEMS[version];
  const strip = new Set<RawCell>();
  // Keyed by the row of the label: two blocks' labels may stand in one row of the stream.
  const insert = new Map<number, LogicalRow[]>();
  for (const table of readingOrder) {
    const tokens: Array<{ cell: RawCell; row: number }> = [];
    rows.forEach((row, i) => {
      if (row.table === table && !settled.has(row)) for (const cell of row.cells) if (cell.text.trim() !== '') tokens.push({ cell, row: i });
    });
    const end = tokens.findIndex((t) => END.test(t.cell.text));
    const headings = tokens.map((t, i) => ({ i, item: HEADING.exec(t.cell.text)?.[1] })).filter((h) => h.item && (end < 0 || h.i < end));
    const placeRow = (label: { cell: RawCell; row: number }, numbers: Array<{ cell: RawCell }>) => {
      for (const t of numbers) strip.add(t.cell);
      insert.set(label.row, [...(insert.get(label.row) ?? []), { table, row: rows[label.row]!.row, cells: [{ ...label.cell, prov: { ...label.cell.prov, inferred: true } }, ...numbers.map((t) => ({ ...t.cell, prov: { ...t.cell.prov, inferred: true as const } }))] }]);
    };
    // A block of two rows (行政许可 and 其他对外管理服务事项) whose labels stand before their numbers, the
    // block's column words among them so that no row reads them as its own: no number before the first
    // label, exactly the first row's count between the labels and the second's after the second.
    const placePair = (block: Array<{ cell: RawCell; row: number }>, members: string[]) => {
      const labelAt = members.map((m) => block.flatMap((t, i) => (!isNumber(t.cell) && activeLabel(simplifiedKey(t.cell.text))?.prefix === m ? [i] : [])));
      if (labelAt.some((at) => at.length !== 1) || block.some((t) => !isNumber(t.cell) && activeLabel(simplifiedKey(t.cell.text)) && !members.includes(activeLabel(simplifiedKey(t.cell.text))!.prefix))) return;
      const [a, b] = [labelAt[0]![0]!, labelAt[1]![0]!];
      if (a > b) return;
      const [ra, rb] = members.map((m) => activeRows(version).find((r) => r.prefix === m)!);
      const numbersIn = (from: number, to: number) => block.slice(from, to).filter((t) => isNumber(t.cell));
      const mid = numbersIn(a + 1, b);
      const post = numbersIn(b + 1, block.length);
      const words = block.slice(a + 1).some((t) => !isNumber(t.cell) && !activeLabel(simplifiedKey(t.cell.text)));
      if (numbersIn(0, a).length || mid.length !== ra!.columns.length || post.length !== rb!.columns.length || !words) return;
      placeRow(block[a]!, mid);
      placeRow(block[b]!, post);
    };
    headings.forEach((h, n) => {
      const stop = n + 1 < headings.length ? headings[n + 1]!.i : end < 0 ? tokens.length : end;
      const block = tokens.slice(h.i + 1, stop);
      const members = Object.entries(items).filter(([, item]) => item === h.item).map(([prefix]) => prefix);
      if (members.length === 2) {
        placePair(block, members);
        return;
      }
      // The block must be one of a single row, named once in it, with no other row's label among its tokens.
      if (members.length !== 1) return;
      const labels = block.filter((t) => !isNumber(t.cell) && activeLabel(simplifiedKey(t.cell.text)));
      if (labels.length !== 1 || activeLabel(simplifiedKey(labels[0]!.cell.text))!.prefix !== members[0]) return;
      const template = activeRows(version).find((r) => r.prefix === members[0])!;
      const numbers = block.filter((t) => isNumber(t.cell));
      if (numbers.length !== template.columns.length) return;
      placeRow(labels[0]!, numbers);
    });
  }
  if (!strip.size) return { rows, placed: new Set() };
  const out: LogicalRow[] = [];
  rows.forEach((row, i) => {
    out.push(...(insert.get(i) ?? []));
    const kept = row.cells.filter((c) => !strip.has(c));
    if (kept.length === row.cells.length) out.push(row);
    else if (kept.some((c) => c.text.trim() !== '')) out.push({ ...row, cells: kept });
  });
  return { rows: out, placed: new Set([...insert.values()].flat()) };
}
