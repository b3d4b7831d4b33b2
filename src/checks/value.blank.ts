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
  run: (ctx) => {
    // One pass over the provenance (not one per table), ids in its order.
    const blank: string[][] = TABLES.map(() => []);
    for (const id in ctx.provenance) {
      if (ctx.provenance[id]!.kind !== 'blank') continue;
      const t = TABLES.findIndex(([, re]) => re.test(id));
      if (t >= 0) blank[t]!.push(id);
    }
    return TABLES.flatMap(([name], t) => {
      const ids = blank[t]!;
      return ids.length ? [{ kind: 'fail' as const, message: `Table ${name}: ${ids.length} cell(s) left blank or marked not reported; kept as null.`, fields: ids }] : [];
    });
  },
};
