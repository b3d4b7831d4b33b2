// One pass over a report's rows in document order: which row is which row
// of the template (tables 二 and 三 by label, table 四 by its header or its
// fifteen values), the rows with numbers whose labels match none, and
// which template (2019 or 2021) the rows found speak for.
import type { RawCell } from '../types.js';
import { activeRow, type ActiveRowMatch } from './active.js';
import { appsRow, type AppsRowMatch } from './apps.js';
import type { LogicalRow } from './grid.js';
import { plainText, simplifiedKey } from './labels.js';
import { cellsAfterHeader, isReviewHeader, reviewValues } from './review.js';
import { isValueLike } from './row-parts.js';
import type { FieldSetShape } from '../template.js';

export interface Scan {
  apps: AppsRowMatch[];
  active: ActiveRowMatch[];
  review?: { row: LogicalRow; values: RawCell[] };
  unmapped: LogicalRow[];
}

type Section = 'none' | 'active' | 'apps' | 'review';

function sectionOf(text: string, current: Section): Section {
  if (/第二十条|信息内容/.test(text)) return 'active';
  if (/自然人|申请人情况|商业企业/.test(text)) return 'apps';
  return current;
}

/** A row label is short and no sentence; notes in brackets alone are no label. */
function looksLikeLabel(text: string): boolean {
  const key = simplifiedKey(text);
  // Block headings of table 二 (第二十条第（一）项, 信息内容) carry no field of their own.
  return key.length > 0 && key.length <= 40 && !/[。；;！？]/.test(text) && !/^(?:第二十条|信息内容)/.test(key);
}

/** One pass over the rows: which row is which template row. */
export function scan(rows: LogicalRow[]): Scan {
  const out: Scan = { apps: [], active: [], unmapped: [] };
  const seen = new Set<string>();
  let section: Section = 'none';
  let reviewArmed = false;
  let reviewParts = 0;
  for (const row of rows) {
    const text = plainText(row.cells.map((c) => c.text).join('|'));
    if (isReviewHeader(row)) {
      section = 'review';
      reviewArmed = true;
    } else section = sectionOf(text, section);
    // Table 四 with each cell on a line of its own, its header in template order: found, even when
    // blank cells left no trace and its numbers cannot all be placed (then they are left null below).
    const afterHeader = out.review || !row.cells.some((c) => c.prov.inferred) ? undefined : cellsAfterHeader(row);
    if (afterHeader) {
      out.review = { row, values: afterHeader };
      continue;
    }
    if (!out.review || (out.review.values.length < 15 && reviewParts > 0)) {
      const values = reviewValues(row, reviewArmed && section === 'review');
      if (values && out.review && values.length === 5) {
        // Table 四 printed as three five-column tables (复议, 直接起诉, 复议后起诉), in template order.
        out.review.values.push(...values);
        reviewParts++;
        continue;
      }
      // Outside table 四's section a row of fifteen values is its data row only when no number stands
      // before them: a longer run of numbers is table 三's rows run together (a PDF's reading order).
      const before = row.cells.slice(0, row.cells.length - (values?.length ?? 0));
      if (values && !out.review && (section === 'review' || (values.length >= 15 && !before.some((c) => /\d/.test(c.text) && isValueLike(c))))) {
        out.review = { row, values: [...values] };
        reviewParts = values.length === 5 ? 1 : 0;
        continue;
      }
    }
    const apps = appsRow(row, out.apps[out.apps.length - 1]?.template.group);
    if (apps) {
      if (!seen.has(apps.template.id)) out.apps.push(apps);
      seen.add(apps.template.id);
      section = 'apps';
      continue;
    }
    const active = activeRow(row);
    if (active) {
      if (!seen.has(active.prefix)) out.active.push(active);
      seen.add(active.prefix);
      section = 'active';
      continue;
    }
    const hasNumbers = row.cells.some((c) => /\d/.test(c.text) && isValueLike(c));
    const label = row.cells.findLast((c) => c.text.trim() !== '' && !isValueLike(c));
    if (hasNumbers && label && looksLikeLabel(label.text) && (section === 'apps' || section === 'active')) out.unmapped.push(row);
  }
  return out;
}

export function decideShape(s: Scan, votes: Record<'2019' | '2021', number>): FieldSetShape {
  const prefixes = new Set(s.active.map((a) => a.prefix));
  let active: '2019' | '2021';
  if (votes['2019'] !== votes['2021']) active = votes['2019'] > votes['2021'] ? '2019' : '2021';
  else if (['active.other_services', 'active.procurement', 'active.other_docs'].some((p) => prefixes.has(p))) active = '2019';
  else active = s.apps.some((a) => a.template.id === 'other') ? '2019' : '2021';
  const ids = new Set(s.apps.map((a) => a.template.id));
  const apps = ids.has('other.no_correction') || ids.has('other.unpaid_fee') || ids.has('other.misc') ? '2021' : ids.has('other') ? '2019' : active;
  return { active, apps, otherDocs: active === '2019' && prefixes.has('active.other_docs') };
}
