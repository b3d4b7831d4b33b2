// pg-boss (jobs in PostgreSQL) for the queue: started against the store's
// database, with its own schema (pgboss) beside the store's tables.
import { createRequire } from 'node:module';
import type PgBossType from 'pg-boss';
import { QUEUE } from './job.js';

const require = createRequire(import.meta.url);
const PgBoss = require('pg-boss') as typeof PgBossType;

export type Boss = PgBossType;

export interface QueuePolicy {
  /** Seconds a worker holds a job before it is given to another (the lease). */
  leaseSec: number;
  /** Attempts after the first, for failures outside the document (database gone, machine out of memory). */
  retryLimit: number;
  /** First wait before a retry, doubled each time. */
  retryDelaySec: number;
}

export const DEFAULT_POLICY: QueuePolicy = { leaseSec: 900, retryLimit: 8, retryDelaySec: 5 };

export async function startBoss(url: string, opts: { supervise: boolean; maintenanceSec?: number; log?: (m: string) => void }): Promise<Boss> {
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    supervise: opts.supervise,
    schedule: false,
    ...(opts.maintenanceSec ? { maintenanceIntervalSeconds: opts.maintenanceSec } : {}),
  });
  // Without a listener an 'error' event would end the process; a lost database is waited out instead.
  boss.on('error', (e) => opts.log?.(`queue: ${e.message}`));
  await boss.start();
  return boss;
}

/** Creates the queue on first use; its policy is the one given by the first enqueue. */
export async function ensureQueue(boss: Boss, p: QueuePolicy): Promise<void> {
  if (await boss.getQueue(QUEUE)) return;
  try {
    await boss.createQueue(QUEUE, { name: QUEUE, policy: 'standard', expireInSeconds: p.leaseSec, retryLimit: p.retryLimit, retryDelay: p.retryDelaySec, retryBackoff: true });
  } catch (e) {
    // Two enqueues at once: the other one created it.
    if (!(await boss.getQueue(QUEUE))) throw e;
  }
}
