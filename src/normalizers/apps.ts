// Table 三 (收到和处理政府信息公开申请情况): rows matched to the template's
// 26 labelled rows, the last seven cells of each to the seven applicant columns.
import type { RawCell } from '../types.js';
import type { LogicalRow } from './grid.js';
import { similarity } from './labels.js';
import { holdsData, labelKeys, splitRow, type LabelKeys } from './row-parts.js';
import { APPS_COLUMNS, APPS_ROWS, type AppsRow } from './template.js';

const WIDTH = APPS_COLUMNS.length;
const THRESHOLD = 0.6;

export interface AppsRowMatch {
  row: LogicalRow;
  template: AppsRow;
  score: number;
  labels: RawCell[];
  /** The seven value cells, or fewer when the source dropped blanks. */
  values: RawCell[];
}

const stripGroup = (s: string) => s.replace(/^本年度办理结果/, '');

function score(keys: LabelKeys, t: AppsRow): number {
  if (keys.last === t.label) {
    // "总计" and "其他" are ambiguous on their own: the group decides.
    if (t.id === 'other.misc') return keys.all.includes('其他处理') ? 1 : 0.5;
    return 1;
  }
  const group = t.group ?? '';
  const candidates = [similarity(keys.last, t.label), similarity(stripGroup(keys.all), stripGroup(group + t.label))];
  if (group) candidates.push(similarity(keys.all, group + t.label) * 0.98);
  return Math.max(...candidates);
}

export function matchAppsRow(keys: LabelKeys): { template: AppsRow; score: number } | undefined {
  if (!keys.last) return undefined;
  let best: { template: AppsRow; score: number } | undefined;
  for (const t of APPS_ROWS) {
    const s = score(keys, t);
    if (!best || s > best.score) best = { template: t, score: s };
  }
  return best && best.score >= THRESHOLD ? best : undefined;
}

/**
 * Tries one row as a table 三 data row. `pending` is the label text of
 * value-less rows just above it; `group` the group heading of the data row
 * above, for sub-rows printed without it ("3.其他" under （六）其他处理).
 */
export function appsRow(row: LogicalRow, pending: string, group?: string): AppsRowMatch | undefined {
  const { labels, values } = splitRow(row, WIDTH);
  if (values.length === 0 || labels.length === 0 || !holdsData(values)) return undefined;
  const keys = labelKeys(labels);
  let best = matchAppsRow(keys);
  if (group && !keys.all.startsWith(group) && (!best || best.score < 1)) {
    const alt = matchAppsRow({ last: keys.last, all: group + keys.all });
    if (alt && alt.template.group === group && (!best || alt.score > best.score)) best = alt;
  }
  if (pending && (!best || best.score < 0.9)) {
    // A label wrapped onto the line above in a PDF's raw text.
    const joined = labelKeys([{ ...labels[0]!, text: pending + labels.map((c) => c.text).join('') }]);
    const alt = matchAppsRow(joined);
    if (alt && (!best || alt.score > best.score)) best = alt;
  }
  if (!best) return undefined;
  return { row, template: best.template, score: best.score, labels, values };
}

export const APPS_WIDTH = WIDTH;
