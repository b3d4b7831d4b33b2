// A stored report with its corrections applied: the one way the review app
// (report page, year against year, overview counts) and export / compliance
// --corrected read a corrected report. Its cross-year findings are computed
// again whenever a value correction sits on it or on a document they compare
// it with (the agency's year before, or another document of its year).
import { sql, type Kysely } from 'kysely';
import { storeYearDocs } from '../store/cross-sync.js';
import { firstSourcePath, loadReport } from '../store/read.js';
import type { Database } from '../store/tables.js';
import type { Report } from '../types.js';
import { applyCorrections, valuesInForce, type Correction, type CorrectedReport, type CrossYearContext } from './apply.js';
import { correctionsOf, correctionsOfMany } from './store.js';

export interface LoadedReport {
  /** The report as extracted (and as the store's cross-year run left it). */
  extracted: Report;
  view: CorrectedReport;
  /** This document's own corrections, oldest first. */
  corrections: Correction[];
}

/** The agency's documents the cross-year rules compare `r` with, corrected; undefined when no value correction touches them or `r`. */
async function crossYearContext(db: Kysely<Database>, r: Report, own: Correction[]): Promise<CrossYearContext | undefined> {
  const doc = await db.selectFrom('documents').select(['agency_key', 'year']).where('sha256', '=', r.source.sha256).executeTakeFirst();
  if (!doc?.agency_key || doc.year === null) return undefined;
  const year = Number(doc.year);
  // Most reports have no value correction near them: that is asked first, before the agency's documents and values are read.
  if (!own.some((c) => c.kind === 'value')) {
    const near = await db
      .selectFrom('corrections as c')
      .innerJoin('documents as d', 'd.sha256', 'c.sha256')
      .select('c.id')
      .where('c.kind', '=', 'value')
      .where('d.agency_key', '=', doc.agency_key)
      .where('d.year', 'in', [year, year - 1])
      .limit(1)
      .executeTakeFirst();
    if (!near) return undefined;
  }
  const docs = await storeYearDocs(db, [doc.agency_key]);
  const self = docs.find((d) => d.sha256 === r.source.sha256);
  const others = docs.filter((d) => d !== self && (d.year === year || d.year === year - 1));
  const theirs = await correctionsOfMany(db, others.map((d) => d.sha256));
  if (!own.some((c) => c.kind === 'value') && !theirs.some((c) => c.kind === 'value')) return undefined;
  for (const d of others) {
    for (const [field, value] of valuesInForce(theirs.filter((c) => c.sha256 === d.sha256))) {
      if (field in d.fields) d.fields[field] = value;
    }
  }
  return { agencyKey: doc.agency_key, path: self?.path ?? r.source.path, others };
}

/** The stored report of `sha` (read as from `path`, else its first source path) with its corrections applied. */
export async function loadCorrected(db: Kysely<Database>, sha: string, path?: string): Promise<LoadedReport | undefined> {
  const from = path ?? (await firstSourcePath(db, sha));
  const extracted = from === undefined ? undefined : await loadReport(db, from, sha);
  if (!extracted) return undefined;
  const corrections = await correctionsOf(db, sha);
  return { extracted, view: applyCorrections(extracted, corrections, await crossYearContext(db, extracted, corrections)), corrections };
}

/**
 * Documents whose report a correction may change: those with a correction of
 * their own, and, for each value correction, the agency's documents of the
 * same year and of the next (their cross-year findings compare the corrected value).
 */
export async function affectedShas(db: Kysely<Database>): Promise<Set<string>> {
  const own = await db.selectFrom('corrections').select('sha256').distinct().execute();
  const near = await db
    .selectFrom('corrections as c')
    .innerJoin('documents as d', 'd.sha256', 'c.sha256')
    .innerJoin('documents as n', (j) => j.onRef('n.agency_key', '=', 'd.agency_key').on((e) => e.or([e('n.year', '=', e.ref('d.year')), e('n.year', '=', sql<number>`d.year + 1`)])))
    .select('n.sha256')
    .distinct()
    .where('c.kind', '=', 'value')
    .execute();
  return new Set([...own, ...near].map((r) => r.sha256));
}
