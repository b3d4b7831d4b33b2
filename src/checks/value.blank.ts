import type { Check } from './types.js';

const TABLES: Array<[string, RegExp]> = [
  ['二', /^active\./],
  ['三', /^apps\./],
  ['四', /^(review|litigation_direct|litigation_after_review)\./],
];

export const valueBlank: Check = {
  id: 'value.blank',
  severity: 'info',
  description: 'A numeric cell is blank or holds "/", "-", "—", "无": not reported, kept as null.',
  run: (ctx) =>
    TABLES.flatMap(([name, re]) => {
      const ids = Object.entries(ctx.provenance)
        .filter(([id, p]) => re.test(id) && p.kind === 'blank')
        .map(([id]) => id);
      return ids.length ? [{ kind: 'fail' as const, message: `Table ${name}: ${ids.length} cell(s) left blank or marked not reported; kept as null.`, fields: ids }] : [];
    }),
};
