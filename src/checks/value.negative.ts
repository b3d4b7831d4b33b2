import { isSignedField } from '../normalizers/template.js';
import type { Check } from './types.js';

export const valueNegative: Check = {
  id: 'value.negative',
  severity: 'error',
  description: 'A count below 0 (the signed 本年增/减 fields excepted).',
  run: (ctx) =>
    Object.entries(ctx.fields)
      .filter(([id, v]) => v !== null && v < 0 && !isSignedField(id))
      .map(([id, v]) => ({ kind: 'fail' as const, message: `${id} is ${v}: a count cannot be negative.`, fields: [id], expected: '>= 0', actual: v })),
};
