// URLs that gave no content, in the store (migration 102), on both engines:
// `extract --db` keeps a 404 and a 500 as failed documents under the URL,
// with the finding and the time; export gives the CSV rows extract wrote; a
// rerun failing the same way changes nothing; a later fetch that succeeds
// replaces the failed document; a URL whose report is stored keeps that
// report when tonight's fetch fails. The review app shows the failed one.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExport } from '../src/cli/export.js';
import { runStatus } from '../src/cli/status.js';
import type { QueueStatus } from '../src/queue/status.js';
import { failedUrlKey } from '../src/store/write.js';
import { listSources, loadReport } from '../src/store/read.js';
import { buildApp } from '../src/web/server.js';
import { FixtureServer } from './http-server.js';
import { csvDifference } from './queue-helpers.js';
import { dump, ENGINES, extractInto, fixture, quietly, stdoutOf, tempDir, withStore } from './store-helpers.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

for (const { engine, target } of ENGINES) {
  describe(`store: URLs that gave no content (${engine})`, function () {
    this.timeout(180000);
    const srv = new FixtureServer();
    const xiuzhou = readFileSync(fixture('text/xiuzhou-gongxiaoshe-2020.txt'));
    let u: Record<'good' | 'later' | 'broken' | 'huge', string>;
    let dir: string;
    let db: string;
    const run = () => extractInto(Object.values(u), join(dir, 'out'), db, ['--host-pause', '0', '--fetch-max-mb', '1']);

    before(async () => {
      await srv.start();
      srv.routes.set('/gk/xiuzhou-2020.txt', { kind: 'file', body: xiuzhou, type: 'text/plain; charset=utf-8', etag: '"xz-1"' });
      srv.routes.set('/gk/broken', { kind: 'status', status: 500 });
      srv.routes.set('/gk/huge.pdf', { kind: 'huge', bytes: 4 << 20, declare: true });
      // /gk/later.html: not there yet (404)
      u = { good: srv.url('/gk/xiuzhou-2020.txt'), later: srv.url('/gk/later.html'), broken: srv.url('/gk/broken'), huge: srv.url('/gk/huge.pdf') };
      dir = tempDir();
      db = await target(dir);
    });
    after(() => srv.close());

    it('a 404, a 500 and a body over --fetch-max-mb are failed documents under their URL, with the finding and the time; export gives extract\'s rows', async () => {
      assert.equal(await run(), 1);
      await withStore(db, async (s) => {
        assert.deepEqual((await listSources(s.db)).map((x) => x.path).sort(), Object.values(u).sort());
        const docs = await s.db.selectFrom('documents as d').innerJoin('sources as s', 's.sha256', 'd.sha256').select(['s.path', 'd.sha256', 'd.status', 'd.bytes', 'd.fetch_failed_at']).orderBy('s.path').execute();
        const failed = docs.filter((d) => d.fetch_failed_at !== null);
        assert.deepEqual(failed.map((d) => [d.path, d.sha256, d.status, Number(d.bytes)]).sort(), [u.broken, u.huge, u.later].map((x) => [x, failedUrlKey(x), 'failed', 0]).sort());
        for (const d of failed) assert.match(String(d.fetch_failed_at), ISO);
        assert.equal(docs.find((d) => d.path === u.good)!.fetch_failed_at, null);
        const r = (await loadReport(s.db, u.later, failedUrlKey(u.later)))!;
        // As extract wrote it: no content, so no sha256; the reason in the finding.
        assert.deepEqual([r.source.sha256, r.source.url, r.status], ['', u.later, 'failed']);
        assert.deepEqual(r.findings.map((f) => [f.rule, f.severity, f.actual]), [['fetch.failed', 'error', 'HTTP 404 Not Found']]);
        const broken = (await loadReport(s.db, u.broken, failedUrlKey(u.broken)))!;
        assert.deepEqual(broken.findings.map((f) => f.actual), ['HTTP 500 Internal Server Error']);
        const huge = (await loadReport(s.db, u.huge, failedUrlKey(u.huge)))!;
        assert.deepEqual(huge.findings.map((f) => f.actual), [`the response is ${4 << 20} bytes, above the ${1 << 20}-byte limit`]);
      });
      const exported = join(dir, 'export');
      assert.equal(await quietly(() => runExport(['--db', db, '--out', exported])), 0);
      assert.equal(csvDifference(join(dir, 'out'), exported), undefined);
    });

    if (engine === 'postgres') {
      it('gkreport status on a store that extract --db filled (no queue): the reports and the three failed URLs, exit 0', async () => {
        const status = await stdoutOf(() => runStatus(['--db', db, '--json']));
        assert.equal(status.value, 0);
        const st = JSON.parse(status.out) as QueueStatus;
        assert.deepEqual([st.queue, st.queued, st.reports, st.failedUrls], [false, 0, { ok: 1, partial: 0, failed: 3 }, 3]);
        assert.deepEqual(st.latestFailedUrls.map((f) => f.url).sort(), [u.broken, u.huge, u.later].sort());
        assert.ok(st.latestFailedUrls.some((f) => f.url === u.later && f.reason === 'Could not fetch the URL: HTTP 404 Not Found.'), JSON.stringify(st.latestFailedUrls));
      });
    }

    it('the review app lists the failed one and shows its URL and time, with nothing to correct', async () => {
      await withStore(db, async (s) => {
        const app = await buildApp({ store: s });
        const overview = (await app.inject({ url: '/?status=failed' })).body;
        assert.ok(overview.includes(`/report/${failedUrlKey(u.later)}`), 'the overview links the failed URL\'s report');
        assert.ok(overview.includes(`(下载失败 not fetched) ${u.later}`), 'the overview names the failed URL');
        const page = (await app.inject({ url: `/report/${failedUrlKey(u.later)}` })).body;
        assert.match(page, /<span class="fetch-failed" id="fetch-failed">下载失败 Not fetched: http:\/\/127\.0\.0\.1:\d+\/gk\/later\.html · \d{4}-\d\d-\d\dT/);
        assert.match(page, /HTTP 404 Not Found/);
        assert.doesNotMatch(page, /id="correct"/);
        await app.close();
      });
    });

    it('a rerun that fails the same way changes nothing (the time of the failure stays)', async () => {
      const before = await withStore(db, dump);
      assert.equal(await run(), 1);
      assert.equal(await withStore(db, dump), before);
    });

    it('a later fetch that succeeds replaces the failed document', async () => {
      srv.routes.set('/gk/later.html', { kind: 'file', body: readFileSync(fixture('html/huaian-shi-2024-template2021.html')), type: 'text/html' });
      assert.equal(await run(), 1); // /gk/broken still fails
      await withStore(db, async (s) => {
        const src = (await listSources(s.db)).find((x) => x.path === u.later)!;
        assert.notEqual(src.sha256, failedUrlKey(u.later));
        const r = (await loadReport(s.db, u.later, src.sha256))!;
        assert.deepEqual([r.status, r.fields['apps.new.total'], r.fields['review.total']], ['ok', 3119, 351]);
        assert.equal(await s.db.selectFrom('documents').select('sha256').where('sha256', '=', failedUrlKey(u.later)).executeTakeFirst(), undefined);
        assert.equal(await s.db.selectFrom('findings').select('seq').where('sha256', '=', failedUrlKey(u.later)).executeTakeFirst(), undefined);
        const failed = await s.db.selectFrom('documents').select('sha256').where('fetch_failed_at', 'is not', null).execute();
        assert.deepEqual(failed.map((d) => d.sha256).sort(), [failedUrlKey(u.broken), failedUrlKey(u.huge)].sort());
      });
    });

    it('a URL whose report is stored keeps it when tonight\'s fetch fails', async () => {
      const sha = await withStore(db, async (s) => (await listSources(s.db)).find((x) => x.path === u.good)!.sha256);
      srv.routes.set('/gk/xiuzhou-2020.txt', { kind: 'status', status: 503 });
      assert.equal(await run(), 1);
      await withStore(db, async (s) => {
        assert.equal((await listSources(s.db)).find((x) => x.path === u.good)!.sha256, sha);
        const r = (await loadReport(s.db, u.good, sha))!;
        assert.deepEqual([r.status, r.meta.agency, r.fields['active.procurement.amount_yuan']], ['ok', '秀洲区供销合作总社', 11000]);
      });
    });
  });
}
