// Corrections in the store: appended, never updated or deleted (migration 101).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { firstSourcePath } from '../store/read.js';
import type { Database } from '../store/tables.js';
import type { Correction } from './apply.js';

export type NewCorrection = Omit<Correction, 'id' | 'created_at' | 'source_path' | 'agency_key' | 'year' | 'old_value'>;

const asCorrection = (r: Record<string, unknown>): Correction =>
  ({ ...r, year: r.year === null ? null : Number(r.year), old_value: r.old_value === null ? null : Number(r.old_value), new_value: r.new_value === null ? null : Number(r.new_value) }) as Correction;

/** Appends a correction; the document's path, agency and year and the extracted value are recorded with it. */
export async function addCorrection(db: Kysely<Database>, c: NewCorrection, now: Date = new Date()): Promise<Correction | undefined> {
  const doc = await db.selectFrom('documents').select(['agency_key', 'year']).where('sha256', '=', c.sha256).executeTakeFirst();
  if (!doc) return undefined;
  const src = { path: await firstSourcePath(db, c.sha256) };
  let old: number | null = null;
  if (c.kind === 'value' && c.field) {
    const v = await db.selectFrom('field_values').select('value').where('sha256', '=', c.sha256).where('field', '=', c.field).executeTakeFirst();
    if (!v) return undefined;
    old = v.value === null ? null : Number(v.value);
  }
  const row: Correction = {
    ...c, id: randomUUID(), created_at: now.toISOString(), source_path: src?.path ?? null,
    agency_key: doc.agency_key, year: doc.year === null ? null : Number(doc.year), old_value: old,
  };
  await db.insertInto('corrections').values(row).execute();
  return row;
}

/** The corrections of one document, oldest first. */
export async function correctionsOf(db: Kysely<Database>, sha: string): Promise<Correction[]> {
  return correctionsOfMany(db, [sha]);
}

/** The corrections of several documents, oldest first. */
export async function correctionsOfMany(db: Kysely<Database>, shas: string[]): Promise<Correction[]> {
  if (shas.length === 0) return [];
  const rows = await db.selectFrom('corrections').selectAll().where('sha256', 'in', shas).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => asCorrection(r));
}

/**
 * Corrections made on another version of this document: same source path or
 * same agency-year, different content. They are not applied (the numbers may
 * have changed) but shown as needing a look.
 */
export async function correctionsToReview(db: Kysely<Database>, sha: string): Promise<Correction[]> {
  const doc = await db.selectFrom('documents').select(['agency_key', 'year']).where('sha256', '=', sha).executeTakeFirst();
  const paths = (await db.selectFrom('sources').select('path').where('sha256', '=', sha).execute()).map((r) => r.path);
  let q = db.selectFrom('corrections').selectAll().where('sha256', '!=', sha);
  q = q.where((e) => {
    const ors = [];
    if (paths.length) ors.push(e('source_path', 'in', paths));
    if (doc?.agency_key && doc.year !== null) ors.push(e.and([e('agency_key', '=', doc.agency_key), e('year', '=', doc.year)]));
    return ors.length ? e.or(ors) : sql<boolean>`1 = 0`;
  });
  // A correction whose document is still in the store belongs to that document (two files of one agency-year).
  const rows = (await q.orderBy('created_at').execute()).map((r) => asCorrection(r));
  const live = new Set((await db.selectFrom('documents').select('sha256').where('sha256', 'in', rows.length ? rows.map((r) => r.sha256) : ['']).execute()).map((r) => r.sha256));
  return rows.filter((r) => !live.has(r.sha256));
}

export async function allCorrections(db: Kysely<Database>, limit = 500): Promise<Correction[]> {
  return (await db.selectFrom('corrections').selectAll().orderBy('created_at', 'desc').limit(limit).execute()).map((r) => asCorrection(r));
}
