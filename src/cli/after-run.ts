// What a run does once every report JSON is written: rules across reports
// (cross_year.*) and the store (--db). Kept apart from extract.ts so the bulk
// runner can change freely; extract calls `afterRun` before it writes the CSVs,
// so the CSVs carry the cross-year findings too.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../output/atomic.js';
import { agencyKey } from '../store/agency-key.js';
import { crossYearFindings, type YearDoc } from '../store/cross-year.js';
import { syncCrossYear } from '../store/cross-sync.js';
import { displayTarget, openStore } from '../store/db.js';
import { isRunLevel, putReport, type PutOutcome } from '../store/write.js';
import type { Finding, Report } from '../types.js';

async function readReport(json: string): Promise<Report | undefined> {
  try {
    return JSON.parse(await readFile(json, 'utf8')) as Report;
  } catch {
    return undefined; // a JSON the run could not write is the runner's to report
  }
}

function yearDoc(r: Report): YearDoc | undefined {
  const key = agencyKey(r.meta.agency);
  if (!key || r.meta.year === null || !r.source.sha256) return undefined;
  return { sha256: r.source.sha256, path: r.source.path, agencyKey: key, year: r.meta.year, fields: r.fields };
}

const CARRY = /^apps\.carried_(?:in|out)\./;
function carryFields(fields: Record<string, number | null>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(fields).filter(([id]) => CARRY.test(id)));
}

/** What the first pass saw of each JSON: its content hash, and whether it carries cross-year findings. */
type Seen = Map<string, { sha: string; runLevel: boolean }>;

/** Stores the run's reports (when `db` is given) and returns the cross-year findings by sha256. */
async function storeAndCompare(db: string | undefined, jsons: string[], seen: Seen): Promise<Map<string, Finding[]>> {
  if (!db) {
    // One document per content: the same file under two paths is not a duplicate of itself.
    // Only the carry fields are held per document, so memory does not grow with the
    // run's size; all fields are read again only for agency-years with two documents.
    const docs = new Map<string, { doc: YearDoc; json: string }>();
    const perYear = new Map<string, number>();
    for (const j of jsons) {
      const r = await readReport(j);
      if (r) seen.set(j, { sha: r.source.sha256, runLevel: r.findings.some(isRunLevel) });
      const d = r && yearDoc(r);
      if (!d || docs.has(d.sha256)) continue;
      docs.set(d.sha256, { doc: { ...d, fields: carryFields(d.fields) }, json: j });
      const k = `${d.agencyKey}\u0000${d.year}`;
      perYear.set(k, (perYear.get(k) ?? 0) + 1);
    }
    const full: YearDoc[] = [];
    for (const { doc, json } of docs.values()) {
      const twin = (perYear.get(`${doc.agencyKey}\u0000${doc.year}`) ?? 0) > 1;
      const r = twin ? await readReport(json) : undefined;
      full.push(r ? { ...doc, fields: r.fields } : doc);
    }
    return crossYearFindings(full);
  }
  const store = await openStore(db);
  try {
    const counts: Record<PutOutcome, number> = { added: 0, updated: 0, unchanged: 0, kept: 0, 'not stored': 0 };
    // One transaction for the whole run: a killed run leaves the store as it was.
    const computed = await store.db.transaction().execute(async (trx) => {
      for (const j of jsons) {
        const r = await readReport(j);
        if (!r) continue;
        seen.set(j, { sha: r.source.sha256, runLevel: r.findings.some(isRunLevel) });
        counts[(await putReport(trx, r)).outcome]++;
      }
      return syncCrossYear(trx);
    });
    process.stderr.write(`gkreport: store ${displayTarget(db)}: ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts['not stored']} not stored (no content)${counts.kept ? `, ${counts.kept} failed URL(s) whose earlier report stays` : ''}\n`);
    return computed;
  } finally {
    await store.close();
  }
}

export async function afterRun(opts: { db?: string; out: string }, reportJsonPaths: string[]): Promise<void> {
  const seen: Seen = new Map();
  const computed = await storeAndCompare(opts.db, reportJsonPaths, seen);
  // Each report JSON gets its cross-year findings after its own. Only JSONs that have some, or
  // had some from an earlier run, are read again, and rewritten only when they changed.
  for (const j of reportJsonPaths) {
    const s = seen.get(j);
    if (!s || (!s.runLevel && !computed.has(s.sha))) continue;
    const r = await readReport(j);
    if (!r) continue;
    const findings = [...r.findings.filter((f) => !isRunLevel(f)), ...(computed.get(r.source.sha256) ?? [])];
    if (JSON.stringify(findings) === JSON.stringify(r.findings)) continue;
    r.findings = findings;
    await writeFileAtomic(j, `${JSON.stringify(r, null, 1)}\n`);
  }
}
