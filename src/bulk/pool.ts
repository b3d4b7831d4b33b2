// A pool of workers with per-task limits. Each task runs in a worker (a child
// process or a worker thread); a task that runs past its time limit, or a
// worker that crosses its memory ceiling or dies, is reported as a failed
// outcome, the worker is killed and the next task gets a fresh one. The pool
// itself never throws for what a task does.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export type WorkerKind = 'process' | 'thread';

export interface PoolOptions {
  /** Absolute path of the worker script (it calls `serve` from serve.ts). */
  script: string;
  jobs: number;
  /** Time limit per task as the user set it (--timeout). */
  timeoutMs: number;
  /** Extra time before the worker is killed, for extractors that watch the clock and return a partial report themselves. */
  graceMs?: number;
  /** Memory ceiling per worker in MB: V8 heap limit, and (processes) resident set size. */
  memoryMb: number;
  kind: WorkerKind;
  /** Extra Node/V8 flags for process workers (e.g. --single-threaded-gc). */
  execArgv?: string[];
}

export type Outcome<R> = { ok: true; value: R } | { ok: false; kind: 'timeout' | 'memory' | 'crash' | 'error'; reason: string };

interface Pending<T, R> {
  task: T;
  resolve: (o: Outcome<R>) => void;
}

/** What the pool needs of a worker, whichever kind it is. */
interface Handle {
  send(msg: unknown): void;
  kill(): void;
  /** Lets an idle worker exit by itself (it flushes what it must, e.g. a --cpu-prof profile). */
  end(): void;
  /** Resident set size in MB, where the kind can measure it per worker. */
  rssMb(): number | undefined;
  stderrTail(): string;
}

const RSS_POLL_MS = 250;

class Slot<T, R> {
  private handle: Handle | undefined;
  private current: (Pending<T, R> & { timer: NodeJS.Timeout }) | undefined;
  private memTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: PoolOptions, private readonly onIdle: (slot: Slot<T, R>) => void) {}

  get busy(): boolean {
    return this.current !== undefined;
  }

  run(p: Pending<T, R>): void {
    const handle = (this.handle ??= this.spawn());
    const limit = this.opts.timeoutMs + (this.opts.graceMs ?? 0);
    const timer = setTimeout(() => this.fail('timeout', `no result within the ${fmtSec(this.opts.timeoutMs)} s time limit (--timeout); the file may be damaged or built to hang a reader`), limit);
    this.current = { ...p, timer };
    if (handle.rssMb() !== undefined) {
      this.memTimer = setInterval(() => {
        const rss = handle.rssMb();
        if (rss !== undefined && rss > this.opts.memoryMb) this.fail('memory', `stopped at ${Math.round(rss)} MB resident, above the ${this.opts.memoryMb} MB per-worker ceiling`);
      }, RSS_POLL_MS);
    }
    handle.send(p.task);
  }

  /** Starts the worker ahead of its first task: its start-up then overlaps with the caller's. */
  warm(): void {
    this.handle ??= this.spawn();
  }

  close(): void {
    const h = this.handle;
    this.handle = undefined;
    if (!h) return;
    if (this.current) h.kill();
    else h.end();
  }

  private finish(o: Outcome<R>): void {
    const cur = this.current;
    if (!cur) return;
    clearTimeout(cur.timer);
    clearInterval(this.memTimer);
    this.current = undefined;
    cur.resolve(o);
    this.onIdle(this);
  }

  /** Ends the current task with a failure and throws the worker away: its state is suspect. */
  private fail(kind: 'timeout' | 'memory' | 'crash', reason: string): void {
    const h = this.handle;
    this.handle = undefined;
    h?.kill();
    this.finish({ ok: false, kind, reason });
  }

  private onMessage(h: Handle, msg: { ok: boolean; value?: R; reason?: string }): void {
    if (h !== this.handle) return;
    this.finish(msg.ok ? { ok: true, value: msg.value as R } : { ok: false, kind: 'error', reason: msg.reason ?? 'unknown error' });
  }

  private onExit(h: Handle, how: string): void {
    if (h !== this.handle) return; // a worker we killed on purpose
    this.handle = undefined;
    const tail = h.stderrTail();
    if (/heap out of memory|Reached heap limit|ERR_WORKER_OUT_OF_MEMORY/.test(tail + how)) {
      this.finish({ ok: false, kind: 'memory', reason: `worker ran out of memory (V8 heap ceiling ${this.opts.memoryMb} MB)` });
    } else {
      const last = tail.trim().split('\n').slice(-3).join(' | ');
      this.finish({ ok: false, kind: 'crash', reason: `worker died (${how})${last ? `: ${last}` : ''}` });
    }
  }

  private spawn(): Handle {
    return this.opts.kind === 'thread' ? this.spawnThread() : this.spawnProcess();
  }

  private spawnProcess(): Handle {
    let tail = '';
    const execArgv = [`--max-old-space-size=${this.opts.memoryMb}`, ...(this.opts.execArgv ?? [])];
    // stdout is dropped: libraries that print would break the CLI's stdout contract.
    const child: ChildProcess = fork(this.opts.script, [], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (tail = (tail + s).slice(-4000)));
    const h: Handle = {
      send: (m) => child.send(m as never),
      kill: () => child.kill('SIGKILL'),
      end: () => {
        if (child.connected) child.disconnect();
        // Should it not exit on its own, it does not outlive the run for long.
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      },
      rssMb: () => statmRssMb(child.pid),
      stderrTail: () => tail,
    };
    child.on('message', (m) => this.onMessage(h, m as { ok: boolean }));
    child.on('error', (e) => this.onExit(h, e.message));
    child.on('exit', (code, signal) => this.onExit(h, signal ? `signal ${signal}` : `exit code ${code}`));
    return h;
  }

  private spawnThread(): Handle {
    let tail = '';
    const w = new Worker(this.opts.script, {
      resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb },
      stdout: true,
      stderr: true,
    });
    w.stdout.resume();
    w.stderr.setEncoding('utf8').on('data', (s: string) => (tail = (tail + s).slice(-4000)));
    let how = '';
    const h: Handle = {
      send: (m) => w.postMessage(m),
      kill: () => void w.terminate(),
      end: () => void w.terminate(),
      rssMb: () => undefined, // threads share the process: only the heap limit applies
      stderrTail: () => tail,
    };
    w.on('message', (m) => this.onMessage(h, m as { ok: boolean }));
    w.on('error', (e) => (how = `${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`.trim()));
    w.on('exit', (code) => this.onExit(h, how || `exit code ${code}`));
    return h;
  }
}

function fmtSec(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** Resident set size of a process from /proc (Linux); undefined elsewhere, then only the heap limit applies. */
function statmRssMb(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]);
    return (pages * 4096) / 2 ** 20;
  } catch {
    return 0; // not started yet or already gone
  }
}

export class Pool<T, R> {
  private readonly slots: Slot<T, R>[];
  private readonly queue: Pending<T, R>[] = [];

  constructor(opts: PoolOptions) {
    this.slots = Array.from({ length: Math.max(1, opts.jobs) }, () => new Slot<T, R>(opts, (s) => this.next(s)));
  }

  run(task: T): Promise<Outcome<R>> {
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      const idle = this.slots.find((s) => !s.busy);
      if (idle) this.next(idle);
    });
  }

  /** Starts `n` workers now rather than at their first task. */
  warm(n: number): void {
    for (const s of this.slots.slice(0, n)) s.warm();
  }

  private next(slot: Slot<T, R>): void {
    const p = this.queue.shift();
    if (p) slot.run(p);
  }

  /** Stops every worker; call when no task is pending. */
  close(): void {
    for (const s of this.slots) s.close();
  }
}
