import { isSignedField } from '../template.js';
import type { Check, Outcome } from './types.js';

export const valueNegative: Check = {
  id: 'value.negative',
  severity: 'error',
  description: 'A count below 0 (the signed 本年增/减 fields excepted).',
  run: (ctx) => {
    const out: Outcome[] = [];
    for (const id in ctx.fields) {
      const v = ctx.fields[id] ?? null;
      if (v !== null && v < 0 && !isSignedField(id)) out.push({ kind: 'fail' as const, message: `${id} is ${v}: a count cannot be negative.`, fields: [id], expected: '>= 0', actual: v });
    }
    return out;
  },
};
