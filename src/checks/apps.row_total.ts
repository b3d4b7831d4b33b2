// 表三 总计 column: 自然人 plus the five 法人或其他组织 columns.
import { APPS_COLUMNS, APPS_ROWS } from '../template.js';
import { checkSums } from './sum.js';
import type { Check } from './types.js';

const PARTS = APPS_COLUMNS.filter((c) => c.id !== 'total');
// The same for every report: built once.
const SPECS = APPS_ROWS.map((r) => ({
  terms: PARTS.map((c) => `apps.${r.id}.${c.id}`),
  total: [`apps.${r.id}.total`],
  what: `Table 三 row "${r.label}": 总计 = 自然人 + 法人或其他组织`,
}));

export const appsRowTotal: Check = {
  id: 'apps.row_total',
  severity: 'error',
  table: 'apps',
  description: 'For each row of table 三: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他.',
  run: (ctx) => checkSums(ctx, SPECS, 'row(s)'),
};
