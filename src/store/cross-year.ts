// cross_year.carry and cross_year.duplicate: rules over several reports of one
// agency (agency_key). Pure: documents in, findings per document out; the
// store and the run feed it (after-run.ts).
//
// carry: table 三 of year N row 二、上年结转 must equal row 四、结转下年度继续办理
// of year N−1, column by column. duplicate: two different documents (sha256)
// for one agency-year must not state different numbers.
import { APPS_COLUMNS } from '../template.js';
import type { Finding } from '../types.js';

export interface YearDoc {
  sha256: string;
  path: string;
  agencyKey: string;
  year: number;
  fields: Record<string, number | null>;
}

export interface ColumnComparison {
  column: string;
  label: string;
  carriedOut: number | null;
  carriedIn: number | null;
  /** `skipped`: a side is blank or missing, so nothing was compared. */
  result: 'equal' | 'differ' | 'skipped';
}

const short = (d: YearDoc) => `${d.path} (${d.sha256.slice(0, 12)})`;
const val = (d: YearDoc, id: string) => (d.fields[id] === undefined ? null : d.fields[id]!);

/** Every column of 上年结转 (year N) against 结转下年度 (year N−1). */
export function carryComparisons(prev: YearDoc, next: YearDoc): ColumnComparison[] {
  return APPS_COLUMNS.map((c) => {
    const carriedOut = val(prev, `apps.carried_out.${c.id}`);
    const carriedIn = val(next, `apps.carried_in.${c.id}`);
    const result = carriedOut === null || carriedIn === null ? 'skipped' : carriedOut === carriedIn ? 'equal' : 'differ';
    return { column: c.id, label: c.label, carriedOut, carriedIn, result };
  });
}

function carryFindings(prev: YearDoc, next: YearDoc): Finding[] {
  const cmp = carryComparisons(prev, next);
  const out: Finding[] = cmp
    .filter((c) => c.result === 'differ')
    .map((c) => ({
      rule: 'cross_year.carry',
      severity: 'warning',
      fields: [`apps.carried_in.${c.column}`, `apps.carried_out.${c.column}`],
      expected: c.carriedOut,
      actual: c.carriedIn,
      message: `Table 三 ${c.label} column: ${next.year} 上年结转 (apps.carried_in.${c.column}) is ${c.carriedIn} in ${short(next)}, but ${prev.year} 结转下年度继续办理 (apps.carried_out.${c.column}) is ${c.carriedOut} in ${short(prev)}; expected them equal.`,
    }));
  const skipped = cmp.filter((c) => c.result === 'skipped');
  if (skipped.length) {
    out.push({
      rule: 'cross_year.carry',
      severity: 'info',
      fields: skipped.flatMap((c) => [`apps.carried_in.${c.column}`, `apps.carried_out.${c.column}`]),
      message: `${skipped.length} column(s) of ${next.year} 上年结转 against ${prev.year} 结转下年度 not compared because a side is blank (not reported): ${skipped.map((c) => c.label).join(', ')}; ${short(next)} and ${short(prev)}.`,
    });
  }
  return out;
}

/** Fields both documents state as numbers, with different numbers. */
export function differingFields(a: YearDoc, b: YearDoc): Array<{ field: string; a: number; b: number }> {
  const out: Array<{ field: string; a: number; b: number }> = [];
  for (const [field, va] of Object.entries(a.fields)) {
    const vb = b.fields[field];
    if (va !== null && vb !== null && vb !== undefined && va !== vb) out.push({ field, a: va, b: vb });
  }
  return out;
}

function duplicateFinding(self: YearDoc, other: YearDoc, diff: Array<{ field: string; a: number; b: number }>): Finding {
  const shown = diff.slice(0, 10).map((d) => `${d.field} ${d.a} vs ${d.b}`);
  const f: Finding = {
    rule: 'cross_year.duplicate',
    severity: 'warning',
    fields: diff.map((d) => d.field),
    message: `Two documents for ${self.year}: ${short(self)} and ${short(other)} state different numbers in ${diff.length} field(s): ${shown.join('; ')}${diff.length > shown.length ? '; …' : ''}.`,
  };
  if (diff.length === 1) {
    f.expected = diff[0]!.b;
    f.actual = diff[0]!.a;
  }
  return f;
}

const bySha = (a: YearDoc, b: YearDoc) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0);

/**
 * The cross-year findings of every document, by sha256. carry findings go to
 * year N's document; a duplicate finding goes to both documents, each naming
 * the other.
 */
export function crossYearFindings(docs: YearDoc[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const add = (sha: string, fs: Finding[]) => out.set(sha, [...(out.get(sha) ?? []), ...fs]);
  const byKeyYear = new Map<string, YearDoc[]>();
  for (const d of docs) {
    const k = `${d.agencyKey}\u0000${d.year}`;
    byKeyYear.set(k, [...(byKeyYear.get(k) ?? []), d]);
  }
  for (const group of byKeyYear.values()) group.sort(bySha);
  for (const [k, group] of byKeyYear) {
    const [key, year] = k.split('\u0000') as [string, string];
    for (const next of group) {
      for (const prev of byKeyYear.get(`${key}\u0000${Number(year) - 1}`) ?? []) add(next.sha256, carryFindings(prev, next));
    }
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        const diff = differingFields(a, b);
        if (!diff.length) continue;
        add(a.sha256, [duplicateFinding(a, b, diff)]);
        add(b.sha256, [duplicateFinding(b, a, diff.map((d) => ({ field: d.field, a: d.b, b: d.a })))]);
      }
    }
  }
  return out;
}
