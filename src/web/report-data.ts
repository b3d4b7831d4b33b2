// What the report page shows: the stored report, its corrections applied, the
// corrections of an earlier version of it to look at again, and the agency's other years.
import type { Kysely } from 'kysely';
import type { Correction, CorrectedReport } from '../corrections/apply.js';
import { loadCorrected } from '../corrections/load.js';
import { correctionsToReview } from '../corrections/store.js';
import type { Database } from '../store/tables.js';
import type { Report } from '../types.js';

export interface ReportView {
  /** The document's key in the store (its content hash, or a failed URL's key: the report's sha256 is then empty). */
  sha256: string;
  /** When the URL's fetch failed, for a URL that gave no content. */
  fetchFailedAt: string | null;
  extracted: Report;
  view: CorrectedReport;
  corrections: Correction[];
  toReview: Correction[];
  /** The agency's documents of every year (this one included), by year. */
  years: Array<{ year: number; sha256: string }>;
}

export async function reportView(db: Kysely<Database>, sha: string): Promise<ReportView | undefined> {
  const loaded = await loadCorrected(db, sha);
  if (!loaded) return undefined;
  const doc = await db.selectFrom('documents').select(['agency_key', 'fetch_failed_at']).where('sha256', '=', sha).executeTakeFirst();
  const years = doc?.agency_key
    ? (await db.selectFrom('documents').select(['year', 'sha256']).where('agency_key', '=', doc.agency_key).where('year', 'is not', null).orderBy('year').orderBy('sha256').execute()).map((d) => ({ year: Number(d.year), sha256: d.sha256 }))
    : [];
  return { sha256: sha, fetchFailedAt: doc?.fetch_failed_at ?? null, ...loaded, toReview: await correctionsToReview(db, sha), years };
}
