// gkreport status: the queue's jobs by state and the oldest waiting job (from
// pg-boss's tables), the reports the store holds by status, and the latest
// URLs that gave no content (migration 102's failed documents).
import { sql } from 'kysely';
import type { Store } from '../store/db.js';
import { QUEUE } from './job.js';

export interface QueueStatus {
  /** Whether anything was ever enqueued in this database (pg-boss's schema exists); the job counts are 0 when not. */
  queue: boolean;
  queued: number;
  active: number;
  done: number;
  /** Jobs that failed every attempt (not documents that failed: see reports). */
  failed: number;
  oldestWaiting: string | null;
  reports: { ok: number; partial: number; failed: number };
  /** URLs whose last fetch gave no content (counted in reports.failed). */
  failedUrls: number;
  /** The latest of them, newest first (at most FAILED_URLS_SHOWN). */
  latestFailedUrls: Array<{ url: string; at: string; reason: string }>;
}

const FAILED_URLS_SHOWN = 20;

/** URLs that gave no content, newest failure first: how many, and the latest `limit`. */
export async function failedUrls(store: Store, limit = FAILED_URLS_SHOWN): Promise<{ n: number; latest: QueueStatus['latestFailedUrls'] }> {
  const n = await store.db.selectFrom('documents').select((e) => e.fn.countAll().as('n')).where('fetch_failed_at', 'is not', null).executeTakeFirstOrThrow();
  const rows = await store.db
    .selectFrom('documents as d')
    .innerJoin('sources as s', 's.sha256', 'd.sha256')
    .select((e) => [
      's.path', 'd.fetch_failed_at',
      e.selectFrom('findings as f').select('f.message').whereRef('f.sha256', '=', 'd.sha256').where('f.severity', '=', 'error').orderBy('f.seq').limit(1).as('message'),
    ])
    .where('d.fetch_failed_at', 'is not', null)
    .orderBy('d.fetch_failed_at', 'desc')
    .orderBy('s.path')
    .limit(limit)
    .execute();
  return { n: Number(n.n), latest: rows.map((r) => ({ url: r.path, at: String(r.fetch_failed_at), reason: String(r.message ?? '') })) };
}

export async function queueStatus(store: Store): Promise<QueueStatus> {
  // Finished jobs move from pgboss.job to pgboss.archive after a while; both are counted.
  const states = await sql<{ state: string; n: number; oldest: Date | null }>`
    SELECT state, count(*) AS n, min(created_on) FILTER (WHERE state IN ('created', 'retry')) AS oldest FROM (
      SELECT state, created_on FROM pgboss.job WHERE name = ${QUEUE}
      UNION ALL SELECT state, created_on FROM pgboss.archive WHERE name = ${QUEUE}
    ) j GROUP BY state`
    .execute(store.db)
    // A store filled by `extract --db` alone has no queue; its reports and failed URLs are still worth showing.
    .catch((e: Error) => {
      if (/pgboss/.test(e.message)) return undefined;
      throw e;
    });
  const rows = states?.rows ?? [];
  const by = (s: string[]) => rows.filter((r) => s.includes(r.state)).reduce((a, r) => a + Number(r.n), 0);
  const oldest = rows.map((r) => r.oldest).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
  const reports = { ok: 0, partial: 0, failed: 0 };
  // One report per source (an input), as export writes them.
  for (const r of await store.db.selectFrom('sources as s').innerJoin('documents as d', 'd.sha256', 's.sha256').select((e) => ['d.status as status', e.fn.countAll().as('n')]).groupBy('d.status').execute()) {
    if (r.status in reports) reports[r.status as keyof typeof reports] = Number(r.n);
  }
  const urls = await failedUrls(store);
  return {
    queue: states !== undefined, queued: by(['created', 'retry']), active: by(['active']), done: by(['completed']), failed: by(['failed', 'cancelled']), oldestWaiting: oldest ? oldest.toISOString() : null, reports,
    failedUrls: urls.n, latestFailedUrls: urls.latest,
  };
}

/** Jobs not yet finished (waiting, waiting for a retry, or held by a worker). */
export async function unfinished(store: Store): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM pgboss.job WHERE name = ${QUEUE} AND state IN ('created', 'retry', 'active')`.execute(store.db);
  return Number(r.rows[0]?.n ?? 0);
}
