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

const sum = (ctx: CheckContext, ids: string[]) => ids.reduce((s, id) => s + (ctx.fields[id] ?? 0), 0);
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** Checks every spec; specs with a null term are gathered into one `skip` outcome. */
export function checkSums(ctx: CheckContext, specs: SumSpec[], skipWhat: string): Outcome[] {
  const out: Outcome[] = [];
  const skipped: SumSpec[] = [];
  const counted: SumSpec[] = [];
  for (const spec of specs) {
    const ids = [...spec.terms, ...spec.total];
    if (!ids.every((id) => id in ctx.fields)) continue;
    if (ids.some((id) => ctx.fields[id] === null)) {
      skipped.push(spec);
      continue;
    }
    // A value placed by counting numbers in a stream may sit one row off: no accusation rests on it.
    if (ids.some((id) => ctx.provenance[id]?.inferred)) {
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
        fields: ids,
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
    out.push({
      kind: 'skip',
      message: `${counted.length} ${skipWhat} not checked because a term was placed by counting numbers in the text, not read from its cell: ${counted.map((s) => s.what).join('; ')}.`,
      fields: [...new Set(counted.flatMap((s) => [...s.terms, ...s.total]).filter((id) => ctx.provenance[id]?.inferred))],
    });
  }
  return out;
}
