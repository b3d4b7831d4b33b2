// The three CSVs, rebuilt at the end of a run from the report JSONs in
// source-path order: the same rows whatever order the workers finished in and
// however often the run was interrupted, one report in memory at a time.
// They cover every report in --out/reports/, not only this run's: runs into
// one --out add up (docs/output.md, "Several runs into one --out").
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeReportCsvs } from '../output/report-csvs.js';
import type { Report } from '../types.js';
import type { Done } from './types.js';

export function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export interface Kept {
  path: string;
  json: string;
}

/**
 * Every report JSON of `out`, one per source path, sorted by it: this run's
 * (`done`), then those of earlier runs for paths this run did not see. A path
 * whose content changed between earlier runs has a JSON per content: the
 * newest is kept. Files that are no report JSON of ours are left out.
 */
export async function reportsInOut(out: string, done: Done[]): Promise<Kept[]> {
  const dir = join(out, 'reports');
  const ours = new Set(done.map((d) => d.json));
  const seen = new Set(done.map((d) => d.path));
  const older = new Map<string, { json: string; mtime: number }>();
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch {
    /* no reports/ yet */
  }
  for (const name of names) {
    const json = join(dir, name);
    if (!name.endsWith('.json') || ours.has(json)) continue;
    let path: unknown;
    try {
      const r = JSON.parse(await readFile(json, 'utf8')) as Report;
      if (r.schema !== 'gkreport.report/1') continue;
      path = r.source?.path;
    } catch {
      continue;
    }
    if (typeof path !== 'string' || seen.has(path)) continue;
    const mtime = (await stat(json)).mtimeMs;
    const prev = older.get(path);
    if (!prev || mtime > prev.mtime) older.set(path, { json, mtime });
  }
  return [...done.map((d) => ({ path: d.path, json: d.json })), ...[...older].map(([path, o]) => ({ path, json: o.json }))].sort(byPath);
}

/** `kept` as reportsInOut gives it: in source-path order. */
export async function writeCsvs(out: string, kept: Kept[]): Promise<void> {
  async function* reports(): AsyncGenerator<Report> {
    for (const k of kept) yield JSON.parse(await readFile(k.json, 'utf8')) as Report;
  }
  await writeReportCsvs(out, reports());
}
