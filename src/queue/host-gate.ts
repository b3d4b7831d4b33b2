// The per-host limit across machines. Every worker of one database shares it:
// a host has N slots, each a PostgreSQL session advisory lock (two keys: the
// host's hash and the slot number), held on its own connection for the request
// and then the pause, so all workers together make at most N requests at once
// to a host, a freed slot waiting the pause before the next one. A worker that
// dies lets go of its slots with its connection (the server drops session locks).
// pg-boss's per-key singletons were considered: they hold a key for a whole job
// (download and extraction), allow one job per key, not N, have no pause, and a
// queue's policy cannot change once created.
import { sql, type Kysely } from 'kysely';
import { HostGate, type HostGateLike } from '../fetch/index.js';
import type { Database } from '../store/tables.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


export class SharedHostGate implements HostGateLike {
  /** Within the process first, so its own requests queue here, not by asking the database. */
  private readonly local: HostGate;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly perHost: number,
    private readonly pauseMs: number,
    /** How often a request waiting for a slot another machine holds asks again. */
    private readonly pollMs = 200,
  ) {
    this.local = new HostGate(perHost, 0);
  }

  async enter(host: string): Promise<() => void> {
    const leaveLocal = await this.local.enter(host);
    try {
      return await this.shared(host, leaveLocal);
    } catch (e) {
      leaveLocal();
      throw new Error(`the per-host limit shared through the database is unavailable: ${(e as Error).message}`);
    }
  }

  /** Takes a free slot of `host` on a connection of its own; resolves with the function that frees it after the pause. */
  private shared(host: string, leaveLocal: () => void): Promise<() => void> {
    return new Promise((entered, failed) => {
      let done!: () => void;
      const over = new Promise<void>((r) => (done = r));
      let inside = false;
      this.db
        .connection()
        .execute(async (conn) => {
          const key = sql`hashtext(${`gkreport-host:${host}`})`;
          let slot = -1;
          while (slot < 0) {
            for (let s = 0; s < this.perHost && slot < 0; s++) {
              const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${key}, ${s}) AS ok`.execute(conn);
              if (r.rows[0]?.ok) slot = s;
            }
            if (slot < 0) await sleep(this.pollMs * (0.5 + Math.random()));
          }
          inside = true;
          let left = false;
          entered(() => {
            if (left) return;
            left = true;
            leaveLocal();
            done();
          });
          await over;
          await sleep(this.pauseMs);
          await sql`SELECT pg_advisory_unlock(${key}, ${slot})`.execute(conn);
        })
        // Lost after the slot was taken: the server let go of the lock with the connection.
        .catch((e: Error) => (inside ? undefined : failed(e)));
    });
  }
}
