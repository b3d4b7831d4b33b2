// 表三 prints it: （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
import { APPS_COLUMNS } from '../template.js';
import { checkSums } from './sum.js';
import type { Check } from './types.js';

// The same for every report: built once.
const SPECS = APPS_COLUMNS.map((c) => ({
  terms: [`apps.new.${c.id}`, `apps.carried_in.${c.id}`],
  total: [`apps.result_total.${c.id}`, `apps.carried_out.${c.id}`],
  what: `Table 三 ${c.label} column: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理`,
}));

export const appsBalance: Check = {
  id: 'apps.balance',
  severity: 'error',
  table: 'apps',
  description: 'For each column of table 三: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理.',
  run: (ctx) => checkSums(ctx, SPECS, 'column(s)'),
};
