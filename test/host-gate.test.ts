// The per-host limit shared by every worker of one PostgreSQL database
// (queue/host-gate.ts): two gates on two connection pools — two machines —
// fetching from one host (a local HTTP server on 127.0.0.1) never have more
// than --per-host requests open at once, and a freed slot waits the pause;
// a gate whose database is gone makes fetchUrl throw (the job is retried), not
// fail the URL.
import { strict as assert } from 'node:assert';
import { DEFAULT_FETCH, fetchOptions, fetchUrl, type FetchOptions } from '../src/fetch/index.js';
import { SharedHostGate } from '../src/queue/host-gate.js';
import { openStore, type Store } from '../src/store/db.js';
import { FixtureServer, maxOverlap } from './http-server.js';
import { freshPgDatabase } from './pg-helpers.js';

const PAUSE = 300;

describe('per-host limit across machines (PostgreSQL)', function () {
  this.timeout(120000);
  const srv = new FixtureServer();
  let db: string;
  const stores: Store[] = [];

  before(async () => {
    await srv.start();
    srv.routes.set('/slow.txt', { kind: 'file', body: Buffer.from('本年新收 1\n'), type: 'text/plain; charset=utf-8', delayMs: 150 });
    db = await freshPgDatabase();
    for (let i = 0; i < 2; i++) stores.push(await openStore(db, { poolSize: 4 }));
  });
  after(async () => {
    await srv.close();
    for (const s of stores) await s.close();
  });

  const machine = (s: Store, perHost: number): FetchOptions => ({ ...fetchOptions({ ...DEFAULT_FETCH, perHost, pauseMs: PAUSE }), hosts: new SharedHostGate(s.db, perHost, PAUSE, 50) });

  it('--per-host 1 over two machines: one request at a time, each after the pause', async () => {
    const from = srv.log.length;
    const [a, b] = [machine(stores[0]!, 1), machine(stores[1]!, 1)];
    const results = await Promise.all([a, b, a, b, a, b].map((m) => fetchUrl(srv.url('/slow.txt'), m)));
    assert.deepEqual(results.map((r) => r.kind), Array(6).fill('ok'));
    const log = srv.requests('/slow.txt', from).sort((x, y) => x.startedAt - y.startedAt);
    assert.equal(log.length, 6);
    assert.equal(maxOverlap(log), 1);
    // Each request starts at least the pause after the one before it ended (a little slack for timer rounding).
    for (let i = 1; i < log.length; i++) assert.ok(log[i]!.startedAt - log[i - 1]!.endedAt! >= PAUSE - 20, `request ${i} started ${Math.round(log[i]!.startedAt - log[i - 1]!.endedAt!)} ms after the previous one ended`);
  });

  it('--per-host 2 over two machines: never more than two at once', async () => {
    const from = srv.log.length;
    const [a, b] = [machine(stores[0]!, 2), machine(stores[1]!, 2)];
    const results = await Promise.all([a, b, a, b, a, b, a, b].map((m) => fetchUrl(srv.url('/slow.txt'), m)));
    assert.deepEqual(results.map((r) => r.kind), Array(8).fill('ok'));
    assert.ok(maxOverlap(srv.requests('/slow.txt', from)) <= 2);
  });

  it('a gate whose database is gone throws out of fetchUrl (the job is retried), it does not fail the URL', async () => {
    const gone = await openStore(db, { poolSize: 1 });
    const m = machine(gone, 1);
    await gone.close();
    await assert.rejects(fetchUrl(srv.url('/slow.txt'), m), /per-host limit shared through the database is unavailable/);
  });
});
