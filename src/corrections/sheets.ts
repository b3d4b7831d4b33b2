// --corrected for export and compliance: the store's reports with their
// corrections applied (apply.ts), and the compliance rows recomputed for the
// documents that have corrections.
import type { Kysely } from 'kysely';
import { appsBalances } from '../store/compliance.js';
import { loadReport } from '../store/read.js';
import type { Database } from '../store/tables.js';
import type { Report } from '../types.js';
import { applyCorrections } from './apply.js';
import { correctedShas, correctionsOf } from './store.js';

/** The report as corrected, and the ids of its corrected fields (empty when it has none). */
export async function correctedReport(db: Kysely<Database>, path: string, sha: string, known?: Set<string>): Promise<{ report: Report; corrected: string[] } | undefined> {
  const r = await loadReport(db, path, sha);
  if (!r) return undefined;
  if (known && !known.has(sha)) return { report: r, corrected: [] };
  const c = applyCorrections(r, await correctionsOf(db, sha));
  return { report: c.report, corrected: [...c.corrected.keys()] };
}

export { correctedShas };

type Row = Array<string | number | null>;

/**
 * Compliance rows (store/compliance.ts layout: sha256 at 4, errors 13, warnings 14,
 * apps_balances 15, then one count per rule) with corrected documents recomputed,
 * and a last column: the corrected field ids.
 */
export async function correctComplianceRows(db: Kysely<Database>, rows: Row[], rules: string[]): Promise<Row[]> {
  const known = await correctedShas(db);
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
