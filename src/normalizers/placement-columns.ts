// Table 二 of a reading-order text given column by column: each column's
// header ("本年新制作数量", "上一年项目数量" …) followed by that column's
// numbers, one per row of its block (第二十条第（五）项: 行政许可, 其他对外管理服务
// 事项). A header that several blocks share comes once per block, in the
// template's block order. A block is placed only when every one of its
// columns' headers is found (as many times as the blocks that have it) and each
// is followed by exactly as many numbers as the block has rows: then the k-th
// number under a header is the block's k-th row's. A text that gives rows, not
// columns, has a header followed by a row's numbers (three, where a block has
// two rows) or by a label, and places nothing here.
// Pure: rows in, rows out; every placed cell says `inferred`.
import type { RawCell } from '../types.js';
import type { LogicalRow } from './grid.js';
import { APPS_HEADING, isCountedNumber } from './placement-tokens.js';
import { simplifiedKey } from './labels.js';
import { spliceRows } from './placement.js';
import { activeRows, type ActiveRow } from '../template.js';

/** Each column of table 二 under its header, and the template's blocks (第二十条's items), by version. */
const HEADERS: Record<'2019' | '2021', Record<string, string>> = {
  '2019': { new_made: '本年新制作数量', new_published: '本年新公开数量', total_published: '对外公开总数量', prev_items: '上一年项目数量', change: '本年增/减', decisions: '处理决定数量', items: '采购项目数量', amount_yuan: '采购总金额' },
  '2021': { issued: '本年制发件数', repealed: '本年废止件数', in_force: '现行有效件数', decisions: '本年处理决定数量', amount_10k_yuan: '本年收费金额' },
};
const BLOCKS: Record<'2019' | '2021', string[][]> = {
  '2019': [['active.regulations', 'active.normative'], ['active.licensing', 'active.other_services'], ['active.penalty', 'active.coercion'], ['active.fees'], ['active.procurement']],
  '2021': [['active.regulations', 'active.normative'], ['active.licensing'], ['active.penalty', 'active.coercion'], ['active.fees']],
};
/** Table 三's heading ends table 二. */
const END = APPS_HEADING;
const isNumber = isCountedNumber;

interface Token {
  cell: RawCell;
  row: number;
  number: boolean;
}

/** Where each header stands (a header may be split over two pieces, "本年新" + "制作数量"), with the numbers right after it. */
function headerRuns(tokens: Token[], headers: string[]): Map<string, Token[][]> {
  const keys = headers.map((h) => [h, simplifiedKey(h)] as const);
  const runs = new Map<string, Token[][]>(headers.map((h) => [h, []]));
  tokens.forEach((t, i) => {
    if (t.number) return;
    const key = simplifiedKey(t.cell.text);
    const prev = tokens[i - 1];
    const before = prev && !prev.number ? simplifiedKey(prev.cell.text) : '';
    // The piece before must be the start of the header, not a header (or anything else) of its own.
    const hit = keys.find(([, k]) => key.startsWith(k)) ?? keys.find(([, k]) => before !== '' && k.length > before.length && k.startsWith(before) && (before + key).startsWith(k));
    if (!hit) return;
    const run: Token[] = [];
    for (let j = i + 1; j < tokens.length && tokens[j]!.number; j++) run.push(tokens[j]!);
    runs.get(hit[0])!.push(run);
  });
  return runs;
}

/**
 * Places the blocks of table 二 given column by column in the tables of `rows` rebuilt from reading-order
 * text (`readingOrder`, their indexes); `version` is table 二's. `settled` rows are passed over.
 */
export function placeColumns(rows: LogicalRow[], readingOrder: ReadonlySet<number>, version: '2019' | '2021' | undefined, settled: ReadonlySet<LogicalRow>): { rows: LogicalRow[]; placed: Set<LogicalRow> } {
  if (!version) return { rows, placed: new Set() };
  const template = new Map<string, ActiveRow>(activeRows(version).map((r) => [r.prefix, r]));
  const headerOf = HEADERS[version];
  const strip = new Set<RawCell>();
  const insert = new Map<number, LogicalRow[]>();
  for (const table of readingOrder) {
    const all: Token[] = [];
    rows.forEach((row, i) => {
      if (row.table === table && !settled.has(row)) for (const cell of row.cells) if (cell.text.trim() !== '') all.push({ cell, row: i, number: isNumber(cell) });
    });
    const end = all.findIndex((t) => !t.number && END.test(t.cell.text));
    const tokens = end < 0 ? all : all.slice(0, end);
    const runs = headerRuns(tokens, Object.values(headerOf));
    BLOCKS[version].forEach((block, b) => {
      const columns = template.get(block[0]!)!.columns;
      const values: Token[][] = [];
      for (const column of columns) {
        const header = headerOf[column]!;
        // The k-th time a header stands is the k-th block that has it.
        const sharing = BLOCKS[version].map((x, i) => ({ x, i })).filter(({ x }) => template.get(x[0]!)!.columns.some((c) => headerOf[c] === header));
        const found = runs.get(header)!;
        if (found.length !== sharing.length) return;
        const run = found[sharing.findIndex(({ i }) => i === b)]!;
        if (run.length !== block.length) return;
        values.push(run);
      }
      const at = values[0]![0]!;
      block.forEach((prefix, r) => {
        const cells = values.map((run) => run[r]!.cell);
        for (const c of cells) strip.add(c);
        const label: RawCell = { ...at.cell, text: template.get(prefix)!.labels[0]!, prov: { ...at.cell.prov, inferred: true } };
        insert.set(at.row, [...(insert.get(at.row) ?? []), { table, row: rows[at.row]!.row, cells: [label, ...cells.map((c) => ({ ...c, prov: { ...c.prov, inferred: true as const } }))] }]);
      });
    });
  }
  if (!strip.size) return { rows, placed: new Set() };
  return { rows: spliceRows(rows, strip, insert), placed: new Set([...insert.values()].flat()) };
}
