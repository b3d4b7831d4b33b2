// The three CSVs, rebuilt at the end of a run from the run's report JSONs in
// source-path order: the same rows whatever order the workers finished in and
// however often the run was interrupted, one report in memory at a time.
import { readFile } from 'node:fs/promises';
import { writeReportCsvs } from '../output/report-csvs.js';
import type { Report } from '../types.js';
import type { Done } from './types.js';

export function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export async function writeCsvs(out: string, done: Done[]): Promise<void> {
  async function* reports(): AsyncGenerator<Report> {
    for (const d of [...done].sort(byPath)) yield JSON.parse(await readFile(d.json, 'utf8')) as Report;
  }
  await writeReportCsvs(out, reports());
}
