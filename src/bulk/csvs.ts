// The three CSVs, rebuilt at the end of a run from the run's report JSONs in
// source-path order: the same rows whatever order the workers finished in and
// however often the run was interrupted, one report in memory at a time.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FINDING_COLUMNS, REPORT_COLUMNS, VALUE_COLUMNS } from '../output/columns.js';
import { openCsv } from '../output/csv.js';
import { findingRows, reportRow, valueRows } from '../output/rows.js';
import type { Report } from '../types.js';
import type { Done } from './types.js';

export function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export async function writeCsvs(out: string, done: Done[]): Promise<void> {
  const reports = await openCsv(join(out, 'reports.csv'), REPORT_COLUMNS);
  const values = await openCsv(join(out, 'values.csv'), VALUE_COLUMNS);
  const findings = await openCsv(join(out, 'findings.csv'), FINDING_COLUMNS);
  try {
    for (const d of [...done].sort(byPath)) {
      const r = JSON.parse(await readFile(d.json, 'utf8')) as Report;
      await reports.write(reportRow(r));
      for (const row of valueRows(r)) await values.write(row);
      for (const row of findingRows(r)) await findings.write(row);
    }
  } catch (e) {
    // Leave the previous CSVs in place rather than half-new ones.
    await Promise.all([reports.abort(), values.abort(), findings.abort()]);
    throw e;
  }
  await Promise.all([reports.close(), values.close(), findings.close()]);
}
