// Cross-year findings in the store: the documents to compare (read from the
// store), and writing each document's computed cross_year findings back,
// touching only the documents whose findings changed.
import type { Finding } from '../types.js';
import { crossYearFindings, type YearDoc } from './cross-year.js';
import { findingOf } from './read.js';
import type { Db } from './sqlite.js';
import { insertFindings } from './write.js';

/** Documents with an agency_key and a year; all their fields when they share an agency-year, else only the carried ones. */
export function storeYearDocs(db: Db): YearDoc[] {
  const docs = db
    .prepare(
      `SELECT d.sha256, d.agency_key, d.year, (SELECT min(path) FROM sources s WHERE s.sha256 = d.sha256) AS path,
              (SELECT count(*) FROM documents o WHERE o.agency_key = d.agency_key AND o.year = d.year) AS twins
       FROM documents d WHERE d.agency_key IS NOT NULL AND d.year IS NOT NULL ORDER BY d.sha256`,
    )
    .all();
  const carried = db.prepare(`SELECT field, value FROM field_values WHERE sha256 = ? AND (field LIKE 'apps.carried_in.%' OR field LIKE 'apps.carried_out.%')`);
  const all = db.prepare('SELECT field, value FROM field_values WHERE sha256 = ? ORDER BY seq');
  return docs.map((d) => {
    const fields: Record<string, number | null> = {};
    for (const v of (Number(d.twins) > 1 ? all : carried).iterate(d.sha256)) fields[String(v.field)] = v.value === null ? null : Number(v.value);
    return { sha256: String(d.sha256), path: String(d.path ?? ''), agencyKey: String(d.agency_key), year: Number(d.year), fields };
  });
}

const same = (a: Finding[], b: Finding[]) => JSON.stringify(a) === JSON.stringify(b);

/** Recomputes cross_year findings over the whole store; returns them by sha256. */
export function syncCrossYear(db: Db): Map<string, Finding[]> {
  const computed = crossYearFindings(storeYearDocs(db));
  const existing = db.prepare(`SELECT * FROM findings WHERE sha256 = ? AND rule LIKE 'cross_year.%' ORDER BY seq`);
  const next = db.prepare(`SELECT coalesce(max(seq), -1) + 1 AS seq FROM findings WHERE sha256 = ? AND rule NOT LIKE 'cross_year.%'`);
  const del = db.prepare(`DELETE FROM findings WHERE sha256 = ? AND rule LIKE 'cross_year.%'`);
  for (const row of db.prepare('SELECT sha256 FROM documents').all()) {
    const sha = String(row.sha256);
    const want = computed.get(sha) ?? [];
    if (same(existing.all(sha).map(findingOf), want)) continue;
    del.run(sha);
    insertFindings(db, sha, want, Number(next.get(sha)!.seq));
  }
  return computed;
}
