// The overview's data: agencies × years, each cell the state of that
// agency-year's report, with counts per rule. Pure over the documents'
// summaries (summary.ts reads them from the store through Kysely).
import type { DocSummary } from './summary.js';

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

const PAGE_SIZE = 100;
const RANK: Record<string, number> = { ok: 0, partial: 1, failed: 2 };

/** "320800" → "3208": the code prefix every division inside it shares. */
function regionPrefix(code: string): string {
  return /^\d{6}$/.test(code) ? code.replace(/(?:00)+$/, '') : code;
}

function stateOf(d: DocSummary): CellState {
  if (d.status === 'failed') return 'failed';
  if (d.errors > 0) return 'errors';
  return d.status === 'partial' ? 'partial' : 'ok';
}

const cellOf = (year: number, d: DocSummary, documents: number): Cell => ({ year, state: stateOf(d), sha256: d.sha256, errors: d.errors, warnings: d.warnings, documents, corrected: d.corrected });
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function overview(all: DocSummary[], f: OverviewFilter): Overview {
  const prefix = f.region ? regionPrefix(f.region) : undefined;
  const inRegion = prefix ? all.filter((d) => d.region_code?.startsWith(prefix)) : all;
  const docs = f.rule ? inRegion.filter((d) => d.rules.has(f.rule!)) : inRegion;

  // One row per agency (agency_key; a document without one is its own row), one cell per year.
  const byAgency = new Map<string, DocSummary[]>();
  for (const d of docs) {
    const key = d.agency_key ?? `sha:${d.sha256}`;
    const g = byAgency.get(key);
    if (g) g.push(d);
    else byAgency.set(key, [d]);
  }
  const years = f.year !== undefined ? [f.year] : [...new Set(docs.map((d) => d.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  let rows: AgencyRow[] = [];
  for (const [key, group] of byAgency) {
    const cells: Cell[] = years.map((year) => {
      const here = group.filter((d) => d.year === year);
      if (!here.length) return { year, state: 'missing', errors: 0, warnings: 0, documents: 0, corrected: false };
      const best = here.length === 1 ? here[0]! : [...here].sort((a, b) => RANK[a.status]! - RANK[b.status]! || a.errors - b.errors || byText(a.sha256, b.sha256))[0]!;
      return cellOf(year, best, here.length);
    });
    // A document without a year still shows, in a cell of its own.
    if (f.year === undefined && group.every((d) => d.year === null)) cells.push(cellOf(NaN, group[0]!, 1));
    if (cells.every((c) => c.state === 'missing')) continue;
    const first = group[0]!;
    rows.push({
      key,
      agency: first.agency ?? (first.failedUrl ? `(下载失败 not fetched) ${first.failedUrl}` : '(未识别机构 agency not read)'),
      region_code: first.region_code,
      region_name: [first.region_province, first.region_city, first.region_county].filter(Boolean).join(' '),
      cells,
      errors: cells.reduce((s, c) => s + c.errors, 0),
    });
  }
  if (f.status) rows = rows.filter((r) => r.cells.some((c) => c.state === f.status));
  rows.sort((a, b) => b.errors - a.errors || byText(a.agency, b.agency));
  const page = Math.max(1, f.page ?? 1);

  const counts = new Map<string, number>();
  for (const d of inRegion) if (f.year === undefined || d.year === f.year) for (const [rule, n] of d.rules) counts.set(rule, (counts.get(rule) ?? 0) + n);
  const regions = new Map<string, string>();
  const rules = new Set<string>();
  for (const d of all) {
    for (const r of d.rules.keys()) rules.add(r);
    const code = d.region_code;
    if (!code) continue;
    regions.set(`${code.slice(0, 2)}0000`, d.region_province ?? code);
    if (d.region_city) regions.set(`${code.slice(0, 4)}00`, `${d.region_province} ${d.region_city}`);
  }
  return {
    years,
    rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: rows.length,
    pageSize: PAGE_SIZE,
    ruleCounts: [...counts].map(([rule, n]) => ({ rule, n })).sort((a, b) => b.n - a.n || byText(a.rule, b.rule)),
    regions: [...regions].map(([code, name]) => ({ code, name })).sort((a, b) => byText(a.code, b.code)),
    rules: [...rules].sort(byText),
  };
}
