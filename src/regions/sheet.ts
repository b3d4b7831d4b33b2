// regions.csv: the compliance picture by region and year, at every level (a
// county's reports count for its city and its province too). Pure over the
// rows of compliance.csv and each row's region.
import type { Region } from './resolve.js';

export const REGION_SHEET_COLUMNS = ['level', 'region_code', 'region_province', 'region_city', 'region_county', 'year', 'agency_years', 'ok', 'partial', 'failed', 'with_errors', 'errors', 'warnings'];

export interface SheetInput {
  region: Region;
  year: number | null;
  status: string;
  errors: number;
  warnings: number;
}

type Level = 'province' | 'city' | 'county';

function levels(r: Region): Array<{ level: Level; code: string; province: string | null; city: string | null; county: string | null }> {
  const code = r.region_code;
  if (!code) return [];
  const out: ReturnType<typeof levels> = [{ level: 'province', code: `${code.slice(0, 2)}0000`, province: r.region_province, city: null, county: null }];
  if (r.region_city) out.push({ level: 'city', code: `${code.slice(0, 4)}00`, province: r.region_province, city: r.region_city, county: null });
  if (r.region_county) out.push({ level: 'county', code, province: r.region_province, city: r.region_city, county: r.region_county });
  return out;
}

export function regionSheetRows(rows: SheetInput[]): Array<Array<string | number | null>> {
  const acc = new Map<string, { key: ReturnType<typeof levels>[number]; year: number | null; n: number; ok: number; partial: number; failed: number; withErrors: number; errors: number; warnings: number }>();
  for (const r of rows) {
    for (const l of levels(r.region)) {
      const k = `${l.code}\u0000${r.year ?? ''}`;
      const a = acc.get(k) ?? { key: l, year: r.year, n: 0, ok: 0, partial: 0, failed: 0, withErrors: 0, errors: 0, warnings: 0 };
      a.n++;
      if (r.status === 'ok') a.ok++;
      else if (r.status === 'partial') a.partial++;
      else a.failed++;
      if (r.errors > 0) a.withErrors++;
      a.errors += r.errors;
      a.warnings += r.warnings;
      acc.set(k, a);
    }
  }
  return [...acc.values()]
    .sort((a, b) => (a.key.code < b.key.code ? -1 : a.key.code > b.key.code ? 1 : (a.year ?? 0) - (b.year ?? 0)))
    .map((a) => [a.key.level, a.key.code, a.key.province, a.key.city, a.key.county, a.year, a.n, a.ok, a.partial, a.failed, a.withErrors, a.errors, a.warnings]);
}
