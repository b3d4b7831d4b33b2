// `gkreport worker --db postgres://… [--jobs N]`: takes jobs from the queue
// until stopped (SIGTERM/SIGINT: the files in hand are finished first), or
// with --drain until no job is left unfinished.
import { parseCommand } from './args.js';
import { DEFAULT_JOBS } from '../bulk/run.js';
import { DEFAULT_FETCH } from '../fetch/index.js';
import { QUEUE } from '../queue/job.js';
import { unfinished } from '../queue/status.js';
import { QueueWorker } from '../queue/work.js';
import { DEFAULT_MEMORY_MB } from './extract.js';
import { log, needPostgres, openQueue } from './queue-args.js';

export const WORKER_USAGE = `Usage: gkreport worker --db postgres://… [options]

Takes jobs from the queue ("gkreport enqueue") and extracts them in parallel
workers with the per-file limits of extract, writing each report (and the
cross-year findings of its body) into the store as it lands. Run any number, on
any machines that reach the database and the inputs.

Options:
  --db URL              the PostgreSQL store and queue (required)
  --jobs N              files at once (default: number of cores)
  --timeout SEC         per-file time limit (default: 120)
  --max-memory MB       memory ceiling per worker (default: ${DEFAULT_MEMORY_MB})
  --workers KIND        process (default) or thread
  --poll SEC            how often an idle worker asks for a job (default: 2)
  --per-host N          URL jobs: requests at once to one host, by all the
                        workers of this database together (default: ${DEFAULT_FETCH.perHost})
  --host-pause MS       pause before a host's freed slot is used again (default: ${DEFAULT_FETCH.pauseMs})
  --drain               exit once no job is waiting or held (a batch job, a benchmark)
  --quiet               no line per file on stderr
  -h, --help            this text

SIGTERM or SIGINT: take no new job, finish the files in hand, exit 0.
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runWorker(argv: string[]): Promise<number> {
  const parsed = parseCommand('worker', WORKER_USAGE, {
    args: argv,
    options: {
      db: { type: 'string' },
      jobs: { type: 'string', short: 'j', default: String(DEFAULT_JOBS) },
      timeout: { type: 'string', default: '120' },
      'max-memory': { type: 'string', default: String(DEFAULT_MEMORY_MB) },
      workers: { type: 'string', default: 'process' },
      poll: { type: 'string', default: '2' },
      'per-host': { type: 'string', default: String(DEFAULT_FETCH.perHost) },
      'host-pause': { type: 'string', default: String(DEFAULT_FETCH.pauseMs) },
      drain: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const db = needPostgres('worker', values.db, WORKER_USAGE);
  if (typeof db === 'number') return db;
  const jobs = Number(values.jobs);
  const timeoutSec = Number(values.timeout);
  const memoryMb = Number(values['max-memory']);
  const pollSec = Number(values.poll);
  const kind = values.workers;
  const perHost = Number(values['per-host']);
  const pauseMs = Number(values['host-pause']);
  if (!Number.isInteger(jobs) || jobs < 1 || !(timeoutSec > 0) || !Number.isInteger(memoryMb) || memoryMb < 64 || !(pollSec >= 0.5) || (kind !== 'process' && kind !== 'thread') || !Number.isInteger(perHost) || perHost < 1 || !Number.isInteger(pauseMs) || pauseMs < 0) {
    process.stderr.write(`gkreport worker: --jobs takes 1 or more, --timeout seconds above 0, --max-memory 64 MB or more, --poll 0.5 s or more, --workers process or thread, --per-host 1 or more, --host-pause milliseconds 0 or more\n`);
    return 2;
  }
  const say = log('worker');
  // Expired leases are noticed within a quarter of the lease (pg-boss maintenance runs in the workers).
  const probe = await openQueue('worker', db, { supervise: false, poolSize: 1 });
  if (typeof probe === 'number') return probe;
  const queue = await probe.boss.getQueue(QUEUE);
  await probe.boss.stop({ graceful: false, wait: true });
  await probe.store.close();
  const leaseSec = queue?.expireInSeconds ?? 900;
  if (timeoutSec + 5 >= leaseSec) say(`warning: --timeout ${timeoutSec} s is not below the queue's lease (${leaseSec} s): a slow file's job would be handed to another worker`);
  // A URL job holds a connection for its host slot (queue/host-gate.ts) besides the one it writes with.
  const q = await openQueue('worker', db, { supervise: true, maintenanceSec: Math.min(60, Math.max(1, Math.round(leaseSec / 4))), poolSize: 2 * jobs + 1 });
  if (typeof q === 'number') return q;
  const worker = new QueueWorker(q.store, q.boss, {
    jobs, timeoutMs: timeoutSec * 1000, memoryMb, kind, pollSec, leaseMs: leaseSec * 1000, log: say, fetch: { ...DEFAULT_FETCH, perHost, pauseMs },
    done: values.quiet ? undefined : (input, status, ms) => say(`${status} ${input} (${ms} ms)`),
  });
  let stopping: Promise<void> | undefined;
  const stop = (why: string) => {
    if (!stopping) {
      say(`${why}: finishing ${worker.busy} file(s) in hand, taking no new job`);
      stopping = worker.stop();
    }
    return stopping;
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  worker.start();
  say(`working (${jobs} at once)`);
  while (!stopping) {
    await sleep(Math.max(1000, pollSec * 1000));
    if (!values.drain || stopping || worker.busy) continue;
    try {
      if ((await unfinished(q.store)) === 0) void stop('queue drained');
    } catch (e) {
      say(`cannot read the queue (${(e as Error).message}); waiting`);
    }
  }
  await stopping;
  await q.store.close();
  return 0;
}
