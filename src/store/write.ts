// Writing reports into the store. Keyed by content: a document is its sha256;
// `sources` says which path holds which content. Writing a report that is
// already there unchanged touches nothing, so re-running the same files leaves
// every table as it was; a path whose content changed points at the new
// document and the old one goes once no path holds it.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isUrlInput } from '../inputs/index.js';
import type { Finding, Place, Report, ValueProv } from '../types.js';
import { agencyKey } from './agency-key.js';
import { isPostgres } from './engine.js';
import type { Database, FieldValuesTable, FindingsTable, PlaceColumns } from './tables.js';

/** Findings computed across reports (cross_year.*): the store recomputes them after every run. */
export function isRunLevel(f: Finding): boolean {
  return f.rule.startsWith('cross_year.');
}

/** What the store keeps of a report, as one string: equal digests mean nothing to rewrite. */
export function contentDigest(r: Report): string {
  const kept = {
    format: r.source.format,
    bytes: r.source.bytes,
    status: r.status,
    meta: r.meta,
    tables_found: r.tables_found,
    extractor: r.extractor,
    fields: Object.entries(r.fields),
    provenance: r.provenance,
    findings: r.findings.filter((f) => !isRunLevel(f)),
  };
  return createHash('sha256').update(JSON.stringify(kept)).digest('hex');
}

/**
 * The key of a URL's failed document (no content, so no content hash): the
 * SHA-256 of the URL with a prefix no report's bytes start with by accident,
 * 64 hex digits like every other key, so the review app opens it the same way.
 */
export function failedUrlKey(url: string): string {
  return createHash('sha256').update(`gkreport: no content fetched from\n${url}`).digest('hex');
}

/** A URL input's report that has no content: a failed download, or an extraction stopped by the limits. */
function isFailedUrl(r: Report): boolean {
  return !r.source.sha256 && r.status === 'failed' && isUrlInput(r.source.path);
}

const num = (v: number | undefined) => (v === undefined ? null : v);

function placeColumns(p: Place | undefined): PlaceColumns {
  const b = p?.bbox;
  return {
    page: num(p?.page), table_index: num(p?.table), row_index: num(p?.row), col_index: num(p?.col),
    bbox_x0: num(b?.[0]), bbox_y0: num(b?.[1]), bbox_x1: num(b?.[2]), bbox_y1: num(b?.[3]),
    line: num(p?.line), paragraph: num(p?.paragraph),
  };
}

// Rows per INSERT: far below SQLite's and PostgreSQL's limits on bound parameters.
const CHUNK = 400;

async function insertChunked<T extends 'field_values' | 'findings'>(db: Kysely<Database>, table: T, rows: Array<T extends 'findings' ? FindingsTable : FieldValuesTable>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
}

export async function insertFindings(db: Kysely<Database>, sha: string, findings: Finding[], firstSeq: number): Promise<void> {
  // PostgreSQL keeps expected/actual as jsonb (a number stays a number, a string a string).
  const cell = isPostgres(db) ? (v: number | string | null | undefined) => (v === undefined || v === null ? null : JSON.stringify(v)) : (v: number | string | null | undefined) => (v === undefined ? null : v);
  const rows = findings.map((f, i) => ({
    sha256: sha, seq: firstSeq + i, rule: f.rule, severity: f.severity, fields: f.fields.join(' '),
    expected: cell(f.expected), actual: cell(f.actual), message: f.message, ...placeColumns(f.place),
  }));
  await insertChunked(db, 'findings', rows);
}

type Prov = ValueProv & { kind?: string; ocr?: boolean; confidence?: number; inferred?: boolean };
const flag = (v: boolean | undefined) => (v === undefined ? null : Number(v));

async function writeDocument(db: Kysely<Database>, sha: string, r: Report & { source: { url?: string; etag?: string; last_modified?: string } }, digest: string, now: Date): Promise<void> {
  const doc = {
    sha256: sha, format: r.source.format, bytes: r.source.bytes, status: r.status, agency: r.meta.agency, agency_key: agencyKey(r.meta.agency),
    year: r.meta.year, title: r.meta.title, format_version: r.meta.format_version,
    table_active: Number(r.tables_found.active), table_apps: Number(r.tables_found.apps), table_review: Number(r.tables_found.review),
    extractor_name: r.extractor.name, extractor_version: r.extractor.version, content_digest: digest,
    url: r.source.url ?? null, etag: r.source.etag ?? null, last_modified: r.source.last_modified ?? null,
    region_code: r.meta.region_code ?? null, region_province: r.meta.region_province ?? null, region_city: r.meta.region_city ?? null, region_county: r.meta.region_county ?? null,
    fetch_failed_at: r.source.sha256 ? null : now.toISOString(),
  };
  const { sha256: _, ...changes } = doc;
  // The document row first: on PostgreSQL it locks the sha256, so a second worker writing the same
  // content waits here and then replaces whole what the first wrote.
  await db.insertInto('documents').values(doc).onConflict((oc) => oc.column('sha256').doUpdateSet(changes)).execute();
  await db.deleteFrom('field_values').where('sha256', '=', sha).execute();
  await db.deleteFrom('findings').where('sha256', '=', sha).execute();
  const values = Object.entries(r.fields).map(([field, value], i) => {
    const p = r.provenance[field] as Prov | undefined;
    return {
      sha256: sha, seq: i, field, value, raw: p?.raw ?? null, kind: p?.kind ?? null, ...placeColumns(p),
      ocr: flag(p?.ocr), confidence: num(p?.confidence), inferred: flag(p?.inferred),
    };
  });
  await insertChunked(db, 'field_values', values);
  await insertFindings(db, sha, r.findings.filter((f) => !isRunLevel(f)), 0);
}

/** Removes a document nobody's path holds any more, with its values and findings. */
async function dropIfOrphan(db: Kysely<Database>, sha: string): Promise<void> {
  if (await db.selectFrom('sources').select('path').where('sha256', '=', sha).limit(1).executeTakeFirst()) return;
  await db.deleteFrom('field_values').where('sha256', '=', sha).execute();
  await db.deleteFrom('findings').where('sha256', '=', sha).execute();
  await db.deleteFrom('documents').where('sha256', '=', sha).execute();
}

/** `kept`: a URL that failed tonight whose earlier report (with content) stays in the store. */
export type PutOutcome = 'unchanged' | 'added' | 'updated' | 'kept' | 'not stored';

export interface Put {
  outcome: PutOutcome;
  /** agency_keys whose cross-year findings may have changed: the report's, and that of a document it replaced. */
  agencyKeys: string[];
}

/**
 * Puts one report in the store. Call inside a transaction (writeReport does):
 * document, values, findings and source land together or not at all. A URL
 * that gave no content is a failed document under its failedUrlKey (a later
 * fetch with content replaces it, as a changed file replaces its earlier
 * version), unless the store holds a report with content for that URL: that
 * one stays (nothing already written is lost to a night's outage). Other
 * reports without content (an unreadable path) have nothing to key by and are
 * not stored. `now`: when a failed URL's failure is recorded.
 */
export async function putReport(db: Kysely<Database>, r: Report, now: Date = new Date()): Promise<Put> {
  const failedUrl = isFailedUrl(r);
  const sha = failedUrl ? failedUrlKey(r.source.path) : r.source.sha256;
  if (!sha) return { outcome: 'not stored', agencyKeys: [] };
  if (failedUrl) {
    const held = await db.selectFrom('sources').innerJoin('documents', 'documents.sha256', 'sources.sha256').select('documents.fetch_failed_at').where('sources.path', '=', r.source.path).executeTakeFirst();
    if (held && held.fetch_failed_at === null) return { outcome: 'kept', agencyKeys: [] };
  }
  const keys = new Set<string>();
  const key = agencyKey(r.meta.agency);
  if (key) keys.add(key);
  const digest = contentDigest(r);
  const had = await db.selectFrom('documents').select(['content_digest', 'agency_key']).where('sha256', '=', sha).executeTakeFirst();
  let outcome: PutOutcome = 'unchanged';
  if (!had) outcome = 'added';
  else if (had.content_digest !== digest) outcome = 'updated';
  if (had?.agency_key) keys.add(had.agency_key);
  if (outcome !== 'unchanged') await writeDocument(db, sha, r, digest, now);
  const path = r.source.path;
  const before = await db.selectFrom('sources').select('sha256').where('path', '=', path).executeTakeFirst();
  if (!before) await db.insertInto('sources').values({ path, sha256: sha }).execute();
  else if (before.sha256 !== sha) {
    // Same path, new content: the new version replaces the old one.
    const old = await db.selectFrom('documents').select('agency_key').where('sha256', '=', before.sha256).executeTakeFirst();
    if (old?.agency_key) keys.add(old.agency_key);
    await db.updateTable('sources').set({ sha256: sha }).where('path', '=', path).execute();
    await dropIfOrphan(db, before.sha256);
    if (outcome === 'unchanged') outcome = 'updated';
  }
  return { outcome, agencyKeys: [...keys] };
}
