import type { Check } from './types.js';

export const valueNotNumeric: Check = {
  id: 'value.not_numeric',
  severity: 'error',
  description: 'A numeric cell holds text that is neither a number nor a "not reported" mark.',
  run: (ctx) =>
    Object.entries(ctx.provenance)
      .filter(([, p]) => p.kind === 'invalid')
      .map(([id, p]) => ({
        kind: 'fail' as const,
        message: `Cell of ${id} holds "${p.raw}", which is not a number; left null.`,
        fields: [id],
        actual: p.raw,
        place: { table: p.table, row: p.row, col: p.col, ...(p.page ? { page: p.page } : {}) },
      })),
};
