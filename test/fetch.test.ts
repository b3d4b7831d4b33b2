// fetchUrl against a real HTTP server on 127.0.0.1 (test/http-server.ts):
// bodies and validators, conditional requests, and every limit. No request
// leaves the loopback address.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fetchUrl, HostGate, type FetchOptions } from '../src/fetch/index.js';
import { MAX_FETCH_BYTES } from '../src/fetch/limits.js';
import { MAX_INPUT_BYTES } from '../src/pipeline.js';
import { urlReportName } from '../src/output/names.js';
import { fixture } from './bulk-helpers.js';
import { FixtureServer, gzipBomb, maxOverlap } from './http-server.js';

const XIUZHOU = readFileSync(fixture('reports/xiuzhou-gongxiaoshe-2020.txt'));
const LM = 'Tue, 02 Mar 2021 08:00:00 GMT';

const opts = (over: Partial<FetchOptions> = {}): FetchOptions => ({ timeoutMs: 5000, maxBytes: 1 << 20, maxRedirects: 3, hosts: new HostGate(2, 0), ...over });

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('fetchUrl (local HTTP server)', function () {
  this.timeout(30_000);
  const srv = new FixtureServer();

  before(async () => {
    await srv.start();
    srv.routes.set('/r/xiuzhou.txt', { kind: 'file', body: XIUZHOU, type: 'text/plain; charset=utf-8', etag: '"xz-1"', lastModified: LM });
    srv.routes.set('/r/lm-only.txt', { kind: 'file', body: XIUZHOU, type: 'text/plain', lastModified: LM });
    srv.routes.set('/moved', { kind: 'redirect', status: 301, to: '/r/xiuzhou.txt' });
    srv.routes.set('/hop1', { kind: 'redirect', to: '/hop2' });
    srv.routes.set('/hop2', { kind: 'redirect', to: '/hop3' });
    srv.routes.set('/hop3', { kind: 'redirect', to: '/hop4' });
    srv.routes.set('/hop4', { kind: 'redirect', to: '/r/xiuzhou.txt' });
    srv.routes.set('/loop/a', { kind: 'redirect', to: '/loop/b' });
    srv.routes.set('/loop/b', { kind: 'redirect', to: '/loop/a' });
    srv.routes.set('/to-file', { kind: 'redirect', to: 'file:///etc/passwd' });
    srv.routes.set('/broken', { kind: 'status', status: 500 });
    srv.routes.set('/never', { kind: 'never' });
    srv.routes.set('/huge', { kind: 'huge', bytes: 64 << 20 });
    srv.routes.set('/huge-declared', { kind: 'huge', bytes: 64 << 20, declare: true });
    srv.routes.set('/gzip-bomb', { kind: 'gzip', body: gzipBomb(256 << 20) });
    srv.routes.set('/slow', { kind: 'file', body: XIUZHOU, type: 'text/plain', delayMs: 150 });
  });
  after(() => srv.close());

  it('returns the body, the final URL and the validators', async () => {
    const r = await fetchUrl(srv.url('/r/xiuzhou.txt'), opts());
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    assert.ok(r.buffer.equals(XIUZHOU));
    assert.equal(r.finalUrl, srv.url('/r/xiuzhou.txt'));
    assert.equal(r.etag, '"xz-1"');
    assert.equal(r.lastModified, LM);
  });

  it('follows redirects and keeps the final URL', async () => {
    const r = await fetchUrl(srv.url('/moved'), opts());
    assert.equal(r.kind, 'ok');
    assert.equal(r.finalUrl, srv.url('/r/xiuzhou.txt'));
  });

  it('sends If-None-Match and If-Modified-Since and takes a 304 as not modified', async () => {
    const from = srv.log.length;
    const r = await fetchUrl(srv.url('/r/xiuzhou.txt'), opts(), { etag: '"xz-1"', lastModified: LM });
    assert.deepEqual(r, { kind: 'not-modified', finalUrl: srv.url('/r/xiuzhou.txt') });
    const [req] = srv.requests('/r/xiuzhou.txt', from);
    assert.equal(req!.ifNoneMatch, '"xz-1"');
    assert.equal(req!.ifModifiedSince, LM);
    assert.equal(req!.status, 304);
    assert.equal(req!.sent, 0);
    // Last-Modified alone is enough.
    const lm = await fetchUrl(srv.url('/r/lm-only.txt'), opts(), { lastModified: LM });
    assert.equal(lm.kind, 'not-modified');
    // A changed ETag is a new body.
    const changed = await fetchUrl(srv.url('/r/xiuzhou.txt'), opts(), { etag: '"xz-0"' });
    assert.equal(changed.kind, 'ok');
  });

  it('fails with the HTTP status: 404, 500', async () => {
    assert.deepEqual(await fetchUrl(srv.url('/missing'), opts()), { kind: 'failed', reason: 'HTTP 404 Not Found', finalUrl: srv.url('/missing') });
    assert.deepEqual(await fetchUrl(srv.url('/broken'), opts()), { kind: 'failed', reason: 'HTTP 500 Internal Server Error', finalUrl: srv.url('/broken') });
  });

  it('catches a redirect loop, and stops after --max-redirects', async () => {
    const loop = await fetchUrl(srv.url('/loop/a'), opts());
    assert.equal(loop.kind, 'failed');
    assert.equal(loop.kind === 'failed' && loop.reason, `redirect loop: ${srv.url('/loop/a')} → ${srv.url('/loop/b')} → ${srv.url('/loop/a')}`);
    const long = await fetchUrl(srv.url('/hop1'), opts({ maxRedirects: 3 }));
    assert.equal(long.kind === 'failed' && long.reason, 'more than 3 redirects');
    assert.equal(long.kind === 'failed' && long.finalUrl, srv.url('/hop4'));
    assert.equal((await fetchUrl(srv.url('/hop1'), opts({ maxRedirects: 4 }))).kind, 'ok');
    const file = await fetchUrl(srv.url('/to-file'), opts());
    assert.equal(file.kind === 'failed' && file.reason, 'not an http or https URL: file:///etc/passwd');
  });

  it('cuts off a response that never ends at the time limit', async () => {
    const r = await fetchUrl(srv.url('/never'), opts({ timeoutMs: 800 }));
    assert.deepEqual(r, { kind: 'failed', reason: 'no complete response within 0.8 s', finalUrl: srv.url('/never') });
  });

  it('aborts a body past the size limit, and refuses a declared one up front', async () => {
    const from = srv.log.length;
    const r = await fetchUrl(srv.url('/huge'), opts({ maxBytes: 1 << 20 }));
    assert.equal(r.kind === 'failed' && r.reason, 'the response went past the 1048576-byte limit and was cut off');
    const declared = await fetchUrl(srv.url('/huge-declared'), opts({ maxBytes: 1 << 20 }));
    assert.equal(declared.kind === 'failed' && declared.reason, `the response is ${64 << 20} bytes, above the 1048576-byte limit`);
    // The server did not get to send the 64 MiB of either.
    await new Promise((r) => setTimeout(r, 200));
    for (const l of srv.log.slice(from)) assert.ok(l.sent < 32 << 20, `${l.path}: ${l.sent} bytes sent`);
  });

  it('counts the inflated bytes of a compressed body (a gzip bomb stops at the limit)', async () => {
    const from = srv.log.length;
    const r = await fetchUrl(srv.url('/gzip-bomb'), opts({ maxBytes: 1 << 20 }));
    assert.equal(r.kind === 'failed' && r.reason, 'the response went past the 1048576-byte limit and was cut off');
    // What travelled was small: the limit held on what it inflated to.
    assert.ok(srv.requests('/gzip-bomb', from)[0]!.sent < 1 << 20);
  });

  it('allows no download larger than the pipeline would read', () => {
    assert.equal(MAX_FETCH_BYTES, MAX_INPUT_BYTES);
  });

  it('says when nothing listens', async () => {
    const port = await closedPort();
    const r = await fetchUrl(`http://127.0.0.1:${port}/x`, opts());
    assert.equal(r.kind === 'failed' && r.reason, `connection refused by 127.0.0.1:${port}`);
  });

  it('keeps at most N requests at once per host, with the pause between them', async () => {
    const from = srv.log.length;
    const two = new HostGate(2, 0);
    const rs = await Promise.all(Array.from({ length: 6 }, () => fetchUrl(srv.url('/slow'), opts({ hosts: two }))));
    assert.ok(rs.every((r) => r.kind === 'ok'));
    assert.equal(maxOverlap(srv.requests('/slow', from)), 2);
    const paused = new HostGate(1, 300);
    const mid = srv.log.length;
    await Promise.all(Array.from({ length: 3 }, () => fetchUrl(srv.url('/slow'), opts({ hosts: paused }))));
    const starts = srv.log.slice(mid).map((l) => l.startedAt);
    // One at a time: each starts after the one before it answered (≥ 150 ms) and the pause (300 ms).
    for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 440, `gap ${starts[i]! - starts[i - 1]!} ms`);
    assert.ok(srv.log.length - from === 9);
  });
});

describe('URL report names', () => {
  it('are stable, distinct per URL, and carry nothing of the URL but safe characters', () => {
    const a = urlReportName('http://127.0.0.1:8080/gk/2023/report.pdf');
    assert.equal(a, urlReportName('http://127.0.0.1:8080/gk/2023/report.pdf'));
    assert.match(a, /^report-u[0-9a-f]{12}$/);
    assert.notEqual(a, urlReportName('http://127.0.0.1:8080/gk/2024/report.pdf'));
    for (const hostile of ['http://h/..%2F..%2F..%2Fetc%2Fpasswd', 'http://h/a/%2e%2e', 'http://h/%00nul', 'http://h/', 'http://h/con', 'http://h/%E6%8A%A5%E5%91%8A%3Cscript%3E.html?x=/../../y']) {
      const n = urlReportName(hostile);
      assert.match(n, /^[\p{L}\p{N}_][\p{L}\p{N}._-]*-u[0-9a-f]{12}$/u, `${hostile} → ${n}`);
      assert.ok(!n.includes('/') && !n.includes('..'), n);
    }
    assert.match(urlReportName('http://h/%E6%8A%A5%E5%91%8A.html'), /^报告-u/);
  });
});
