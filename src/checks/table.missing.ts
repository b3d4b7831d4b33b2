import type { Check } from './types.js';

const TABLES = [
  { key: 'active', name: '二、主动公开政府信息情况', prefix: 'active.' },
  { key: 'apps', name: '三、收到和处理政府信息公开申请情况', prefix: 'apps.' },
  { key: 'review', name: '四、政府信息公开行政复议、行政诉讼情况', prefix: 'review.' },
] as const;

export const tableMissing: Check = {
  id: 'table.missing',
  severity: 'error',
  description: 'Table 二, 三 or 四 of the template was not found in the report.',
  run: (ctx) =>
    TABLES.filter((t) => !ctx.tablesFound[t.key]).map((t) => ({
      kind: 'fail' as const,
      message: `Table ${t.name} was not found: no rows with its labels.`,
      fields: Object.keys(ctx.fields).filter((id) => id.startsWith(t.prefix)).slice(0, 3),
    })),
};
