// The words a table cell of the national template may hold: its row, group
// and column labels and table 二's headers (src/template.ts is pure
// data), and the end of a report's title. Readings are matched against them
// (ocr/lexicon.ts).
import { lexicon, type Lexicon } from '../../ocr/lexicon.js';
import type { Reading } from '../../ocr/recognize.js';
import { ACTIVE_2019, ACTIVE_2021, ACTIVE_HEADERS, APPS_COLUMNS, APPS_GROUP_LABELS, APPS_ROWS, REVIEW_COLUMNS } from '../../template.js';

export const TEMPLATE_LEXICON = lexicon([
  ...APPS_ROWS.map((r) => r.label),
  ...APPS_GROUP_LABELS,
  ...APPS_COLUMNS.map((c) => c.label),
  ...REVIEW_COLUMNS.map((c) => c.label),
  ...[...ACTIVE_2019, ...ACTIVE_2021].flatMap((r) => r.labels),
  ...ACTIVE_HEADERS['2019'],
  ...ACTIVE_HEADERS['2021'],
  // Table 四's group headings.
  '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉',
]);

/** The template's name, which a report's title ends in. */
const TITLE_WORD = '政府信息公开工作年度报告';

/**
 * A report's title line ends in the template's name after its year, with
 * the body's name between them or not (bold type: 作 read as 乍, 报 lost in
 * 1-bit, 度 read as 库). One word: what stands before the line's last
 * characters is kept as read, so a narrative line is never cut to it.
 */
export const TITLE_LEXICON: Lexicon = { ...lexicon([TITLE_WORD]), prefix: new RegExp(`^.*?\\d{4}\\s*年.*?(?=(?:\\s*\\S){${TITLE_WORD.length}}\\s*$)`, 'u') };

/**
 * The title's last character wrapped alone onto the next line, where no
 * lexicon sees it: a huaian-2024 print's 告 read 生 (0.88, 告 next at 0.07)
 * at 1-bit 200 dpi. Under a line ending in the rest of the template's
 * name, a lone character the recogniser also read as the name's last is it.
 */
export function titleTail(above: string | undefined, r: Reading): Reading {
  const last = TITLE_WORD.slice(-1);
  const c = r.chars.length === 1 ? r.chars[0]! : undefined;
  if (!c || c.ch === last || !above?.replace(/\s/gu, '').endsWith(TITLE_WORD.slice(0, -1))) return r;
  const alt = c.alts.find((a) => a.ch === last);
  return alt ? { text: last, confidence: alt.p, chars: [{ ch: last, p: alt.p, alts: [{ ch: c.ch, p: c.p }] }] } : r;
}
