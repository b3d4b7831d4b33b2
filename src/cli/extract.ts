// `gkreport extract`: every input → reports/<name>.json (in parallel workers,
// src/bulk/), then the CSVs. Report JSONs are the run's record: each is written
// whole (temporary name, then rename), so a killed run resumes by skipping what
// is already there, and the CSVs are rebuilt from them in source-path order.
// This module stays light (no extractor is imported here): a one-file run pays
// for pdfjs once, in its worker.
import { stat } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_JOBS, runBatch } from '../bulk/run.js';
import { DEFAULT_FETCH, MAX_FETCH_BYTES, type FetchLimits } from '../fetch/limits.js';
import { removeStaleTmp } from '../output/atomic.js';
import { outUsable } from './out-dir.js';
import type { WorkerKind } from '../bulk/pool.js';
import { Progress, type LogFormat } from './progress.js';
import { EXTRACT_USAGE } from './usage.js';
import type { OcrMode } from '../types.js';

export interface ExtractArgs {
  inputs: string[];
  out: string;
  force: boolean;
  quiet: boolean;
  timeoutSec: number;
  ocr: OcrMode;
  jobs: number;
  memoryMb: number;
  logFormat: LogFormat;
  workers: WorkerKind;
  /** Store to keep the run's reports in (src/store/): an SQLite file or a postgres:// URL. */
  db?: string;
  /** --manifest CSVs (url or path per row, with agency/year/region hints). */
  manifests: string[];
  fetch: FetchLimits;
  /** What was changed to fit (a --jobs above the ceiling): said on stderr. */
  notes: string[];
}

/** Per-worker memory ceiling: a report needs ≈ 100–300 MB; a file that needs ten times that is hostile. */
export const DEFAULT_MEMORY_MB = 2048;

/** Longest --timeout: a day. Timers hold at most 2^31−1 ms (≈ 24.8 days); past that Node fires them at once. */
export const MAX_TIMEOUT_SEC = 86_400;
/** Most workers: two per core. More only share the same cores and multiply the memory. */
export const MAX_JOBS = DEFAULT_JOBS * 2;
const TOTAL_MB = Math.floor(totalmem() / 2 ** 20);

export function parseExtractArgs(argv: string[]): ExtractArgs | { help: true } | { error: string } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', default: 'output' },
        force: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '120' },
        ocr: { type: 'string', default: 'auto' },
        jobs: { type: 'string', short: 'j', default: String(DEFAULT_JOBS) },
        'max-memory': { type: 'string', default: String(DEFAULT_MEMORY_MB) },
        'log-format': { type: 'string', default: 'text' },
        workers: { type: 'string', default: 'process' },
        db: { type: 'string' },
        manifest: { type: 'string', multiple: true, default: [] },
        'fetch-timeout': { type: 'string', default: String(DEFAULT_FETCH.timeoutMs / 1000) },
        'fetch-max-mb': { type: 'string', default: String(DEFAULT_FETCH.maxBytes / 2 ** 20) },
        'max-redirects': { type: 'string', default: String(DEFAULT_FETCH.maxRedirects) },
        'per-host': { type: 'string', default: String(DEFAULT_FETCH.perHost) },
        'host-pause': { type: 'string', default: String(DEFAULT_FETCH.pauseMs) },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) return { help: true };
    const manifests = values.manifest as string[];
    if (positionals.length === 0 && manifests.length === 0) return { error: 'no input files, directories, URLs or --manifest given' };
    const notes: string[] = [];
    const timeoutSec = Number(values.timeout);
    if (!(timeoutSec >= 0.001 && timeoutSec <= MAX_TIMEOUT_SEC)) return { error: `--timeout takes seconds per file from 0.001 to ${MAX_TIMEOUT_SEC} (a day), not "${values.timeout}"` };
    const ocr = values.ocr;
    if (ocr !== 'auto' && ocr !== 'off' && ocr !== 'force') return { error: `--ocr is auto, off or force, not "${ocr}"` };
    let jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) return { error: `--jobs takes a whole number of workers, 1 or more, not "${values.jobs}"` };
    if (jobs > MAX_JOBS) {
      notes.push(`--jobs ${jobs} is more than two workers per core: using ${MAX_JOBS} (${DEFAULT_JOBS} cores)`);
      jobs = MAX_JOBS;
    }
    const memoryMb = Number(values['max-memory']);
    if (!Number.isInteger(memoryMb) || memoryMb < 64 || memoryMb > TOTAL_MB) return { error: `--max-memory takes megabytes per worker, from 64 to ${TOTAL_MB} (this machine's memory), not "${values['max-memory']}"` };
    const logFormat = values['log-format'];
    if (logFormat !== 'text' && logFormat !== 'json') return { error: `--log-format is text or json, not "${logFormat}"` };
    const workers = values.workers;
    if (workers !== 'process' && workers !== 'thread') return { error: `--workers is process or thread, not "${workers}"` };
    const fetch = fetchLimits(values);
    if (typeof fetch === 'string') return { error: fetch };
    return { inputs: positionals, out: values.out!, force: values.force!, quiet: values.quiet!, timeoutSec, ocr, jobs, memoryMb, logFormat, workers, notes, ...(values.db ? { db: values.db } : {}), manifests, fetch };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function fetchLimits(v: Record<string, unknown>): FetchLimits | string {
  const num = (k: string) => Number(v[k]);
  const timeout = num('fetch-timeout');
  if (!(timeout > 0)) return `--fetch-timeout takes a number of seconds above 0, not "${String(v['fetch-timeout'])}"`;
  const mb = num('fetch-max-mb');
  const maxMb = MAX_FETCH_BYTES / 2 ** 20;
  if (!(mb > 0 && mb <= maxMb)) return `--fetch-max-mb takes megabytes above 0, at most ${maxMb}, not "${String(v['fetch-max-mb'])}"`;
  const redirects = num('max-redirects');
  if (!Number.isInteger(redirects) || redirects < 0) return `--max-redirects takes a whole number, 0 or more, not "${String(v['max-redirects'])}"`;
  const perHost = num('per-host');
  if (!Number.isInteger(perHost) || perHost < 1) return `--per-host takes a whole number of requests, 1 or more, not "${String(v['per-host'])}"`;
  const pause = num('host-pause');
  if (!Number.isInteger(pause) || pause < 0) return `--host-pause takes milliseconds, 0 or more, not "${String(v['host-pause'])}"`;
  return { timeoutMs: timeout * 1000, maxBytes: Math.floor(mb * 2 ** 20), maxRedirects: redirects, perHost, pauseMs: pause };
}

export async function runExtract(argv: string[]): Promise<number> {
  const args = parseExtractArgs(argv);
  if ('help' in args) {
    process.stdout.write(EXTRACT_USAGE);
    return 0;
  }
  if ('error' in args) {
    process.stderr.write(`gkreport extract: ${args.error}\n\n${EXTRACT_USAGE}`);
    return 2;
  }
  for (const n of args.notes) process.stderr.write(`gkreport: note: ${n}\n`);
  // One line and exit 2 before any work: a run whose every write would fail is no run.
  if (!(await outUsable('extract', args.out, true))) return 2;
  // The store is opened once before the run: an unreachable database is a usage error, not an hour of extraction lost at the end.
  const storeProblem = args.db ? await storeUnusable(args.db) : undefined;
  if (storeProblem) {
    process.stderr.write(`gkreport extract: ${storeProblem}\n`);
    return 2;
  }
  const stale = (await removeStaleTmp(args.out)) + (await removeStaleTmp(join(args.out, 'reports')));
  if (stale > 0) process.stderr.write(`gkreport: removed ${stale} temporary file(s) left in ${args.out} by a run that was stopped\n`);
  // Loaded while the workers extract (the main thread waits for them anyway): a
  // one-file run does not pay for the CSV writer and the store up front.
  const later = Promise.all([import('../bulk/csvs.js'), import('./after-run.js')]);
  const progress = new Progress({ quiet: args.quiet, format: args.logFormat, tty: process.stderr.isTTY === true, out: args.out });
  const done = await runBatch(
    { inputs: args.inputs, out: args.out, force: args.force, timeoutMs: args.timeoutSec * 1000, ocr: args.ocr, jobs: args.jobs, memoryMb: args.memoryMb, kind: args.workers, manifests: args.manifests, fetch: args.fetch },
    progress,
  );
  const [{ reportsInOut, writeCsvs }, { afterRun }] = await later;
  const kept = await reportsInOut(args.out, done);
  // A store lost during the run costs the store's copy only: the reports and CSVs in --out are still written.
  const stored = await afterRun({ db: args.db, out: args.out }, kept.map((k) => k.json)).then(
    () => true,
    (e: Error) => {
      process.stderr.write(`gkreport extract: the reports are in ${args.out} but were not stored: ${e.message}\n`);
      return false;
    },
  );
  await writeCsvs(args.out, kept);
  const sum = progress.finish();
  const empty = await emptyDirs(args.inputs, done);
  for (const d of empty) process.stderr.write(`gkreport: warning: ${d} holds no report files (hidden files and *.tmp are not read)\n`);
  return sum.failed > 0 || empty.length > 0 || !stored ? 1 : 0;
}

async function storeUnusable(db: string): Promise<string | undefined> {
  const { openStore } = await import('../store/db.js');
  return openStore(db).then(
    (s) => s.close().then(() => undefined),
    (e: Error) => e.message,
  );
}

/** Input folders no input file came from: a nightly job pointed at the wrong folder must not report success. */
async function emptyDirs(inputs: string[], done: Array<{ path: string }>): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const isDir = await stat(input).then((s) => s.isDirectory(), () => false);
    if (!isDir) continue;
    const inside = (p: string) => {
      const rel = relative(input, p);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    };
    if (!done.some((d) => inside(d.path))) out.push(input);
  }
  return out;
}
