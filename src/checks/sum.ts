// The one shape shared by the arithmetic rules: Σ terms = total, skipped when a term is null.
import type { CheckContext, Outcome } from './types.js';

export interface SumSpec {
  /** Field ids added up. */
  terms: string[];
  /** Field id of the stated total; or a second sum for balances. */
  total: string[];
  /** How to name the equation in a message, e.g. "自然人 column: 本年新收 + 上年结转 = 总计 + 结转下年度". */
  what: string;
}

// Plain loops over the two id lists (no joined copy, no closure per spec): every report runs some sixty specs.
function sum(ctx: CheckContext, ids: string[]): number {
  let s = 0;
  for (const id of ids) s += ctx.fields[id] ?? 0;
  return s;
}
function allFields(ctx: CheckContext, ids: string[]): boolean {
  for (const id of ids) if (!(id in ctx.fields)) return false;
  return true;
}
function someNull(ctx: CheckContext, ids: string[]): boolean {
  for (const id of ids) if (ctx.fields[id] === null) return true;
  return false;
}
function someInferred(ctx: CheckContext, ids: string[]): boolean {
  for (const id of ids) if (ctx.provenance[id]?.inferred) return true;
  return false;
}
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** Checks every spec; specs with a null term are gathered into one `skip` outcome. */
export function checkSums(ctx: CheckContext, specs: SumSpec[], skipWhat: string): Outcome[] {
  const out: Outcome[] = [];
  const skipped: SumSpec[] = [];
  const counted: SumSpec[] = [];
  for (const spec of specs) {
    const { terms, total } = spec;
    if (!allFields(ctx, terms) || !allFields(ctx, total)) continue;
    if (someNull(ctx, terms) || someNull(ctx, total)) {
      skipped.push(spec);
      continue;
    }
    // A value placed by counting numbers in a stream may sit one row off: no accusation rests on it.
    if (someInferred(ctx, terms) || someInferred(ctx, total)) {
      counted.push(spec);
      continue;
    }
    const expected = round(sum(ctx, spec.terms));
    const actual = round(sum(ctx, spec.total));
    if (expected !== actual) {
      const at = ctx.provenance[spec.total[0]!];
      out.push({
        kind: 'fail',
        message: `${spec.what} does not hold: expected ${expected}, found ${actual}.`,
        fields: [...terms, ...total],
        expected,
        actual,
        ...(at ? { place: { table: at.table, row: at.row, col: at.col, ...(at.page ? { page: at.page } : {}) } } : {}),
      });
    }
  }
  if (skipped.length) {
    const nulls = [...new Set(skipped.flatMap((s) => [...s.terms, ...s.total]).filter((id) => ctx.fields[id] === null))];
    out.push({
      kind: 'skip',
      message: `${skipped.length} ${skipWhat} not checked because a term is blank (not reported): ${skipped.map((s) => s.what).join('; ')}.`,
      fields: nulls,
    });
  }
  if (counted.length) {
    // No accusation, but a reader tracing a report's slip wants to know where the counted values disagree.
    const off = counted.flatMap((s) => {
      const expected = round(sum(ctx, s.terms));
      const actual = round(sum(ctx, s.total));
      return expected === actual ? [] : [`${s.what} (expected ${expected}, found ${actual})`];
    });
    out.push({
      kind: 'skip',
      message: `${counted.length} ${skipWhat} not checked because a term was placed by counting numbers in the text, not read from its cell: ${counted.map((s) => s.what).join('; ')}.${off.length ? ` On the counted values ${off.length} would not hold, so the report's arithmetic or the counting is wrong there: ${off.join('; ')}.` : ''}`,
      fields: [...new Set(counted.flatMap((s) => [...s.terms, ...s.total]).filter((id) => ctx.provenance[id]?.inferred))],
    });
  }
  return out;
}
