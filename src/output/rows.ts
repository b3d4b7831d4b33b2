// A report → its rows in reports.csv, values.csv and findings.csv.
import type { Report } from '../types.js';
import { FIELD_COLUMNS, REGION_COLUMNS } from './columns.js';

type Cell = string | number | null | undefined;

export function reportRow(r: Report): Cell[] {
  const count = (s: string) => r.findings.filter((f) => f.severity === s).length;
  return [r.source.path, r.source.url, r.source.sha256, r.source.format, r.status, r.meta.agency, r.meta.year, r.meta.format_version, count('error'), count('warning'), ...FIELD_COLUMNS.map((id) => r.fields[id]), ...REGION_COLUMNS.map((k) => r.meta[k] ?? null)];
}

export function valueRows(r: Report): Cell[][] {
  return Object.entries(r.fields).map(([id, value]) => {
    const p = r.provenance[id];
    return [r.source.sha256, r.meta.agency, r.meta.year, id, value, p?.raw, p?.page, p?.table, p?.row, p?.col, p?.bbox?.map((n) => Math.round(n * 100) / 100).join(' '), p?.line, r.source.path, r.source.url, r.meta.region_code ?? null, p?.inferred ? 1 : undefined, p?.ocr ? 1 : undefined, p?.confidence];
  });
}

export function findingRows(r: Report): Cell[][] {
  return r.findings.map((f) => [
    r.source.sha256,
    r.source.path,
    r.source.url,
    r.meta.agency,
    r.meta.year,
    f.rule,
    f.severity,
    f.fields.join(' '),
    f.expected,
    f.actual,
    f.message,
    f.place?.page,
    f.place?.table,
    f.place?.row,
    f.place?.col,
    r.meta.region_code ?? null,
  ]);
}
