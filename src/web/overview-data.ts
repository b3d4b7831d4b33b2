// The overview's data: agencies × years, each cell the state of that
// agency-year's report, with counts per rule — all through Kysely, so the
// same queries run on SQLite and PostgreSQL.
import { sql, type Kysely } from 'kysely';
import { applyCorrections } from '../corrections/apply.js';
import { correctedShas, correctionsOf } from '../corrections/store.js';
import { loadReport } from '../store/read.js';
import type { Database } from '../store/tables.js';

export type CellState = 'ok' | 'errors' | 'partial' | 'failed' | 'missing';
export const STATES: CellState[] = ['ok', 'errors', 'partial', 'failed', 'missing'];

export interface OverviewFilter {
  /** A region code: 320000 is the province, 320800 the city, 320813 the county. */
  region?: string;
  year?: number;
  rule?: string;
  status?: CellState;
  page?: number;
}

export interface Cell {
  year: number;
  state: CellState;
  sha256?: string;
  errors: number;
  warnings: number;
  documents: number;
  corrected: boolean;
}

export interface AgencyRow {
  key: string;
  agency: string;
  region_code: string | null;
  region_name: string;
  cells: Cell[];
  errors: number;
}

export interface Overview {
  years: number[];
  rows: AgencyRow[];
  total: number;
  pageSize: number;
  ruleCounts: Array<{ rule: string; n: number }>;
  regions: Array<{ code: string; name: string }>;
  rules: string[];
}

export const PAGE_SIZE = 100;
const RANK: Record<string, number> = { ok: 0, partial: 1, failed: 2 };

/** "320800" → "3208": the code prefix every division inside it shares. */
export function regionPrefix(code: string): string {
  return /^\d{6}$/.test(code) ? code.replace(/(?:00)+$/, '') : code;
}

function stateOf(status: string, errors: number): CellState {
  if (status === 'failed') return 'failed';
  if (errors > 0) return 'errors';
  return status === 'partial' ? 'partial' : 'ok';
}

export async function overview(db: Kysely<Database>, f: OverviewFilter): Promise<Overview> {
  const counts = db
    .selectFrom('findings')
    .select(['sha256', sql<number>`sum(case when severity = 'error' then 1 else 0 end)`.as('errors'), sql<number>`sum(case when severity = 'warning' then 1 else 0 end)`.as('warnings')])
    .groupBy('sha256')
    .as('c');
  let q = db
    .selectFrom('documents as d')
    .leftJoin(counts, 'c.sha256', 'd.sha256')
    .select(['d.sha256', 'd.agency', 'd.agency_key', 'd.year', 'd.status', 'd.region_code', 'd.region_province', 'd.region_city', 'd.region_county', 'c.errors', 'c.warnings']);
  if (f.region) q = q.where('d.region_code', 'like', `${regionPrefix(f.region)}%`);
  if (f.rule) {
    const rule = f.rule;
    q = q.where((e) => e.exists(e.selectFrom('findings as r').select('r.sha256').whereRef('r.sha256', '=', 'd.sha256').where('r.rule', '=', rule).where('r.severity', 'in', ['error', 'warning'])));
  }
  const docs = await q.execute();
  const fixed = await correctedShas(db);

  // One row per agency (agency_key; a document without one is its own row), one cell per year.
  const byAgency = new Map<string, { agency: string; region_code: string | null; region_name: string; docs: typeof docs }>();
  for (const d of docs) {
    const key = d.agency_key ?? `sha:${d.sha256}`;
    const g = byAgency.get(key) ?? { agency: d.agency ?? '(未识别机构 agency not read)', region_code: d.region_code, region_name: [d.region_province, d.region_city, d.region_county].filter(Boolean).join(' '), docs: [] };
    g.docs.push(d);
    byAgency.set(key, g);
  }
  const allYears = [...new Set(docs.map((d) => d.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  const years = f.year !== undefined ? [f.year] : allYears;
  let rows: AgencyRow[] = [];
  for (const [key, g] of byAgency) {
    const cells: Cell[] = years.map((year) => {
      const here = g.docs.filter((d) => d.year === year);
      if (!here.length) return { year, state: 'missing', errors: 0, warnings: 0, documents: 0, corrected: false };
      const best = [...here].sort((a, b) => RANK[a.status]! - RANK[b.status]! || Number(a.errors ?? 0) - Number(b.errors ?? 0) || (a.sha256 < b.sha256 ? -1 : 1))[0]!;
      const errors = Number(best.errors ?? 0);
      return { year, state: stateOf(best.status, errors), sha256: best.sha256, errors, warnings: Number(best.warnings ?? 0), documents: here.length, corrected: fixed.has(best.sha256) };
    });
    // Documents without a year still show: as a row of their own with the year blank.
    if (f.year === undefined && g.docs.every((d) => d.year === null)) {
      const d = g.docs[0]!;
      cells.push({ year: NaN, state: stateOf(d.status, Number(d.errors ?? 0)), sha256: d.sha256, errors: Number(d.errors ?? 0), warnings: Number(d.warnings ?? 0), documents: 1, corrected: fixed.has(d.sha256) });
    }
    if (cells.every((c) => c.state === 'missing')) continue;
    rows.push({ key, agency: g.agency, region_code: g.region_code, region_name: g.region_name, cells, errors: 0 });
  }
  // Corrected documents: their state after the checks ran again on the corrected values.
  for (const row of rows) {
    for (const c of row.cells) {
      if (!c.corrected || !c.sha256) continue;
      const path = (await db.selectFrom('sources').select('path').where('sha256', '=', c.sha256).limit(1).executeTakeFirst())?.path ?? '';
      const r = await loadReport(db, path, c.sha256);
      if (!r) continue;
      const fixedR = applyCorrections(r, await correctionsOf(db, c.sha256)).report;
      c.errors = fixedR.findings.filter((x) => x.severity === 'error').length;
      c.warnings = fixedR.findings.filter((x) => x.severity === 'warning').length;
      c.state = stateOf(r.status, c.errors);
    }
    row.errors = row.cells.reduce((s, c) => s + c.errors, 0);
  }
  if (f.status) rows = rows.filter((r) => r.cells.some((c) => c.state === f.status));
  rows.sort((a, b) => b.errors - a.errors || (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0));
  const page = Math.max(1, f.page ?? 1);
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  const shas = docs.map((d) => d.sha256);
  let rc = db.selectFrom('findings as f').innerJoin('documents as d', 'd.sha256', 'f.sha256').select(['f.rule', (e) => e.fn.countAll<number>().as('n')]).where('f.severity', 'in', ['error', 'warning']);
  if (f.region) rc = rc.where('d.region_code', 'like', `${regionPrefix(f.region)}%`);
  if (f.year !== undefined) rc = rc.where('d.year', '=', f.year);
  const ruleCounts = shas.length ? (await rc.groupBy('f.rule').execute()).map((r) => ({ rule: r.rule, n: Number(r.n) })).sort((a, b) => b.n - a.n || (a.rule < b.rule ? -1 : 1)) : [];

  const regionRows = await db.selectFrom('documents').select(['region_code', 'region_province', 'region_city']).distinct().where('region_code', 'is not', null).execute();
  const regions = new Map<string, string>();
  for (const r of regionRows) {
    const code = r.region_code!;
    regions.set(`${code.slice(0, 2)}0000`, r.region_province ?? code);
    if (r.region_city) regions.set(`${code.slice(0, 4)}00`, `${r.region_province} ${r.region_city}`);
  }
  const rules = (await db.selectFrom('findings').select('rule').distinct().where('severity', 'in', ['error', 'warning']).execute()).map((r) => r.rule).sort();
  return {
    years,
    rows: shown,
    total: rows.length,
    pageSize: PAGE_SIZE,
    ruleCounts,
    regions: [...regions.entries()].map(([code, name]) => ({ code, name })).sort((a, b) => (a.code < b.code ? -1 : 1)),
    rules,
  };
}
