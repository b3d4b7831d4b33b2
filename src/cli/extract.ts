// `gkreport extract`: every input → reports/<name>.json (in parallel workers,
// src/bulk/), then the CSVs. Report JSONs are the run's record: each is written
// whole (temporary name, then rename), so a killed run resumes by skipping what
// is already there, and the CSVs are rebuilt from them in source-path order.
// This module stays light (no extractor is imported here): a one-file run pays
// for pdfjs once, in its worker.
import { parseArgs } from 'node:util';
import { DEFAULT_JOBS, runBatch } from '../bulk/run.js';
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
  /** SQLite store to keep the run's reports in (src/store/). */
  db?: string;
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
        ocr: { type: 'string', default: 'auto' },
        jobs: { type: 'string', short: 'j', default: String(DEFAULT_JOBS) },
        'max-memory': { type: 'string', default: String(DEFAULT_MEMORY_MB) },
        'log-format': { type: 'string', default: 'text' },
        workers: { type: 'string', default: 'process' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) return { help: true };
    if (positionals.length === 0) return { error: 'no input files or directories given' };
    const timeoutSec = Number(values.timeout);
    if (!(timeoutSec > 0)) return { error: `--timeout takes a number of seconds above 0, not "${values.timeout}"` };
    const ocr = values.ocr;
    if (ocr !== 'auto' && ocr !== 'off' && ocr !== 'force') return { error: `--ocr is auto, off or force, not "${ocr}"` };
    const jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) return { error: `--jobs takes a whole number of workers, 1 or more, not "${values.jobs}"` };
    const memoryMb = Number(values['max-memory']);
    if (!Number.isInteger(memoryMb) || memoryMb < 64) return { error: `--max-memory takes megabytes per worker, 64 or more, not "${values['max-memory']}"` };
    const logFormat = values['log-format'];
    if (logFormat !== 'text' && logFormat !== 'json') return { error: `--log-format is text or json, not "${logFormat}"` };
    const workers = values.workers;
    if (workers !== 'process' && workers !== 'thread') return { error: `--workers is process or thread, not "${workers}"` };
    return { inputs: positionals, out: values.out!, force: values.force!, quiet: values.quiet!, timeoutSec, ocr, jobs, memoryMb, logFormat, workers, ...(values.db ? { db: values.db } : {}) };
  } catch (e) {
    return { error: (e as Error).message };
  }
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
    { inputs: args.inputs, out: args.out, force: args.force, timeoutMs: args.timeoutSec * 1000, ocr: args.ocr, jobs: args.jobs, memoryMb: args.memoryMb, kind: args.workers },
    progress,
  );
  const [{ writeCsvs }, { afterRun }] = await later;
  await afterRun({ db: args.db, out: args.out }, done.map((d) => d.json));
  await writeCsvs(args.out, done);
  const sum = progress.finish();
  return sum.failed > 0 ? 1 : 0;
}
