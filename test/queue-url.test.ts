// URL jobs through the queue: a worker fetches each URL (from a local HTTP
// server on 127.0.0.1), stores the report with its final URL and validators,
// gives a 404 its fetch.failed report (a failed document in the store, listed
// by `status`), and on the nightly rerun (enqueue --force) sends the stored
// ETag / Last-Modified and writes nothing new on 304.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { runStatus } from '../src/cli/status.js';
import type { QueueStatus } from '../src/queue/status.js';
import { loadReport } from '../src/store/index.js';
import type { Report } from '../src/types.js';
import { FixtureServer, maxOverlap } from './http-server.js';
import { freshPgDatabase } from './pg-helpers.js';
import { enqueueQuiet, startWorker } from './queue-helpers.js';
import { fixture, stdoutOf, withStore } from './store-helpers.js';

const LM = 'Mon, 01 Mar 2021 00:00:00 GMT';

async function storedReports(db: string): Promise<Map<string, Report>> {
  return withStore(db, async (s) => {
    const out = new Map<string, Report>();
    for (const { path, sha256 } of await s.db.selectFrom('sources').select(['path', 'sha256']).execute()) {
      const r = await loadReport(s.db, path, sha256);
      if (r) out.set(path, r);
    }
    return out;
  });
}

describe('queue: URL jobs', function () {
  this.timeout(10 * 60_000);
  const srv = new FixtureServer();
  let db: string;
  let u: Record<'xiuzhou' | 'huaian' | 'missing', string>;

  before(async () => {
    await srv.start();
    srv.routes.set('/gk/xiuzhou-2020.txt', { kind: 'file', body: readFileSync(fixture('text/xiuzhou-gongxiaoshe-2020.txt')), type: 'text/plain; charset=utf-8', etag: '"xz-1"' });
    srv.routes.set('/old/huaian.html', { kind: 'redirect', status: 301, to: '/gk/huaian-2024.html' });
    srv.routes.set('/gk/huaian-2024.html', { kind: 'file', body: readFileSync(fixture('html/huaian-shi-2024-template2021.html')), type: 'text/html', lastModified: LM });
    u = { xiuzhou: srv.url('/gk/xiuzhou-2020.txt'), huaian: srv.url('/old/huaian.html'), missing: srv.url('/gk/missing.pdf') };
    db = await freshPgDatabase();
  });
  after(() => srv.close());

  it('fetches and stores each URL with its final URL; a 404 fails at once, without a retry', async () => {
    assert.equal(await enqueueQuiet([u.xiuzhou, u.huaian, u.missing, '--db', db]), 0);
    const w = startWorker(db);
    assert.equal(await w.exit, 0, w.log.join('\n'));
    const stored = await storedReports(db);
    // A failed download is a failed document under its URL (as for extract --db), and the worker's log says so.
    assert.deepEqual([...stored.keys()].sort(), [u.xiuzhou, u.huaian, u.missing].sort());
    assert.ok(w.log.some((l) => l.includes(`failed ${u.missing}`)), w.log.join('\n'));
    const missing = stored.get(u.missing)!;
    assert.deepEqual([missing.status, missing.source.sha256, missing.findings.map((f) => [f.rule, f.actual])], ['failed', '', [['fetch.failed', 'HTTP 404 Not Found']]]);
    // `gkreport status` counts it among the failed reports and lists it with when and why.
    const status = await stdoutOf(() => runStatus(['--db', db, '--json']));
    assert.equal(status.value, 0);
    const st = JSON.parse(status.out) as QueueStatus;
    assert.deepEqual([st.reports, st.failedUrls, st.latestFailedUrls.map((f) => [f.url, f.reason])], [{ ok: 2, partial: 0, failed: 1 }, 1, [[u.missing, 'Could not fetch the URL: HTTP 404 Not Found.']]]);
    assert.match(st.latestFailedUrls[0]!.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const xz = stored.get(u.xiuzhou)!;
    assert.deepEqual([xz.status, xz.meta.agency, xz.meta.year, xz.fields['active.procurement.amount_yuan']], ['ok', '秀洲区供销合作总社', 2020, 11000]);
    assert.deepEqual([xz.source.url, xz.source.etag], [u.xiuzhou, '"xz-1"']);
    const ha = stored.get(u.huaian)!;
    assert.deepEqual([ha.source.url, ha.source.last_modified, ha.fields['apps.new.total'], ha.fields['review.total']], [srv.url('/gk/huaian-2024.html'), LM, 3119, 351]);
    assert.equal(srv.requests('/gk/missing.pdf').length, 1, 'a 404 is not retried');
  });

  it('the nightly rerun (enqueue --force) asks conditionally and writes nothing on 304', async () => {
    const before = await storedReports(db);
    const from = srv.log.length;
    assert.equal(await enqueueQuiet([u.xiuzhou, u.huaian, '--db', db, '--force']), 0);
    const w = startWorker(db, ['--quiet']);
    assert.equal(await w.exit, 0, w.log.join('\n'));
    const xz = srv.requests('/gk/xiuzhou-2020.txt', from);
    assert.deepEqual(xz.map((l) => [l.status, l.ifNoneMatch]), [[304, '"xz-1"']]);
    const ha = srv.requests('/gk/huaian-2024.html', from);
    assert.deepEqual(ha.map((l) => [l.status, l.ifModifiedSince]), [[304, LM]]);
    assert.deepEqual(await storedReports(db), before);
  });

  it('two workers with --per-host 1: one request at a time to the host, across both processes', async () => {
    const body = readFileSync(fixture('text/xiuzhou-gongxiaoshe-2020.txt'));
    const urls = [1, 2, 3, 4, 5, 6].map((i) => {
      srv.routes.set(`/slow/${i}.txt`, { kind: 'file', body, type: 'text/plain; charset=utf-8', delayMs: 1500 });
      return srv.url(`/slow/${i}.txt`);
    });
    const from = srv.log.length;
    const other = await freshPgDatabase();
    assert.equal(await enqueueQuiet([...urls, '--db', other]), 0);
    const flags = ['--jobs', '2', '--per-host', '1', '--host-pause', '100', '--quiet'];
    const ws = [startWorker(other, flags), startWorker(other, flags)];
    for (const w of ws) assert.equal(await w.exit, 0, w.log.join('\n'));
    const log = srv.log.slice(from).filter((l) => l.path.startsWith('/slow/'));
    assert.deepEqual(log.map((l) => l.path).sort(), urls.map((x) => new URL(x).pathname).sort());
    assert.equal(maxOverlap(log), 1);
    assert.equal((await storedReports(other)).size, 6);
  });
});
