// `gkreport extract`: every input → reports/<name>.json (in parallel workers,
// src/bulk/), then the CSVs. Report JSONs are the run's record: each is written
// whole (temporary name, then rename), so a killed run resumes by skipping what
// is already there, and the CSVs are rebuilt from them in source-path order.
// This module stays light (no extractor is imported here): a one-file run pays
// for pdfjs once, in its worker.
import { parseArgs } from 'node:util';
import { DEFAULT_JOBS, runBatch } from '../bulk/run.js';
import { DEFAULT_FETCH, MAX_FETCH_BYTES, type FetchLimits } from '../fetch/limits.js';
import type { WorkerKind } from '../bulk/pool.js';
import { Progress, type LogFormat } from './progress.js';
import { EXTRACT_USAGE } from './usage.js';

export interface ExtractArgs {
  inputs: string[];
  out: string;
  force: boolean;
  quiet: boolean;
  timeoutSec: number;
  jobs: number;
  memoryMb: number;
  logFormat: LogFormat;
  workers: WorkerKind;
  /** Store to keep the run's reports in (src/store/): an SQLite file or a postgres:// URL. */
  db?: string;
  /** --manifest CSVs (url or path per row, with agency/year/region hints). */
  manifests: string[];
  fetch: FetchLimits;
}

/** Per-worker memory ceiling: a report needs ≈ 100–300 MB; a file that needs ten times that is hostile. */
export const DEFAULT_MEMORY_MB = 2048;

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
    const timeoutSec = Number(values.timeout);
    if (!(timeoutSec > 0)) return { error: `--timeout takes a number of seconds above 0, not "${values.timeout}"` };
    const jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) return { error: `--jobs takes a whole number of workers, 1 or more, not "${values.jobs}"` };
    const memoryMb = Number(values['max-memory']);
    if (!Number.isInteger(memoryMb) || memoryMb < 64) return { error: `--max-memory takes megabytes per worker, 64 or more, not "${values['max-memory']}"` };
    const logFormat = values['log-format'];
    if (logFormat !== 'text' && logFormat !== 'json') return { error: `--log-format is text or json, not "${logFormat}"` };
    const workers = values.workers;
    if (workers !== 'process' && workers !== 'thread') return { error: `--workers is process or thread, not "${workers}"` };
    const fetch = fetchLimits(values);
    if (typeof fetch === 'string') return { error: fetch };
    return { inputs: positionals, out: values.out!, force: values.force!, quiet: values.quiet!, timeoutSec, jobs, memoryMb, logFormat, workers, ...(values.db ? { db: values.db } : {}), manifests, fetch };
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
  // Loaded while the workers extract (the main thread waits for them anyway): a
  // one-file run does not pay for the CSV writer and the store up front.
  const later = Promise.all([import('../bulk/csvs.js'), import('./after-run.js')]);
  const progress = new Progress({ quiet: args.quiet, format: args.logFormat, tty: process.stderr.isTTY === true, out: args.out });
  const done = await runBatch(
    { inputs: args.inputs, out: args.out, force: args.force, timeoutMs: args.timeoutSec * 1000, jobs: args.jobs, memoryMb: args.memoryMb, kind: args.workers, manifests: args.manifests, fetch: args.fetch },
    progress,
  );
  const [{ writeCsvs }, { afterRun }] = await later;
  await afterRun({ db: args.db, out: args.out }, done.map((d) => d.json));
  await writeCsvs(args.out, done);
  const sum = progress.finish();
  return sum.failed > 0 ? 1 : 0;
}
