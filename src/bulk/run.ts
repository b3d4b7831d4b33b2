// A batch: list the inputs, feed them to the worker pool a few at a time
// (memory stays flat however many inputs there are), and collect one small
// Done per input. Order of completion does not matter: the CSV pass sorts.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FETCH, fetchOptions, type FetchLimits } from '../fetch/index.js';
import { listInputs } from '../inputs/index.js';
import type { FileInput, UrlInput } from '../inputs/types.js';
import { writeFailed } from './failed.js';
import { sharedStems } from './names.js';
import { Pool, type WorkerKind } from './pool.js';
import type { Done, ExtractTask } from './types.js';
import { ReportDirValidators, runUrl, type UrlRun } from './url-task.js';
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
  /** Manifest CSVs whose rows are inputs too. */
  manifests?: string[];
  fetch?: FetchLimits;
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
  let tmp: string | undefined;
  try {
    const { files, urls, problems } = await listInputs(opts.inputs, opts.manifests);
    on.start(files.length + urls.length + problems.length);
    const done: Done[] = [];
    for (const p of problems) {
      const d = await writeFailed(opts.out, p.path, false, `Could not read the input: ${p.message}.`, false);
      done.push(d);
      on.done(d);
    }
    const shared = sharedStems(files.map((f) => f.path));
    const urlRun = urls.length ? await urlRunOf(opts, (tmp = await mkdtemp(join(tmpdir(), 'gkreport-fetch-')))) : undefined;
    const file = async (f: FileInput): Promise<Done> => {
      const t0 = performance.now();
      const task: ExtractTask = { path: f.path, out: opts.out, force: opts.force, timeoutMs: opts.timeoutMs, disambiguate: shared.has(f.path), ...(f.hints ? { hints: f.hints } : {}), ...(opts.ocr ? { ocr: opts.ocr } : {}) };
      const o = await pool.run(task);
      return o.ok ? o.value : writeFailed(opts.out, f.path, task.disambiguate, `Extraction stopped: ${o.reason}.`, true, Math.round(performance.now() - t0));
    };
    // heldBy 'out': a 304 keeps the report of --out and gives its Done, never undefined.
    const url = async (u: UrlInput): Promise<Done> => (await runUrl(u, urlRun!, pool))!;
    const items: Array<() => Promise<Done>> = [...files.map((f) => () => file(f)), ...urls.map((u) => () => url(u))];
    let next = 0;
    // One feeder per worker (two when there are URLs, so downloads overlap extraction):
    // at most that many inputs are in hand at any time, however many there are.
    const feeder = async (): Promise<void> => {
      while (next < items.length) {
        const d = await items[next++]!();
        done.push(d);
        on.done(d);
      }
    };
    const feeders = urls.length ? 2 * jobs : jobs;
    await Promise.all(Array.from({ length: Math.min(feeders, items.length) }, feeder));
    return done;
  } finally {
    pool.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

async function urlRunOf(opts: BatchOptions, tmp: string): Promise<UrlRun> {
  // Which extractor versions are current decides whether a kept report may be revalidated
  // (only runs with URLs pay for loading the registry here).
  const [{ EXTRACTORS }, { extractorVersion }] = await Promise.all([import('../extractors/registry.js'), import('../pipeline.js')]);
  const versions = new Set(EXTRACTORS.map((e) => extractorVersion(e, { ocr: opts.ocr })));
  return {
    out: opts.out,
    force: opts.force,
    timeoutMs: opts.timeoutMs,
    ...(opts.ocr ? { ocr: opts.ocr } : {}),
    tmp,
    validators: new ReportDirValidators(opts.out, versions),
    fetch: fetchOptions(opts.fetch ?? DEFAULT_FETCH),
    heldBy: 'out',
  };
}
