// 表三 三、本年度办理结果: （七）总计 is the sum of （一） to （六）.
import { APPS_COLUMNS, APPS_ROWS } from '../template.js';
import { checkSums } from './sum.js';
import type { Check } from './types.js';

const RESULT_ROWS = APPS_ROWS.filter((r) => !['new', 'carried_in', 'result_total', 'carried_out'].includes(r.id));

// Per column, every result row's field id (the detected version's are picked per report).
const TERMS = APPS_COLUMNS.map((c) => RESULT_ROWS.map((r) => `apps.${r.id}.${c.id}`));

export const appsResultSum: Check = {
  id: 'apps.result_sum',
  severity: 'error',
  table: 'apps',
  description: 'For each column of table 三: （七）总计 = 予以公开 + 部分公开 + Σ不予公开 + Σ无法提供 + Σ不予处理 + 其他处理.',
  run: (ctx) =>
    checkSums(
      ctx,
      APPS_COLUMNS.map((c, i) => ({
        // Only the rows of the detected version are fields: 2019's single 其他处理 or 2021's three.
        terms: TERMS[i]!.filter((id) => id in ctx.fields),
        total: [`apps.result_total.${c.id}`],
        what: `Table 三 ${c.label} column: （七）总计 = sum of （一）to（六）`,
      })),
      'column(s)',
    ),
};
