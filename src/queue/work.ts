// gkreport worker: takes jobs from the queue and runs each in the same worker
// pool as extract (per-file time limit, memory ceiling, a fresh worker after a
// hang), then writes the report and its agency's cross-year findings in one
// transaction. A document that is itself bad gets its failed report at once;
// anything else that goes wrong (database gone, input unreachable) fails the
// job and pg-boss retries it with backoff. A SIGKILLed worker's jobs come
// back when their lease expires; writing a report is idempotent, so a job done
// twice still leaves one report.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFailed } from '../bulk/failed.js';
import { Pool, type WorkerKind } from '../bulk/pool.js';
import { GRACE_MS, workerFlags } from '../bulk/run.js';
import type { Done, ExtractTask } from '../bulk/types.js';
import { writeReport, type Store } from '../store/index.js';
import type { Report } from '../types.js';
import type { Boss } from './boss.js';
import { QUEUE, type JobInput } from './job.js';

export interface WorkerOptions {
  jobs: number;
  timeoutMs: number;
  memoryMb: number;
  kind: WorkerKind;
  /** Seconds between polls of the queue. */
  pollSec: number;
  log(m: string): void;
  /** One line per finished job (the CLI's progress). */
  done?(input: string, status: string, ms: number): void;
}

/** Where a job's input is read from. URLs are fetched by src/fetch (fetchUrl), wired in when that lands. */
function localPath(job: JobInput): string {
  if (job.kind === 'file') return job.path;
  throw new Error(`URL jobs need the fetch module (src/fetch); this build cannot fetch ${job.url}`);
}

export class QueueWorker {
  private readonly pool: Pool<ExtractTask, Done>;
  private readonly out = mkdtempSync(join(tmpdir(), 'gkreport-worker-'));
  private inHand = 0;

  constructor(private readonly store: Store, private readonly boss: Boss, private readonly opts: WorkerOptions) {
    this.pool = new Pool<ExtractTask, Done>({
      script: fileURLToPath(new URL('../bulk/extract-worker.js', import.meta.url)),
      jobs: opts.jobs,
      timeoutMs: opts.timeoutMs,
      graceMs: GRACE_MS,
      memoryMb: opts.memoryMb,
      kind: opts.kind,
      execArgv: workerFlags(opts.jobs),
    });
  }

  get busy(): number {
    return this.inHand;
  }

  /** Starts one poller per pool slot: at most `jobs` jobs in hand. */
  async start(): Promise<void> {
    this.pool.warm(1);
    for (let i = 0; i < this.opts.jobs; i++) {
      await this.boss.work<JobInput>(QUEUE, { batchSize: 1, pollingIntervalSeconds: this.opts.pollSec }, async ([job]) => {
        if (job) await this.handle(job.data);
      });
    }
  }

  /** One input: extract in the pool, then store. Throws only for what is not the document's fault. */
  async handle(job: JobInput): Promise<void> {
    this.inHand++;
    const t0 = performance.now();
    try {
      const path = localPath(job);
      const task: ExtractTask = { path, out: this.out, force: true, timeoutMs: this.opts.timeoutMs, disambiguate: true };
      const o = await this.pool.run(task);
      const ms = Math.round(performance.now() - t0);
      // Stopped by the per-file limits: the document's own failed report, as extract gives it.
      const d = o.ok ? o.value : await writeFailed(this.out, path, true, `Extraction stopped: ${o.reason}.`, true, ms);
      const report = JSON.parse(await readFile(d.json, 'utf8')) as Report;
      await writeReport(this.store, report);
      await rm(d.json, { force: true });
      this.opts.done?.(path, report.status, ms);
    } finally {
      this.inHand--;
    }
  }

  /** SIGTERM: take no new job, finish those in hand (up to `waitMs`), then close. */
  async stop(waitMs: number): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: waitMs });
    this.pool.close();
    rmSync(this.out, { recursive: true, force: true });
  }
}
