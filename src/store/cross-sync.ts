// Cross-year findings in the store: the documents to compare (read from the
// store), and writing each document's computed cross_year findings back,
// touching only the documents whose findings changed. Either over the whole
// store (after an extract run) or over some agencies (a worker, as each report lands).
import { sql, type Kysely } from 'kysely';
import type { Finding } from '../types.js';
import { crossYearFindings, type YearDoc } from './cross-year.js';
import { isPostgres } from './engine.js';
import { findingOf } from './read.js';
import type { Database } from './tables.js';
import { insertFindings } from './write.js';

const CARRY = /^apps\.carried_(?:in|out)\./;

/** Documents with an agency_key and a year (of `keys` only, when given); all their fields when they share an agency-year, else only the carried ones. */
export async function storeYearDocs(db: Kysely<Database>, keys?: string[]): Promise<YearDoc[]> {
  let q = db
    .selectFrom('documents as d')
    .select((e) => [
      'd.sha256', 'd.agency_key', 'd.year',
      e.selectFrom('sources as s').select((s) => s.fn.min('s.path').as('p')).whereRef('s.sha256', '=', 'd.sha256').as('path'),
      e.selectFrom('documents as o').select((o) => o.fn.countAll().as('n')).whereRef('o.agency_key', '=', 'd.agency_key').whereRef('o.year', '=', 'd.year').as('twins'),
    ])
    .where('d.agency_key', 'is not', null)
    .where('d.year', 'is not', null)
    // A URL that gave no content is no report to compare.
    .where('d.fetch_failed_at', 'is', null)
    .orderBy('d.sha256');
  if (keys) {
    if (!keys.length) return [];
    q = q.where('d.agency_key', 'in', keys);
  }
  const docs = await q.execute();
  const out: YearDoc[] = [];
  for (const d of docs) {
    const fields: Record<string, number | null> = {};
    let vq = db.selectFrom('field_values').select(['field', 'value']).where('sha256', '=', d.sha256).orderBy('seq');
    if (Number(d.twins) <= 1) vq = vq.where((e) => e.or([e('field', 'like', 'apps.carried_in.%'), e('field', 'like', 'apps.carried_out.%')]));
    for (const v of await vq.execute()) if (Number(d.twins) > 1 || CARRY.test(v.field)) fields[v.field] = v.value === null ? null : Number(v.value);
    out.push({ sha256: d.sha256, path: String(d.path ?? ''), agencyKey: String(d.agency_key), year: Number(d.year), fields });
  }
  return out;
}

const same = (a: Finding[], b: Finding[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Recomputes cross_year findings (over the whole store, or the documents of
 * `keys`) and writes back those that changed; returns them by sha256. Call
 * inside a transaction. On PostgreSQL, each agency is locked for the rest of
 * the transaction first, so two workers landing two years of one body at once
 * do not each miss the other's report.
 */
export async function syncCrossYear(db: Kysely<Database>, keys?: string[]): Promise<Map<string, Finding[]>> {
  if (keys && isPostgres(db)) {
    for (const k of [...keys].sort()) await sql`SELECT pg_advisory_xact_lock(hashtext(${k}))`.execute(db);
  }
  const computed = crossYearFindings(await storeYearDocs(db, keys));
  let shas = db.selectFrom('documents').select('sha256');
  if (keys) {
    if (!keys.length) return computed;
    shas = shas.where('agency_key', 'in', keys);
  }
  for (const { sha256: sha } of await shas.execute()) {
    const want = computed.get(sha) ?? [];
    const have = await db.selectFrom('findings').selectAll().where('sha256', '=', sha).where('rule', 'like', 'cross_year.%').orderBy('seq').execute();
    if (same(have.map(findingOf), want)) continue;
    await db.deleteFrom('findings').where('sha256', '=', sha).where('rule', 'like', 'cross_year.%').execute();
    const next = await db.selectFrom('findings').select((e) => e.fn.max('seq').as('m')).where('sha256', '=', sha).where('rule', 'not like', 'cross_year.%').executeTakeFirst();
    await insertFindings(db, sha, want, next?.m === null || next?.m === undefined ? 0 : Number(next.m) + 1);
  }
  return computed;
}
