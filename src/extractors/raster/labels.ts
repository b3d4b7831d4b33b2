// The words a table cell of the national template may hold: its row, group
// and column labels and table 二's headers (normalizers/template.ts is pure
// data). Cell readings are matched against them (ocr/lexicon.ts).
import { lexicon } from '../../ocr/lexicon.js';
import { ACTIVE_2019, ACTIVE_2021, ACTIVE_HEADERS, APPS_COLUMNS, APPS_GROUP_LABELS, APPS_ROWS, REVIEW_COLUMNS } from '../../normalizers/template.js';

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
