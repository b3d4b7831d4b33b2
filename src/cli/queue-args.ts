// What enqueue, worker and status share: --db must be a PostgreSQL URL (the
// queue lives in PostgreSQL), and the store and pg-boss are opened on it.
import { startBoss, type Boss } from '../queue/boss.js';
import { displayTarget, isPostgresUrl, openStore, type Store } from '../store/db.js';

export function needPostgres(name: string, db: string | undefined, usage: string): string | number {
  if (!db) {
    process.stderr.write(`gkreport ${name}: --db postgres://… is required\n\n${usage}`);
    return 2;
  }
  if (!isPostgresUrl(db)) {
    process.stderr.write(`gkreport ${name}: the queue needs PostgreSQL: --db takes a postgres:// URL, not "${db}" (an SQLite store is for "gkreport extract --db FILE")\n`);
    return 2;
  }
  return db;
}

export const log = (name: string) => (m: string) => process.stderr.write(`gkreport ${name}: ${m}\n`);

export async function openQueue(name: string, db: string, opts: { supervise: boolean; maintenanceSec?: number; poolSize?: number }): Promise<{ store: Store; boss: Boss } | number> {
  let store: Store | undefined;
  try {
    store = await openStore(db, { poolSize: opts.poolSize });
    const boss = await startBoss(db, { supervise: opts.supervise, maintenanceSec: opts.maintenanceSec, log: log(name) });
    return { store, boss };
  } catch (e) {
    await store?.close();
    process.stderr.write(`gkreport ${name}: cannot open the queue at ${displayTarget(db)}: ${(e as Error).message}\n`);
    return 1;
  }
}
