// Reading the store back: whole reports (for export) and the light per-document
// summaries the cross-year rules and the compliance sheet need.
import type { Finding, Format, Place, Report, ReportStatus, TemplateVersion, ValueProv } from '../types.js';
import type { Db, Row, SqlValue } from './sqlite.js';

const n = (v: SqlValue | undefined): number | undefined => (v === null || v === undefined ? undefined : Number(v));

function placeOf(r: Row): Place | undefined {
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

/** Key order of the pipeline's provenance objects, so a stored report prints like the extracted one. */
function provOf(r: Row): ValueProv & { kind?: string } {
  const { table, row, col, page, bbox, line, paragraph } = placeOf(r) ?? {};
  const p: ValueProv & { kind?: string } = { raw: String(r.raw ?? '') };
  if (r.kind !== null) p.kind = String(r.kind);
  Object.assign(p, { table, row, col });
  if (page !== undefined) p.page = page;
  if (bbox) p.bbox = bbox;
  if (line !== undefined) p.line = line;
  if (paragraph !== undefined) p.paragraph = paragraph;
  return p;
}

export function findingOf(r: Row): Finding {
  const f: Finding = { rule: String(r.rule), severity: r.severity as Finding['severity'], fields: r.fields ? String(r.fields).split(' ') : [], message: String(r.message) };
  if (r.expected !== null) f.expected = r.expected as number | string;
  if (r.actual !== null) f.actual = r.actual as number | string;
  const place = placeOf(r);
  if (place) f.place = place;
  return f;
}

/** The report of one source path as the store holds it (cross_year findings included). */
export function loadReport(db: Db, path: string, sha: string): Report | undefined {
  const d = db.prepare('SELECT * FROM documents WHERE sha256 = ?').get(sha);
  if (!d) return undefined;
  const fields: Record<string, number | null> = {};
  const provenance: Record<string, ValueProv> = {};
  for (const v of db.prepare('SELECT * FROM field_values WHERE sha256 = ? ORDER BY seq').iterate(sha)) {
    fields[String(v.field)] = v.value === null ? null : Number(v.value);
    if (v.raw !== null || v.table_index !== null) provenance[String(v.field)] = provOf(v);
  }
  const findings = db.prepare('SELECT * FROM findings WHERE sha256 = ? ORDER BY seq').all(sha).map(findingOf);
  return {
    schema: 'gkreport.report/1',
    source: { path, sha256: sha, format: d.format as Format | 'unknown', bytes: Number(d.bytes) },
    status: d.status as ReportStatus,
    meta: { agency: d.agency === null ? null : String(d.agency), year: n(d.year) ?? null, title: d.title === null ? null : String(d.title), format_version: d.format_version as TemplateVersion },
    fields,
    provenance,
    findings,
    tables_found: { active: d.table_active === 1, apps: d.table_apps === 1, review: d.table_review === 1 },
    extractor: { name: d.extractor_name as Report['extractor']['name'], version: String(d.extractor_version) },
  };
}

/** Every (path, sha256) the store holds, in source-path order (the order extract writes its CSVs in). */
export function listSources(db: Db): Array<{ path: string; sha256: string }> {
  const rows = db.prepare('SELECT path, sha256 FROM sources').all().map((r) => ({ path: String(r.path), sha256: String(r.sha256) }));
  // JavaScript's code-unit order, not SQLite's, so the rows match extract's.
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
