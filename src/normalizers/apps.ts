// Table 三 (收到和处理政府信息公开申请情况): rows matched to the template's
// 26 labelled rows, the last seven cells of each to the seven applicant columns.
import type { RawCell } from '../types.js';
import type { LogicalRow } from './grid.js';
import { similarity } from './labels.js';
import { memoBy } from './memo.js';
import { holdsData, labelKeys, splitRow, type LabelKeys } from './row-parts.js';
import { APPS_COLUMNS, APPS_ROWS, type AppsRow } from '../template.js';

const WIDTH = APPS_COLUMNS.length;
const COLUMN_LABELS = new Set<string>([...APPS_COLUMNS.map((c) => c.label), '法人或其他组织', '申请人情况']);
const THRESHOLD = 0.6;

export interface AppsRowMatch {
  row: LogicalRow;
  template: AppsRow;
  score: number;
  labels: RawCell[];
  /** The seven value cells, or fewer when the source dropped blanks. */
  values: RawCell[];
  /** Numbers after the seven that belong to other rows (rows run together); not used. */
  excess: RawCell[];
}

const stripGroup = (s: string) => s.replace(/^本年度办理结果/, '');

/** A template row with the strings its labels are compared against, built once. */
interface Target {
  t: AppsRow;
  /** group + label, and the same without the 本年度办理结果 heading. */
  full: string;
  fullStripped: string;
}
const TARGETS: Target[] = APPS_ROWS.map((t) => ({ t, full: (t.group ?? '') + t.label, fullStripped: stripGroup((t.group ?? '') + t.label) }));

/** The keys of one row, with their stripped forms, computed once for all 26 template rows. */
interface Probe {
  keys: LabelKeys;
  allStripped: string;
  tailsStripped: string[];
}

function score(p: Probe, target: Target): number {
  const { keys } = p;
  const { t } = target;
  if (keys.last === t.label) {
    // "总计" and "其他" are ambiguous on their own: the group decides.
    if (t.id === 'other.misc') return keys.all.includes('其他处理') ? 1 : 0.5;
    return 1;
  }
  let best = Math.max(similarity(keys.last, t.label), similarity(p.allStripped, target.fullStripped));
  if (t.group) best = Math.max(best, similarity(keys.all, target.full) * 0.98);
  for (let i = 0; i < keys.tails.length; i++) {
    best = Math.max(best, Math.max(similarity(keys.tails[i]!, t.label), similarity(p.tailsStripped[i]!, target.fullStripped)) * 0.98);
  }
  return best;
}

type AppsMatch = { template: AppsRow; score: number } | undefined;

/** The best template row for a row's label keys; by their text, the same keys give the same match. */
export const matchAppsRow = memoBy(keyText, bestAppsRow);

/** The keys as one string, each prefixed by its length (so no two sets of keys give the same string). */
function keyText(keys: LabelKeys): string {
  let s = `${keys.last.length}:${keys.last}${keys.all.length}:${keys.all}`;
  for (const t of keys.tails) s += `${t.length}:${t}`;
  return s;
}

function bestAppsRow(keys: LabelKeys): AppsMatch {
  if (!keys.last) return undefined;
  const probe: Probe = { keys, allStripped: stripGroup(keys.all), tailsStripped: keys.tails.map(stripGroup) };
  let best: { template: AppsRow; score: number } | undefined;
  for (const target of TARGETS) {
    const s = score(probe, target);
    if (!best || s > best.score) best = { template: target.t, score: s };
  }
  return best && best.score >= THRESHOLD ? best : undefined;
}

/**
 * The template's 三、本年度办理结果 heads rows （一） to （七） in one
 * tall cell; layout text prints it a character or two a line, so a row's
 * label may open with a piece of it set apart by spaces ("度办 只计这一情形，
 * 不计其他情形）", "理结 1.属于国家秘密"). Matched without it; the label's
 * text stays verbatim.
 */
const RESULTS_HEADING = '三、本年度办理结果';
const HEADING_PIECE = /^(\S{1,3})\s+(\S.*)$/su;

function withoutHeadingPiece(c: RawCell): RawCell {
  const m = HEADING_PIECE.exec(c.text.trim());
  // The heading itself, wrapped ("三、本\n年度办\n理结果"), stays whole.
  return m && RESULTS_HEADING.includes(m[1]!) && !RESULTS_HEADING.includes(m[2]!.replace(/\s/g, '')) ? { ...c, text: m[2]! } : c;
}

/**
 * Tries one row as a table 三 data row. `group` is the group heading of the
 * data row above, for sub-rows printed without it ("3.其他" under （六）其他处理).
 */
export function appsRow(row: LogicalRow, group?: string): AppsRowMatch | undefined {
  const { labels, values, excess = [] } = splitRow(row, WIDTH);
  if (values.length === 0 || labels.length === 0 || !holdsData(values)) return undefined;
  const keys = labelKeys(labels.map(withoutHeadingPiece));
  // The column header row ("申请人情况 自然人 法人或其他组织 总计") is no data row.
  if (COLUMN_LABELS.has(keys.last) && /自然人|法人或其他组织|商业企业/.test(keys.all)) return undefined;
  let best = matchAppsRow(keys);
  if (group && !keys.all.startsWith(group) && (!best || best.score < 1)) {
    const alt = matchAppsRow({ ...keys, all: group + keys.all });
    if (alt && alt.template.group === group && (!best || alt.score > best.score)) best = alt;
  }
  if (!best) return undefined;
  return { row, template: best.template, score: best.score, labels, values, excess };
}

export const APPS_WIDTH = WIDTH;
