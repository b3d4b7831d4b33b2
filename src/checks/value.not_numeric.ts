import type { Check, Outcome } from './types.js';

export const valueNotNumeric: Check = {
  id: 'value.not_numeric',
  severity: 'error',
  description: 'A numeric cell holds text that is neither a number nor a "not reported" mark.',
  run: (ctx) => {
    // A loop over the keys: an entries array per report cost more than the rule.
    const out: Outcome[] = [];
    for (const id in ctx.provenance) {
      const p = ctx.provenance[id]!;
      if (p.kind !== 'invalid') continue;
      out.push({
        kind: 'fail' as const,
        message: `Cell of ${id} holds "${p.raw}", which is not a number; left null.`,
        fields: [id],
        actual: p.raw,
        place: { table: p.table, row: p.row, col: p.col, ...(p.page ? { page: p.page } : {}) },
      });
    }
    return out;
  },
};
