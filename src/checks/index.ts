// The registry of checks: one module per rule id (spec/fields.md). The
// registry stamps each outcome with its rule id and severity.
import type { Finding } from '../types.js';
import { appsBalance } from './apps.balance.js';
import { appsResultSum } from './apps.result_sum.js';
import { appsRowTotal } from './apps.row_total.js';
import { fieldsMissing } from './fields.missing.js';
import { formatHybrid } from './format.hybrid.js';
import { litigationAfterReviewTotal } from './litigation_after_review.total.js';
import { litigationDirectTotal } from './litigation_direct.total.js';
import { reviewTotal } from './review.total.js';
import { tableMissing } from './table.missing.js';
import { textMismatch } from './text.mismatch.js';
import type { Check, CheckContext } from './types.js';
import { valueBlank } from './value.blank.js';
import { valueNegative } from './value.negative.js';
import { valueNotNumeric } from './value.not_numeric.js';

export const CHECKS: Check[] = [
  tableMissing,
  formatHybrid,
  appsBalance,
  appsResultSum,
  appsRowTotal,
  reviewTotal,
  litigationDirectTotal,
  litigationAfterReviewTotal,
  valueNotNumeric,
  valueNegative,
  valueBlank,
  fieldsMissing,
  textMismatch,
];

export function runChecks(ctx: CheckContext, checks: Check[] = CHECKS): Finding[] {
  return checks.flatMap((check) =>
    (check.table && !ctx.tablesFound[check.table] ? [] : check.run(ctx)).map((o) => {
      const f: Finding = { rule: check.id, severity: o.kind === 'skip' ? 'info' : check.severity, fields: o.fields, message: o.message };
      if (o.expected !== undefined) f.expected = o.expected;
      if (o.actual !== undefined) f.actual = o.actual;
      if (o.place) f.place = o.place;
      return f;
    }),
  );
}
