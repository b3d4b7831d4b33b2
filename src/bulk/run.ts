// A batch: list the inputs, feed them to the worker pool a few at a time
// (memory stays flat however many inputs there are), and collect one small
// Done per input. Order of completion does not matter: the CSV pass sorts.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { listInputs } from '../cli/inputs.js';
import { writeFailed } from './failed.js';
import { sharedStems } from './names.js';
import { Pool, type WorkerKind } from './pool.js';
import type { Done, ExtractTask } from './types.js';
import type { OcrMode } from '../types.js';

export interface BatchOptions {
  inputs: string[];
  out: string;
  force: boolean;
  timeoutMs: number;
  /** Where OCR runs (default auto). */
  ocr?: OcrMode;
  jobs: number;
  memoryMb: number;
  kind: WorkerKind;
  execArgv?: string[];
}

export interface BatchEvents {
  start(total: number): void;
  done(d: Done): void;
}

/** Time a worker gets beyond --timeout: extractors that watch the clock themselves can return a partial report first. */
export const GRACE_MS = 2000;

export const DEFAULT_JOBS = availableParallelism();

/**
 * V8 flags for process workers: none. A Node process keeps ≈1.3 cores busy
 * (garbage collection on helper threads), so --single-threaded-gc and
 * --max-semi-space-size were tried for one worker per core (bench/flags.mjs,
 * BENCHMARKS.md): on the shared, overloaded bench machine neither was
 * consistently faster than V8's defaults, so the defaults stay.
 */
export function workerFlags(_jobs: number): string[] {
  return [];
}

export async function runBatch(opts: BatchOptions, on: BatchEvents): Promise<Done[]> {
  const jobs = Math.max(1, opts.jobs);
  const pool = new Pool<ExtractTask, Done>({
    script: fileURLToPath(new URL('./extract-worker.js', import.meta.url)),
    jobs,
    timeoutMs: opts.timeoutMs,
    graceMs: GRACE_MS,
    memoryMb: opts.memoryMb,
    kind: opts.kind,
    execArgv: opts.execArgv ?? workerFlags(jobs),
  });
  // One worker starts loading the extractors while the inputs are listed; the others once we know they are needed.
  pool.warm(1);
  try {
    const { files, problems } = await listInputs(opts.inputs);
    on.start(files.length + problems.length);
    const done: Done[] = [];
    for (const p of problems) {
      const d = await writeFailed(opts.out, p.path, false, `Could not read the input: ${p.message}.`, false);
      done.push(d);
      on.done(d);
    }
    const shared = sharedStems(files);
    let next = 0;
    const one = async (path: string): Promise<void> => {
      const t0 = performance.now();
      const task: ExtractTask = { path, out: opts.out, force: opts.force, timeoutMs: opts.timeoutMs, disambiguate: shared.has(path), ...(opts.ocr ? { ocr: opts.ocr } : {}) };
      const o = await pool.run(task);
      const ms = Math.round(performance.now() - t0);
      const d = o.ok ? o.value : await writeFailed(opts.out, path, task.disambiguate, `Extraction stopped: ${o.reason}.`, true, ms);
      done.push(d);
      on.done(d);
    };
    // One feeder per worker: at most `jobs` tasks exist at any time, however many inputs.
    const feeder = async (): Promise<void> => {
      while (next < files.length) await one(files[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, feeder));
    return done;
  } finally {
    pool.close();
  }
}
