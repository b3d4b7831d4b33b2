// Table 二 (主动公开政府信息情况): a row label (规章, 行政许可, …) then its numbers.
// The columns a row has depend on the template version (fields.md).
import type { RawCell } from '../types.js';
import type { LogicalRow } from './grid.js';
import { plainText, similarity, simplifiedKey } from './labels.js';
import { memo } from './memo.js';
import { holdsData, isValueLike } from './row-parts.js';
import { ACTIVE_2019, ACTIVE_2021, ACTIVE_HEADERS, type ActiveRow } from '../template.js';

export interface ActiveRowMatch {
  row: LogicalRow;
  label: RawCell;
  /** Row labels shared by both versions: the prefix, to resolve once the version is known. */
  prefix: string;
  values: RawCell[];
}

const ALL_LABELS = [...ACTIVE_2019, ...ACTIVE_2021];

const matchLabel = memo((key: string): ActiveRow | undefined => {
  let best: { row: ActiveRow; score: number } | undefined;
  for (const row of ALL_LABELS) {
    for (const label of row.labels) {
      const score = similarity(key, label);
      if (!best || score > best.score) best = { row, score };
    }
  }
  // Labels are short and alike (行政许可/行政处罚): only near-exact matches count.
  return best && best.score >= 0.75 ? best.row : undefined;
});
/** The table 二 row a normalised label names (near-exact only), whatever the version. */
export const activeLabel = matchLabel;

/** Tries one row as a table 二 data row: the last cell naming a row, then values. */
export function activeRow(row: LogicalRow): ActiveRowMatch | undefined {
  const idx = row.cells.findLastIndex((c) => c.text.trim() !== '' && !isValueLike(c));
  if (idx < 0) return undefined;
  const label = row.cells[idx]!;
  const values = row.cells.slice(idx + 1);
  if (values.length === 0 || !holdsData(values)) return undefined;
  const t = matchLabel(simplifiedKey(label.text));
  if (!t) return undefined;
  return { row, label, prefix: t.prefix, values };
}

/** Counts the version-specific header labels of table 二 found in the rows. */
export function activeHeaderVotes(rows: LogicalRow[]): Record<'2019' | '2021', number> {
  const text = rows.map((r) => r.cells.map((c) => plainText(c.text)).join('|')).join('\n').replace(/[（(][^）)]*[）)]/g, '');
  const votes = { '2019': 0, '2021': 0 };
  for (const v of ['2019', '2021'] as const) for (const h of ACTIVE_HEADERS[v]) if (text.includes(h)) votes[v]++;
  return votes;
}

export function activeTemplateRow(version: '2019' | '2021', prefix: string): ActiveRow | undefined {
  return (version === '2019' ? ACTIVE_2019 : ACTIVE_2021).find((r) => r.prefix === prefix);
}
