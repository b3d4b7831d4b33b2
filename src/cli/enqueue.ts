// `gkreport enqueue <files-or-dirs|URLs>... --db postgres://…`: one queue job per input.
import { parseCommand } from './args.js';
import { DEFAULT_POLICY, ensureQueue } from '../queue/boss.js';
import { enqueue } from '../queue/enqueue.js';
import { log, needPostgres, openQueue } from './queue-args.js';

export const ENQUEUE_USAGE = `Usage: gkreport enqueue <file-or-dir|URL>... --db postgres://… [options]

Adds one job per input to the queue in PostgreSQL, for "gkreport worker" on any
machine. Directories are recursed; file paths are stored absolute, so workers
must see the files at the same path (a shared folder). An input is known by its
content and path (a file) or as written (a URL): enqueuing it again adds nothing.

Options:
  --db URL             the PostgreSQL store and queue (required)
  --force              add a job even for inputs enqueued before
  --lease SEC          time a worker holds a job before it goes to another (default ${DEFAULT_POLICY.leaseSec});
                       must exceed the workers' --timeout; set when the queue is first made
  --retries N          attempts after the first for failures outside the document (default ${DEFAULT_POLICY.retryLimit})
  --retry-delay SEC    first wait before a retry, doubled each time (default ${DEFAULT_POLICY.retryDelaySec})
  -h, --help           this text

Exit status: 0 every input was queued or already there; 1 an input could not be read; 2 bad usage.
`;

export async function runEnqueue(argv: string[]): Promise<number> {
  const parsed = parseCommand('enqueue', ENQUEUE_USAGE, {
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      force: { type: 'boolean', default: false },
      lease: { type: 'string', default: String(DEFAULT_POLICY.leaseSec) },
      retries: { type: 'string', default: String(DEFAULT_POLICY.retryLimit) },
      'retry-delay': { type: 'string', default: String(DEFAULT_POLICY.retryDelaySec) },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const db = needPostgres('enqueue', values.db, ENQUEUE_USAGE);
  if (typeof db === 'number') return db;
  if (!positionals.length) {
    process.stderr.write(`gkreport enqueue: no inputs given\n\n${ENQUEUE_USAGE}`);
    return 2;
  }
  const policy = { leaseSec: Number(values.lease), retryLimit: Number(values.retries), retryDelaySec: Number(values['retry-delay']) };
  if (!(policy.leaseSec >= 1) || !Number.isInteger(policy.retryLimit) || policy.retryLimit < 0 || !(policy.retryDelaySec >= 1)) {
    process.stderr.write(`gkreport enqueue: --lease and --retry-delay take seconds (1 or more), --retries a whole number\n`);
    return 2;
  }
  const q = await openQueue('enqueue', db, { supervise: false });
  if (typeof q === 'number') return q;
  try {
    await ensureQueue(q.boss, policy);
    const r = await enqueue(q.store, q.boss, positionals, values.force!);
    for (const p of r.problems) log('enqueue')(`${p.input}: ${p.message}`);
    log('enqueue')(`${r.added} job(s) added, ${r.already} input(s) already queued${r.problems.length ? `, ${r.problems.length} could not be read` : ''}`);
    return r.problems.length ? 1 : 0;
  } finally {
    await q.boss.stop({ graceful: false, wait: true });
    await q.store.close();
  }
}
