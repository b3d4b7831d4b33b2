// gkreport worker: takes jobs from the queue and runs each in the same worker
// pool as extract (per-file time limit, memory ceiling, a fresh worker after a
// hang), then writes the report and its agency's cross-year findings in one
// transaction. A document that is itself bad gets its failed report at once;
// a URL runs as extract runs one (bulk/url-task.ts runUrl), conditionally on
// what the store holds (304: nothing to do; a failed download is the URL's
// fetch.failed report, stored as a failed document). Anything else that
// goes wrong (database gone, a shared folder unreachable) fails the
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
import { runUrl, type UrlRun } from '../bulk/url-task.js';
import { DEFAULT_FETCH, fetchOptions, type FetchLimits, type FetchOptions } from '../fetch/index.js';
import { writeReport, type Store } from '../store/index.js';
import { StoreValidators } from '../store/validators.js';
import type { Report } from '../types.js';
import type { Boss } from './boss.js';
import { SharedHostGate } from './host-gate.js';
import { QUEUE, type JobInput } from './job.js';

export interface WorkerOptions {
  jobs: number;
  timeoutMs: number;
  memoryMb: number;
  kind: WorkerKind;
  /** Seconds between polls of the queue. */
  pollSec: number;
  /** The queue's lease: how long a finished job's completion is retried while the database is away. */
  leaseMs: number;
  log(m: string): void;
  /** Fetch limits of URL jobs (default DEFAULT_FETCH); perHost and pauseMs hold across every worker of the database. */
  fetch?: FetchLimits;
  /** One line per finished job (the CLI's progress). */
  done?(input: string, status: string, ms: number): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const describe = (j: JobInput) => (j.kind === 'file' ? j.path : j.url);

export class QueueWorker {
  private readonly pool: Pool<ExtractTask, Done>;
  private readonly out = mkdtempSync(join(tmpdir(), 'gkreport-worker-'));
  private inHand = 0;
  /** Loops asking the queue for a job right now: a job they get is finished even after SIGTERM. */
  private taking = 0;
  /** The per-host limits hold across every job of every worker of this database (host-gate.ts). */
  private readonly fetch: FetchOptions;
  private urlRun?: UrlRun;

  constructor(private readonly store: Store, private readonly boss: Boss, private readonly opts: WorkerOptions) {
    const limits = opts.fetch ?? DEFAULT_FETCH;
    this.fetch = { ...fetchOptions(limits), hosts: new SharedHostGate(store.db, limits.perHost, limits.pauseMs) };
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

  /** Files in hand, counting a job being taken from the queue at this moment (it will be finished too). */
  get busy(): number {
    return this.inHand + this.taking;
  }

  /**
   * One loop per pool slot: at most `jobs` jobs in hand. pg-boss's own work()
   * is not used: it leaves the promise of complete()/fail() unhandled, so a
   * database that goes away at that moment would end the process.
   */
  start(): void {
    this.pool.warm(1);
    this.loops = Array.from({ length: this.opts.jobs }, () => this.loop());
  }

  private stopping = false;
  private loops: Array<Promise<void>> = [];

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let job: { id: string; data: JobInput } | undefined;
      this.taking++;
      try {
        job = (await this.boss.fetch<JobInput>(QUEUE, { batchSize: 1 }))?.[0];
      } catch (e) {
        this.opts.log(`cannot take a job (${(e as Error).message}); trying again`);
      } finally {
        // handle() counts the job in hand in the same tick: busy never misses it.
        this.taking--;
      }
      if (!job) {
        await sleep(this.opts.pollSec * 1000);
        continue;
      }
      let error: Error | undefined;
      try {
        await this.handle(job.data);
      } catch (e) {
        error = e as Error;
        this.opts.log(`job for ${describe(job.data)} failed, to be retried: ${error.message}`);
      }
      await this.settle(job.id, error);
    }
  }

  /**
   * Marks the job done (or failed, for a retry), waiting out a database that
   * is away. If it stays away past the lease, the job comes back to some
   * worker, which finds the report already written and writes nothing new.
   */
  private async settle(id: string, error: Error | undefined): Promise<void> {
    const until = Date.now() + this.opts.leaseMs;
    for (let wait = 500; ; wait = Math.min(wait * 2, 5000)) {
      try {
        if (error) await this.boss.fail(QUEUE, id, { message: error.message });
        else await this.boss.complete(QUEUE, id);
        return;
      } catch (e) {
        if (Date.now() + wait > until) {
          this.opts.log(`cannot mark job ${id} ${error ? 'failed' : 'done'} (${(e as Error).message}); it returns after its lease`);
          return;
        }
        await sleep(wait);
      }
    }
  }

  /** One input: extract in the pool, then store. Throws only for what is not the document's fault. */
  async handle(job: JobInput): Promise<void> {
    this.inHand++;
    const t0 = performance.now();
    const ms = () => Math.round(performance.now() - t0);
    try {
      let d: Done | undefined;
      if (job.kind === 'file') {
        const task: ExtractTask = { path: job.path, out: this.out, force: true, timeoutMs: this.opts.timeoutMs, disambiguate: true };
        const o = await this.pool.run(task);
        // Stopped by the per-file limits: the document's own failed report, as extract gives it.
        d = o.ok ? o.value : await writeFailed(this.out, job.path, true, `Extraction stopped: ${o.reason}.`, true, ms());
      } else {
        this.urlRun ??= { out: this.out, tmp: this.out, force: false, timeoutMs: this.opts.timeoutMs, fetch: this.fetch, validators: new StoreValidators(this.store, await currentVersions()), heldBy: 'store' };
        d = await runUrl({ url: job.url }, this.urlRun, this.pool);
        if (!d) {
          this.opts.done?.(job.url, 'unchanged', ms());
          return;
        }
      }
      const report = JSON.parse(await readFile(d.json, 'utf8')) as Report;
      await writeReport(this.store, report);
      await rm(d.json, { force: true });
      this.opts.done?.(describe(job), report.status, ms());
    } finally {
      this.inHand--;
    }
  }

  /** SIGTERM: take no new job, finish those in hand, then close. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops);
    await this.boss.stop({ graceful: false, wait: true });
    this.pool.close();
    rmSync(this.out, { recursive: true, force: true });
  }
}

/** Versions of today's extractors (worker runs use --ocr auto): a document read by another is fetched whole. */
async function currentVersions(): Promise<Set<string>> {
  const [{ EXTRACTORS }, { extractorVersion }] = await Promise.all([import('../extractors/registry.js'), import('../pipeline.js')]);
  return new Set(EXTRACTORS.map((e) => extractorVersion(e)));
}
