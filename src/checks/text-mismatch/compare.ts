// Claims against the tables. A claim whose table values are blank is not
// compared (an `info` skip); a claim that agrees gives nothing.
import type { CheckContext, Outcome } from '../types.js';
import type { Claim, CountWhat, Subject } from './claims.js';

const GROUPS: Record<Subject, string[]> = { review: ['review'], litigation: ['litigation_direct', 'litigation_after_review'] };
const SUBJECT_NAME: Record<Subject, string> = { review: '行政复议', litigation: '行政诉讼 (未经复议直接起诉 + 复议后起诉)' };
const GROUP_NAME: Record<string, string> = { review: '行政复议', litigation_direct: '未经复议直接起诉', litigation_after_review: '复议后起诉' };
const OUTCOME_NAME = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' } as const;

/** The fields a count is compared with: their sum, or (applications) one of several readings. */
function targets(what: CountWhat): { table: 'apps' | 'review'; label: string; sums: string[][] } {
  switch (what) {
    case 'apps.new':
      // "受理X件" sometimes counts the carried-over applications too (沭阳 2025: 受理749 = 新收713 + 结转36).
      return { table: 'apps', label: 'table 三 一、本年新收政府信息公开申请数量 总计', sums: [['apps.new.total'], ['apps.new.total', 'apps.carried_in.total']] };
    case 'apps.carried_in':
      return { table: 'apps', label: 'table 三 二、上年结转政府信息公开申请数量 总计', sums: [['apps.carried_in.total']] };
    case 'apps.carried_out':
      return { table: 'apps', label: 'table 三 四、结转下年度继续办理 总计', sums: [['apps.carried_out.total']] };
    case 'apps.result_total':
      return { table: 'apps', label: 'table 三 （七）总计 总计', sums: [['apps.result_total.total']] };
  }
  const [subject, outcome] = what.split('.') as [Subject, keyof typeof OUTCOME_NAME];
  return { table: 'review', label: `table 四 ${SUBJECT_NAME[subject]} ${OUTCOME_NAME[outcome]}`, sums: [GROUPS[subject].map((g) => `${g}.${outcome}`)] };
}

function placeOf(ctx: CheckContext, id: string): Outcome['place'] {
  const p = ctx.provenance[id];
  return p ? { table: p.table, row: p.row, col: p.col, ...(p.page ? { page: p.page } : {}) } : undefined;
}

function withPlace(o: Outcome, ctx: CheckContext, id: string): Outcome {
  const place = placeOf(ctx, id);
  return place ? { ...o, place } : o;
}

function compareCount(ctx: CheckContext, c: Extract<Claim, { kind: 'count' }>): Outcome[] {
  const t = targets(c.what);
  if (!ctx.tablesFound[t.table]) return [];
  const fields = [...new Set(t.sums.flat())];
  const known = t.sums.filter((ids) => ids.every((id) => ctx.fields[id] !== null && ctx.fields[id] !== undefined));
  if (!known.length) return [{ kind: 'skip', message: `Narrative "${c.sentence}" states ${c.phrase}; not compared because ${t.label} is blank (not reported).`, fields }];
  const sums = known.map((ids) => ids.reduce((s, id) => s + ctx.fields[id]!, 0));
  if (sums.includes(c.value)) return [];
  const main = t.sums[0]!.every((id) => ctx.fields[id] !== null) ? sums[0]! : undefined;
  const also = sums.length > 1 ? ` (本年新收 + 上年结转 is ${sums[1]})` : '';
  const parts = t.sums[0]!.length > 1 ? ` (${t.sums[0]!.join(' + ')})` : ` (${t.sums[0]![0]})`;
  return [
    withPlace({ kind: 'fail', message: `Narrative "${c.sentence}" states ${c.phrase}, but ${t.label}${parts} is ${main ?? 'blank'}${also}; expected them to agree.`, fields, expected: c.value, actual: main ?? null }, ctx, t.sums[0]![0]!),
  ];
}

const val = (ctx: CheckContext, id: string) => ctx.fields[id] ?? null;

function compareUpheld(ctx: CheckContext, c: Extract<Claim, { kind: 'all_upheld' }>): Outcome[] {
  if (!ctx.tablesFound.review) return [];
  return c.subjects.flatMap((s): Outcome[] => {
    const ids = GROUPS[s].flatMap((g) => ['upheld', 'corrected', 'other', 'pending', 'total'].map((o) => `${g}.${o}`));
    if (ids.every((id) => val(ctx, id) === null)) return [{ kind: 'skip', message: `Narrative "${c.sentence}" says ${SUBJECT_NAME[s]} cases ${c.phrase}; not compared because table 四 leaves them blank.`, fields: ids }];
    const against: string[] = [];
    for (const g of GROUPS[s]) {
      for (const o of ['corrected', 'other', 'pending']) if ((val(ctx, `${g}.${o}`) ?? 0) > 0) against.push(`${g}.${o}`);
      const [up, tot] = [val(ctx, `${g}.upheld`), val(ctx, `${g}.total`)];
      if (up !== null && tot !== null && up < tot) against.push(`${g}.upheld`, `${g}.total`);
    }
    if (!against.length) return [];
    const shown = GROUPS[s].filter((g) => ['upheld', 'total'].some((o) => val(ctx, `${g}.${o}`) !== null) || against.some((id) => id.startsWith(`${g}.`)));
    const fields = [...new Set([...shown.flatMap((g) => [`${g}.upheld`, `${g}.total`]), ...against])];
    const table = shown.map((g) => `${GROUP_NAME[g]}: ${(['upheld', 'corrected', 'other', 'pending', 'total'] as const).map((o) => `${OUTCOME_NAME[o]} ${val(ctx, `${g}.${o}`) ?? 'blank'}`).join(', ')}`).join('; ');
    const totals = shown.map((g) => [val(ctx, `${g}.upheld`), val(ctx, `${g}.total`)]);
    const sums = totals.every(([u, t]) => u !== null && t !== null) ? { expected: totals.reduce((a, [, t]) => a + t!, 0), actual: totals.reduce((a, [u]) => a + u!, 0) } : {};
    return [withPlace({ kind: 'fail', message: `Narrative "${c.sentence}" says the ${SUBJECT_NAME[s]} cases ${c.phrase} (all upheld), but table 四 shows ${table}.`, fields, ...sums }, ctx, against[0]!)];
  });
}

function compareNone(ctx: CheckContext, c: Extract<Claim, { kind: 'none' }>): Outcome[] {
  if (!ctx.tablesFound.review) return [];
  return c.subjects.flatMap((s): Outcome[] => {
    const ids = GROUPS[s].map((g) => `${g}.total`);
    const known = ids.filter((id) => val(ctx, id) !== null);
    if (!known.length) return [{ kind: 'skip', message: `Narrative "${c.sentence}" says there was no ${SUBJECT_NAME[s]} case; not compared because table 四 leaves 总计 blank.`, fields: ids }];
    const cases = known.reduce((a, id) => a + val(ctx, id)!, 0);
    if (cases === 0) return [];
    return [withPlace({ kind: 'fail', message: `Narrative "${c.sentence}" says there was no ${SUBJECT_NAME[s]} case, but table 四 总计 shows ${known.map((id) => `${id} ${val(ctx, id)}`).join(', ')}.`, fields: ids, expected: 0, actual: cases }, ctx, known.find((id) => val(ctx, id) !== 0)!)];
  });
}

/** Count claims of one kind that disagree with each other cannot be trusted: none of them is compared. */
export function consistentClaims(claims: Claim[]): Claim[] {
  const values = new Map<string, Set<number>>();
  for (const c of claims) if (c.kind === 'count') values.set(c.what, (values.get(c.what) ?? new Set()).add(c.value));
  const seen = new Set<string>();
  return claims.filter((c) => {
    if (c.kind !== 'count') return true;
    const key = `${c.what}=${c.value}`;
    if (values.get(c.what)!.size > 1 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function compareClaim(ctx: CheckContext, c: Claim): Outcome[] {
  if (c.kind === 'count') return compareCount(ctx, c);
  if (c.kind === 'all_upheld') return compareUpheld(ctx, c);
  return compareNone(ctx, c);
}
