// `gkreport status --db postgres://…`: the queue at a glance, on stdout.
import { parseCommand } from './args.js';
import { queueStatus } from '../queue/status.js';
import { openStore } from '../store/db.js';
import { needPostgres } from './queue-args.js';

export const STATUS_USAGE = `Usage: gkreport status --db postgres://… [--json]

Prints the queue's jobs (if anything was ever enqueued there): queued (waiting or waiting for a retry), active (held
by a worker), done, failed (every attempt failed: see docs/scale.md), the oldest
waiting job, the reports in the store by status (ok / partial / failed), and
the URLs that gave no content (a failed download: DNS, HTTP error, time or
size limit; or an extraction stopped by the limits), the latest first with
when and why.

Options:
  --db URL     the PostgreSQL store and queue (required)
  --json       one JSON object instead of lines
  -h, --help   this text
`;

/** Text from the network on a terminal: no control characters. */
const plain = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

export async function runStatus(argv: string[]): Promise<number> {
  const parsed = parseCommand('status', STATUS_USAGE, { args: argv, options: { db: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const db = needPostgres('status', values.db, STATUS_USAGE);
  if (typeof db === 'number') return db;
  const store = await openStore(db, { poolSize: 1 });
  try {
    const s = await queueStatus(store);
    if (values.json) process.stdout.write(`${JSON.stringify(s)}\n`);
    else {
      process.stdout.write(
        (s.queue
          ? `queued  ${s.queued}\nactive  ${s.active}\ndone    ${s.done}\nfailed  ${s.failed}\noldest waiting  ${s.oldestWaiting ?? '-'}\n`
          : 'queue   none in this database (gkreport enqueue makes one)\n') +
          `reports ok ${s.reports.ok}, partial ${s.reports.partial}, failed ${s.reports.failed}\n` +
          `failed URLs  ${s.failedUrls}${s.failedUrls > s.latestFailedUrls.length ? ` (the latest ${s.latestFailedUrls.length})` : ''}\n` +
          s.latestFailedUrls.map((u) => `  ${u.at}  ${plain(u.url)}  ${plain(u.reason)}\n`).join(''),
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}
