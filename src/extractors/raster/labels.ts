// The words a table cell of the national template may hold: its row, group
// and column labels and table 二's headers (src/template.ts is pure
// data), and the end of a report's title. Readings are matched against them
// (ocr/lexicon.ts).
import { lexicon, type Lexicon } from '../../ocr/lexicon.js';
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

/**
 * A report's title line ends in the template's name after the year (bold
 * type: 作 read as 乍, 报 lost in 1-bit). One word, so a line must spell it
 * whole after its year: a narrative line that runs on is never cut to it.
 */
export const TITLE_LEXICON: Lexicon = { ...lexicon(['政府信息公开工作年度报告']), prefix: /^.*?\d{4}\s*年/u };
