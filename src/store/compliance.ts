// The watchdog's sheets from the store: one row per agency-year
// (compliance.csv) and one row per agency (agencies.csv). Pure over the
// store's rows; the command (cli/compliance.ts) writes them.
import { CHECKS } from '../checks/index.js';
import { APPS_COLUMNS } from '../template.js';
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

// Rules that can give errors or warnings, in a fixed order so sheets of different nights line up.
const FIXED_RULES = [
  'extract.failed',
  'extract.no_text',
  'table.missing',
  'label.unmapped',
  'value.unplaced',
  ...CHECKS.filter((c) => c.severity !== 'info').map((c) => c.id),
  'text.mismatch',
  'cross_year.carry',
  'cross_year.duplicate',
];

export async function ruleColumns(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('findings').select('rule').distinct().where('severity', 'in', ['error', 'warning']).execute();
  // Sorted here, not by the database's collation, so both engines give one order.
  const seen = rows.map((r) => r.rule).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...new Set([...FIXED_RULES, ...seen])];
}

interface Doc {
  sha256: string;
  /** A URL that gave no content (migration 102): its key is no content hash, and the sheet shows none. */
  noContent: boolean;
  path: string;
  agency: string | null;
  agency_key: string | null;
  year: number | null;
  status: string;
  format: string;
  format_version: string;
  tables: [boolean, boolean, boolean];
  errors: number;
  warnings: number;
}

const STATUS_RANK: Record<string, number> = { ok: 0, partial: 1, failed: 2 };

async function docs(db: Kysely<Database>): Promise<Doc[]> {
  const rows = await db
    .selectFrom('documents as d')
    .selectAll('d')
    .select((e) => [
      e.selectFrom('sources as s').select((s) => s.fn.min('s.path').as('p')).whereRef('s.sha256', '=', 'd.sha256').as('path'),
      e.selectFrom('findings as f').select((f) => f.fn.countAll().as('n')).whereRef('f.sha256', '=', 'd.sha256').where('f.severity', '=', 'error').as('errors'),
      e.selectFrom('findings as f').select((f) => f.fn.countAll().as('n')).whereRef('f.sha256', '=', 'd.sha256').where('f.severity', '=', 'warning').as('warnings'),
    ])
    .execute();
  return rows.map((r) => ({
    sha256: r.sha256,
    noContent: r.fetch_failed_at !== null,
    path: String(r.path ?? ''),
    agency: r.agency,
    agency_key: r.agency_key,
    year: r.year === null ? null : Number(r.year),
    status: r.status,
    format: r.format,
    format_version: r.format_version,
    tables: [Number(r.table_active) === 1, Number(r.table_apps) === 1, Number(r.table_review) === 1],
    errors: Number(r.errors),
    warnings: Number(r.warnings),
  }));
}

/**
 * Whether table 三 balances (本年新收 + 上年结转 = 总计 + 结转下年度): `no` when a
 * column fails; `yes` when none fails and the 总计 column could be computed;
 * `unknown` when the table is missing or its 总计 column has a blank term.
 */
export function appsBalances(fields: Map<string, number | null>): 'yes' | 'no' | 'unknown' {
  let totalComputed = false;
  for (const c of APPS_COLUMNS) {
    const t = ['new', 'carried_in', 'result_total', 'carried_out'].map((r) => fields.get(`apps.${r}.${c.id}`));
    if (t.some((v) => v === null || v === undefined)) continue;
    const [a, b, x, y] = t as number[];
    if (Math.round((a! + b!) * 1e6) !== Math.round((x! + y!) * 1e6)) return 'no';
    if (c.id === 'total') totalComputed = true;
  }
  return totalComputed ? 'yes' : 'unknown';
}

const yn = (b: boolean) => (b ? 'yes' : 'no');

/** Best document of an agency-year: best status, then fewest errors, then fewest warnings, then sha256 (stable). */
function representative(group: Doc[]): Doc {
  return [...group].sort((a, b) => STATUS_RANK[a.status]! - STATUS_RANK[b.status]! || a.errors - b.errors || a.warnings - b.warnings || (a.sha256 < b.sha256 ? -1 : 1))[0]!;
}

export const COMPLIANCE_FIXED = ['agency', 'agency_key', 'year', 'source_path', 'sha256', 'documents', 'other_sha256', 'status', 'format', 'table_二', 'table_三', 'table_四', 'format_version', 'errors', 'warnings', 'apps_balances'];

export async function complianceRows(db: Kysely<Database>, rules: string[]): Promise<Array<Array<string | number | null>>> {
  const all = await docs(db);
  const groups = new Map<string, Doc[]>();
  for (const d of all) {
    // Documents without agency or year cannot be grouped: each is its own row.
    const k = d.agency_key !== null && d.year !== null ? `${d.agency_key}\u0000${d.year}` : `\u0001${d.sha256}`;
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  const rows: Array<Array<string | number | null>> = [];
  for (const group of groups.values()) {
    const d = representative(group);
    const counts = await db
      .selectFrom('findings')
      .select((e) => ['rule', e.fn.countAll().as('n')])
      .where('sha256', '=', d.sha256)
      .where('severity', 'in', ['error', 'warning'])
      .groupBy('rule')
      .execute();
    const byRule = new Map(counts.map((r) => [r.rule, Number(r.n)]));
    const values = await db.selectFrom('field_values').select(['field', 'value']).where('sha256', '=', d.sha256).where('field', 'like', 'apps.%').execute();
    const fields = new Map(values.map((r) => [r.field, r.value === null ? null : Number(r.value)]));
    const others = group.filter((o) => o !== d).map((o) => o.sha256).sort().join(' ');
    rows.push([
      d.agency, d.agency_key, d.year, d.path, d.noContent ? '' : d.sha256, group.length, others, d.status, d.format,
      yn(d.tables[0]), yn(d.tables[1]), yn(d.tables[2]), d.format_version, d.errors, d.warnings,
      d.tables[1] ? appsBalances(fields) : 'unknown',
      ...rules.map((r) => byRule.get(r) ?? 0),
    ]);
  }
  const key = (r: Array<string | number | null>) => [String(r[1] ?? '\uffff'), String(r[2] ?? ''), String(r[3])];
  return rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  });
}

export const AGENCY_COLUMNS = ['agency_key', 'agency', 'names', 'first_year', 'last_year', 'years_present', 'years_missing', 'documents'];

/** One row per agency_key: the years present, and the years missing between the first and the last. */
export async function agencyRows(db: Kysely<Database>): Promise<Array<Array<string | number | null>>> {
  const byKey = new Map<string, Doc[]>();
  for (const d of await docs(db)) if (d.agency_key !== null) byKey.set(d.agency_key, [...(byKey.get(d.agency_key) ?? []), d]);
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, ds]) => {
      const years = [...new Set(ds.map((d) => d.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
      const missing: number[] = [];
      for (let y = years[0] ?? 0; years.length && y <= years[years.length - 1]!; y++) if (!years.includes(y)) missing.push(y);
      // The name of the latest report stands for the body; every spelling seen is listed.
      const latest = [...ds].sort((a, b) => (b.year ?? -1) - (a.year ?? -1) || (a.sha256 < b.sha256 ? -1 : 1))[0]!;
      const names = [...new Set(ds.map((d) => d.agency).filter((n): n is string => n !== null))].sort();
      return [key, latest.agency, names.join(' | '), years[0] ?? null, years[years.length - 1] ?? null, years.join(' '), missing.join(' '), ds.length];
    });
}
