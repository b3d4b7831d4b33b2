// `gkreport status --db postgres://…`: the queue at a glance, on stdout.
import { parseCommand } from './args.js';
import { queueStatus } from '../queue/status.js';
import { openStore } from '../store/db.js';
import { needPostgres } from './queue-args.js';

export const STATUS_USAGE = `Usage: gkreport status --db postgres://… [--json]

Prints the queue's jobs: queued (waiting or waiting for a retry), active (held
by a worker), done, failed (every attempt failed: see docs/scale.md), the oldest
waiting job, and the reports in the store by status (ok / partial / failed).

Options:
  --db URL     the PostgreSQL store and queue (required)
  --json       one JSON object instead of lines
  -h, --help   this text
`;

export async function runStatus(argv: string[]): Promise<number> {
  const parsed = parseCommand('status', STATUS_USAGE, { args: argv, options: { db: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const db = needPostgres('status', values.db, STATUS_USAGE);
  if (typeof db === 'number') return db;
  const store = await openStore(db, { poolSize: 1 });
  try {
    const s = await queueStatus(store).catch((e: Error) => {
      if (/pgboss/.test(e.message)) return undefined; // nothing was ever enqueued here
      throw e;
    });
    if (!s) {
      process.stderr.write('gkreport status: no queue in this database yet (run "gkreport enqueue" first)\n');
      return 1;
    }
    if (values.json) process.stdout.write(`${JSON.stringify(s)}\n`);
    else {
      process.stdout.write(
        `queued  ${s.queued}\nactive  ${s.active}\ndone    ${s.done}\nfailed  ${s.failed}\noldest waiting  ${s.oldestWaiting ?? '-'}\n` +
          `reports ok ${s.reports.ok}, partial ${s.reports.partial}, failed ${s.reports.failed}\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}
