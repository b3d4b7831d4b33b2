// Reading the store back: whole reports (for export) and the light per-document
// summaries the cross-year rules and the compliance sheet need.
import type { Kysely, Selectable } from 'kysely';
import type { Finding, Format, Place, Report, ReportStatus, TemplateVersion, ValueProv } from '../types.js';
import type { Database, FieldValuesTable, FindingsTable, PlaceColumns } from './tables.js';

const n = (v: number | null | undefined): number | undefined => (v === null || v === undefined ? undefined : Number(v));

function placeOf(r: PlaceColumns): Place | undefined {
  const p: Place = {};
  const set = <K extends keyof Place>(k: K, v: Place[K] | undefined) => {
    if (v !== undefined) p[k] = v;
  };
  set('table', n(r.table_index));
  set('row', n(r.row_index));
  set('col', n(r.col_index));
  set('page', n(r.page));
  if (r.bbox_x0 !== null) p.bbox = [Number(r.bbox_x0), Number(r.bbox_y0), Number(r.bbox_x1), Number(r.bbox_y1)];
  set('line', n(r.line));
  set('paragraph', n(r.paragraph));
  return Object.keys(p).length ? p : undefined;
}

type Prov = ValueProv & { kind?: string; ocr?: boolean; confidence?: number; inferred?: boolean };

/** Key order of the pipeline's provenance objects, so a stored report prints like the extracted one. */
function provOf(r: Selectable<FieldValuesTable>): Prov {
  const { table, row, col, page, bbox, line, paragraph } = placeOf(r) ?? {};
  const p: Prov = { raw: String(r.raw ?? '') };
  if (r.kind !== null) p.kind = String(r.kind);
  Object.assign(p, { table, row, col });
  if (page !== undefined) p.page = page;
  if (bbox) p.bbox = bbox;
  if (line !== undefined) p.line = line;
  if (paragraph !== undefined) p.paragraph = paragraph;
  if (r.ocr === 1) p.ocr = true;
  if (r.confidence !== null && r.confidence !== undefined) p.confidence = Number(r.confidence);
  if (r.inferred === 1) p.inferred = true;
  return p;
}

export function findingOf(r: Selectable<FindingsTable>): Finding {
  const f: Finding = { rule: String(r.rule), severity: r.severity as Finding['severity'], fields: r.fields ? String(r.fields).split(' ') : [], message: String(r.message) };
  if (r.expected !== null) f.expected = r.expected;
  if (r.actual !== null) f.actual = r.actual;
  const place = placeOf(r);
  if (place) f.place = place;
  return f;
}

/** The report of one source path as the store holds it (cross_year findings included). */
export async function loadReport(db: Kysely<Database>, path: string, sha: string): Promise<Report | undefined> {
  const d = await db.selectFrom('documents').selectAll().where('sha256', '=', sha).executeTakeFirst();
  if (!d) return undefined;
  const fields: Record<string, number | null> = {};
  const provenance: Record<string, ValueProv> = {};
  for (const v of await db.selectFrom('field_values').selectAll().where('sha256', '=', sha).orderBy('seq').execute()) {
    fields[v.field] = v.value === null ? null : Number(v.value);
    if (v.raw !== null || v.table_index !== null) provenance[v.field] = provOf(v);
  }
  const findings = (await db.selectFrom('findings').selectAll().where('sha256', '=', sha).orderBy('seq').execute()).map(findingOf);
  // A URL's failed document has no content: its report says so with an empty sha256, as extract wrote it.
  const source: Report['source'] & { url?: string; etag?: string; last_modified?: string } = { path, sha256: d.fetch_failed_at === null ? sha : '', format: d.format as Format | 'unknown', bytes: Number(d.bytes) };
  if (d.url) source.url = d.url;
  if (d.etag) source.etag = d.etag;
  if (d.last_modified) source.last_modified = d.last_modified;
  return {
    schema: 'gkreport.report/1',
    source,
    status: d.status as ReportStatus,
    meta: {
      agency: d.agency, year: d.year === null ? null : Number(d.year), title: d.title, format_version: d.format_version as TemplateVersion,
      region_code: d.region_code, region_province: d.region_province, region_city: d.region_city, region_county: d.region_county,
    },
    fields,
    provenance,
    findings,
    tables_found: { active: Number(d.table_active) === 1, apps: Number(d.table_apps) === 1, review: Number(d.table_review) === 1 },
    extractor: { name: d.extractor_name as Report['extractor']['name'], version: d.extractor_version },
  };
}

/** Every (path, sha256) the store holds, in source-path order (the order extract writes its CSVs in). */
export async function listSources(db: Kysely<Database>): Promise<Array<{ path: string; sha256: string }>> {
  const rows = await db.selectFrom('sources').select(['path', 'sha256']).execute();
  // JavaScript's code-unit order, not the database's collation, so the rows match extract's.
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The first source path (in the database's order) that holds `sha`: the one its report is shown under. */
export async function firstSourcePath(db: Kysely<Database>, sha: string): Promise<string | undefined> {
  return (await db.selectFrom('sources').select('path').where('sha256', '=', sha).orderBy('path').limit(1).executeTakeFirst())?.path;
}
