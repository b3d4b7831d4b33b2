// A URL input, main-process side: find what the last run kept for it, fetch it
// conditionally (through the run's one per-host gate), and then either keep the
// earlier report (304), write its `fetch.failed` report, or hand the body to a
// worker as a temporary file. Fetching happens here, not in the workers, so the
// per-host limits hold across the whole run. The queue worker (queue/work.ts)
// runs its URL jobs through the same runUrl, with the store as its memory.
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fetchUrl, type FetchOptions, type ValidatorLookup, type Validators } from '../fetch/index.js';
import { applyHints } from '../inputs/hints.js';
import type { OcrMode } from '../types.js';
import type { UrlInput } from '../inputs/types.js';
import { writeFileAtomic } from '../output/atomic.js';
import { finding } from '../result.js';
import type { Report } from '../types.js';
import { failedReport } from './failed.js';
import type { Pool } from './pool.js';
import { urlJsonPath } from './names.js';
import { readReport, summary, withSource } from './report-file.js';
import type { Done, ExtractTask } from './types.js';

/**
 * The report JSONs of --out as the validators' store: a report for the same
 * URL, made by today's extractor of its format, lends its ETag/Last-Modified.
 * (An older extractor's report is re-fetched in full, so it is redone.)
 */
export class ReportDirValidators implements ValidatorLookup {
  constructor(
    private readonly out: string,
    /** Versions of today's extractors. */
    private readonly versions: ReadonlySet<string>,
  ) {}

  async validators(url: string): Promise<Validators | undefined> {
    const r = await readReport(urlJsonPath(this.out, url));
    if (!r || r.source.path !== url || !r.source.url || !r.source.sha256) return undefined;
    if (!this.versions.has(r.extractor.version)) return undefined;
    const v: Validators = {};
    if (r.source.etag) v.etag = r.source.etag;
    if (r.source.last_modified) v.lastModified = r.source.last_modified;
    return v.etag || v.lastModified ? v : undefined;
  }
}

export interface UrlRun {
  out: string;
  force: boolean;
  timeoutMs: number;
  ocr?: OcrMode;
  fetch: FetchOptions;
  validators: ValidatorLookup;
  /** Folder for downloaded bodies on their way to a worker. */
  tmp: string;
  /**
   * Who holds the report a 304 leaves standing: the run's --out (extract: the
   * report JSON is kept and counted as skipped) or the store (a queue worker:
   * nothing to write).
   */
  heldBy: 'out' | 'store';
}

/** Writes `report` to `json` unless the file already holds exactly that (a rerun writes nothing new). */
async function writeIfChanged(json: string, report: Report, old: Report | undefined): Promise<void> {
  if (old && JSON.stringify(old) === JSON.stringify(report)) return;
  await writeFileAtomic(json, `${JSON.stringify(report, null, 1)}\n`);
}

/** The failed report of a URL input: `fetch.failed` (could not download) or `extract.failed` (a worker limit). */
async function writeUrlFailed(out: string, u: UrlInput, rule: 'fetch.failed' | 'extract.failed', reason: string, finalUrl?: string, ms = 0): Promise<Done> {
  const json = urlJsonPath(out, u.url);
  const message = rule === 'fetch.failed' ? `Could not fetch the URL: ${reason}.` : `Extraction stopped: ${reason}.`;
  const base = failedReport(u.url, '', 0, message);
  base.findings = [finding(rule, 'error', message, { actual: reason })];
  const report = applyHints(withSource(base, u.url, finalUrl ? { url: u.url, finalUrl } : undefined), u.hints);
  await writeIfChanged(json, report, await readReport(json));
  return summary(u.url, json, report, false, ms);
}

/**
 * Fetches `u`: a Done when no extraction is needed, `unchanged` when a 304
 * leaves the store's report standing, else the worker's task and the
 * temporary file to remove after it.
 */
async function prepareUrl(u: UrlInput, run: UrlRun): Promise<{ done: Done } | { unchanged: true } | { task: ExtractTask; body: string }> {
  const t0 = performance.now();
  const validators = run.force ? undefined : await run.validators.validators(u.url);
  const r = await fetchUrl(u.url, run.fetch, validators);
  const ms = Math.round(performance.now() - t0);
  if (r.kind === 'failed') return { done: await writeUrlFailed(run.out, u, 'fetch.failed', r.reason, r.finalUrl, ms) };
  if (r.kind === 'not-modified') {
    if (run.heldBy === 'store') return { unchanged: true };
    const json = urlJsonPath(run.out, u.url);
    const old = await readReport(json);
    // Removed since its validators were read: fetch it whole.
    if (!old) return prepareUrl(u, { ...run, force: true });
    const fetched = { url: u.url, finalUrl: r.finalUrl, ...(old.source.etag ? { etag: old.source.etag } : {}), ...(old.source.last_modified ? { lastModified: old.source.last_modified } : {}) };
    const kept = applyHints(withSource(old, u.url, fetched), u.hints);
    await writeIfChanged(json, kept, old);
    return { done: summary(u.url, json, kept, true, ms) };
  }
  const body = join(run.tmp, `${randomBytes(8).toString('hex')}.body`);
  await writeFile(body, r.buffer);
  const fetched = { url: u.url, finalUrl: r.finalUrl, ...(r.etag ? { etag: r.etag } : {}), ...(r.lastModified ? { lastModified: r.lastModified } : {}) };
  return { task: { path: body, out: run.out, force: run.force, timeoutMs: run.timeoutMs, disambiguate: false, fetched, ...(run.ocr ? { ocr: run.ocr } : {}), ...(u.hints ? { hints: u.hints } : {}) }, body };
}

/**
 * One URL input, from the fetch to its report in `run.out`: the Done, or
 * undefined when a 304 leaves the store's report standing (heldBy 'store').
 * A download that fails, or an extraction stopped by the worker limits, is the
 * input's failed report, never a throw.
 */
export async function runUrl(u: UrlInput, run: UrlRun, pool: Pool<ExtractTask, Done>): Promise<Done | undefined> {
  const t0 = performance.now();
  const p = await prepareUrl(u, run);
  if ('done' in p) return p.done;
  if ('unchanged' in p) return undefined;
  try {
    const o = await pool.run(p.task);
    return o.ok ? o.value : await writeUrlFailed(run.out, u, 'extract.failed', o.reason, p.task.fetched!.finalUrl, Math.round(performance.now() - t0));
  } finally {
    await rm(p.body, { force: true });
  }
}
