// The store: one module, two engines (SQLite file or PostgreSQL URL), SQL
// written once through Kysely. Commands open it with openStore and use these.
import type { Report } from '../types.js';
import type { Store } from './db.js';
import { syncCrossYear } from './cross-sync.js';
import { putReport, type Put } from './write.js';

export { displayTarget, isPostgresUrl, openStore, type Engine, type Store } from './db.js';
export { agencyRows, AGENCY_COLUMNS, COMPLIANCE_FIXED, complianceRows, ruleColumns } from './compliance.js';
export { syncCrossYear } from './cross-sync.js';
export { listSources, loadReport } from './read.js';
export { isRunLevel, putReport, type Put, type PutOutcome } from './write.js';

/**
 * One report as it lands (a queue worker): the report and the cross-year
 * findings of its agency, in one transaction — all of it or nothing.
 */
export async function writeReport(store: Store, r: Report): Promise<Put> {
  return store.db.transaction().execute(async (trx) => {
    const put = await putReport(trx, r);
    if (put.outcome !== 'unchanged' || put.agencyKeys.length) await syncCrossYear(trx, put.agencyKeys);
    return put;
  });
}
