// --corrected for export and compliance: the store's reports with their
// corrections applied (apply.ts), and the compliance rows recomputed for the
// documents that have corrections.
import type { Kysely } from 'kysely';
import { appsBalances } from '../store/compliance.js';
import { loadReport } from '../store/read.js';
import type { Database } from '../store/tables.js';
import type { Report } from '../types.js';
import { affectedShas, loadCorrected } from './load.js';

/**
 * The report of `path` as corrected, and the ids of its corrected fields
 * (empty when it has none). `affected` (affectedShas): documents outside it
 * are read as stored, without looking for corrections.
 */
export async function correctedReport(db: Kysely<Database>, path: string, sha: string, affected?: Set<string>): Promise<{ report: Report; corrected: string[] } | undefined> {
  if (affected && !affected.has(sha)) {
    const r = await loadReport(db, path, sha);
    return r && { report: r, corrected: [] };
  }
  const c = await loadCorrected(db, sha, path);
  return c && { report: c.view.report, corrected: [...c.view.corrected.keys()] };
}

export { affectedShas };

type Row = Array<string | number | null>;

/**
 * Compliance rows (store/compliance.ts layout: sha256 at 4, errors 13, warnings 14,
 * apps_balances 15, then one count per rule) with corrected documents recomputed,
 * and a last column: the corrected field ids.
 */
export async function correctComplianceRows(db: Kysely<Database>, rows: Row[], rules: string[]): Promise<Row[]> {
  const known = await affectedShas(db);
  const out: Row[] = [];
  for (const row of rows) {
    const sha = String(row[4]);
    const c = known.has(sha) ? await correctedReport(db, String(row[3] ?? ''), sha, known) : undefined;
    if (!c) {
      out.push([...row, '']);
      continue;
    }
    const counted = c.report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    const next = [...row];
    next[13] = c.report.findings.filter((f) => f.severity === 'error').length;
    next[14] = c.report.findings.filter((f) => f.severity === 'warning').length;
    if (row[15] !== 'unknown' || c.report.tables_found.apps) next[15] = c.report.tables_found.apps ? appsBalances(new Map(Object.entries(c.report.fields))) : 'unknown';
    rules.forEach((rule, i) => (next[16 + i] = counted.filter((f) => f.rule === rule).length));
    out.push([...next, c.corrected.join(' ')]);
  }
  return out;
}
