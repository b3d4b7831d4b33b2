// Writing reports into the store. Keyed by content: a document is its sha256;
// `sources` says which path holds which content. Writing a report that is
// already there unchanged touches nothing, so re-running the same files leaves
// every table as it was; a path whose content changed points at the new
// document and the old one goes once no path holds it.
import { createHash } from 'node:crypto';
import type { Finding, Place, Report } from '../types.js';
import { agencyKey } from './agency-key.js';
import type { Db } from './sqlite.js';

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

const num = (v: number | undefined) => (v === undefined ? null : v);
const cell = (v: number | string | null | undefined) => (v === undefined ? null : v);

function placeColumns(p: Place | undefined): Array<number | null> {
  const b = p?.bbox;
  return [num(p?.page), num(p?.table), num(p?.row), num(p?.col), num(b?.[0]), num(b?.[1]), num(b?.[2]), num(b?.[3]), num(p?.line), num(p?.paragraph)];
}

export function insertFindings(db: Db, sha: string, findings: Finding[], firstSeq: number): void {
  const ins = db.prepare(
    `INSERT INTO findings (sha256, seq, rule, severity, fields, expected, actual, message, page, table_index, row_index, col_index, bbox_x0, bbox_y0, bbox_x1, bbox_y1, line, paragraph)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  findings.forEach((f, i) => ins.run(sha, firstSeq + i, f.rule, f.severity, f.fields.join(' '), cell(f.expected), cell(f.actual), f.message, ...placeColumns(f.place)));
}

function writeDocument(db: Db, r: Report, digest: string): void {
  const sha = r.source.sha256;
  db.prepare('DELETE FROM field_values WHERE sha256 = ?').run(sha);
  db.prepare('DELETE FROM findings WHERE sha256 = ?').run(sha);
  db.prepare(
    `INSERT OR REPLACE INTO documents (sha256, format, bytes, status, agency, agency_key, year, title, format_version, table_active, table_apps, table_review, extractor_name, extractor_version, content_digest)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    sha, r.source.format, r.source.bytes, r.status, r.meta.agency, agencyKey(r.meta.agency), r.meta.year, r.meta.title, r.meta.format_version,
    Number(r.tables_found.active), Number(r.tables_found.apps), Number(r.tables_found.review), r.extractor.name, r.extractor.version, digest,
  );
  const ins = db.prepare(
    `INSERT INTO field_values (sha256, seq, field, value, raw, kind, page, table_index, row_index, col_index, bbox_x0, bbox_y0, bbox_x1, bbox_y1, line, paragraph)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  Object.entries(r.fields).forEach(([field, value], i) => {
    const p = r.provenance[field] as (Report['provenance'][string] & { kind?: string }) | undefined;
    ins.run(sha, i, field, value, p?.raw ?? null, p?.kind ?? null, ...placeColumns(p));
  });
  insertFindings(db, sha, r.findings.filter((f) => !isRunLevel(f)), 0);
}

/** Removes a document nobody's path holds any more, with its values and findings. */
function dropIfOrphan(db: Db, sha: string): boolean {
  if (db.prepare('SELECT 1 FROM sources WHERE sha256 = ?').get(sha)) return false;
  db.prepare('DELETE FROM field_values WHERE sha256 = ?').run(sha);
  db.prepare('DELETE FROM findings WHERE sha256 = ?').run(sha);
  db.prepare('DELETE FROM documents WHERE sha256 = ?').run(sha);
  return true;
}

export type PutOutcome = 'unchanged' | 'added' | 'updated' | 'not stored';

/**
 * Puts one report in the store (call inside a transaction). Reports without
 * content (unreadable input: no sha256) have nothing to key by and are not stored.
 */
export function putReport(db: Db, r: Report): PutOutcome {
  const sha = r.source.sha256;
  if (!sha) return 'not stored';
  const digest = contentDigest(r);
  const had = db.prepare('SELECT content_digest FROM documents WHERE sha256 = ?').get(sha);
  let outcome: PutOutcome = 'unchanged';
  if (!had) outcome = 'added';
  else if (had.content_digest !== digest) outcome = 'updated';
  if (outcome !== 'unchanged') writeDocument(db, r, digest);
  const path = r.source.path;
  const before = db.prepare('SELECT sha256 FROM sources WHERE path = ?').get(path);
  if (!before) db.prepare('INSERT INTO sources (path, sha256) VALUES (?, ?)').run(path, sha);
  else if (before.sha256 !== sha) {
    // Same path, new content: the new version replaces the old one.
    db.prepare('UPDATE sources SET sha256 = ? WHERE path = ?').run(sha, path);
    dropIfOrphan(db, String(before.sha256));
    if (outcome === 'unchanged') outcome = 'updated';
  }
  return outcome;
}
