// A report JSON as the runner reads and records it: the summary of an input's
// outcome, the earlier report of a run, and where the input came from. Light on
// purpose (no extractor): the main process uses it for URL inputs too.
import { readFile } from 'node:fs/promises';
import type { Report } from '../types.js';
import type { Done, FetchedUrl } from './types.js';

export function summary(path: string, json: string, r: Report, skipped: boolean, ms: number): Done {
  const count = (s: string) => r.findings.filter((f) => f.severity === s).length;
  const d: Done = { path, json, status: r.status, format: r.source.format, skipped, errors: count('error'), warnings: count('warning'), ms };
  if (r.status === 'failed') d.reason = r.findings.find((f) => f.severity === 'error')?.message ?? 'no report table found';
  return d;
}

export async function readReport(json: string): Promise<Report | undefined> {
  try {
    const r = JSON.parse(await readFile(json, 'utf8')) as Report;
    return r.schema === 'gkreport.report/1' ? r : undefined;
  } catch {
    return undefined; // missing or half-written by something else: redo
  }
}

/** Where the input came from, as the report records it. */
export function withSource(r: Report, path: string, fetched: FetchedUrl | undefined): Report {
  const { url: _u, etag: _e, last_modified: _l, ...plain } = r.source;
  const source: Report['source'] = { ...plain, path };
  if (fetched) {
    source.url = fetched.finalUrl;
    if (fetched.etag) source.etag = fetched.etag;
    if (fetched.lastModified) source.last_modified = fetched.lastModified;
  }
  return { ...r, source };
}
