// `gkreport extract` over URLs served by a local HTTP server (127.0.0.1 only):
// the nightly job of issue 12. Good reports are extracted with their final URL;
// a 404, a 500, a redirect loop, a response that never ends and one far larger
// than the limit each get a failed report with fetch.failed, and the batch goes
// on; the second run gets 304s and writes nothing; a changed file is redone.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../src/types.js';
import { events, fixture, readCsv, removeTempDirs, reportRows, runCli, tempDir } from './bulk-helpers.js';
import { FixtureServer } from './http-server.js';

const LM = 'Mon, 01 Mar 2021 00:00:00 GMT';

/** Every file under --out (reports/ and the CSVs) with its bytes and modification time. */
function snapshot(out: string): Record<string, string> {
  const files = [...readdirSync(join(out, 'reports')).map((n) => join('reports', n)), 'reports.csv', 'values.csv', 'findings.csv'];
  return Object.fromEntries(files.map((n) => [n, `${statSync(join(out, n)).mtimeMs} ${readFileSync(join(out, n), 'utf8')}`]));
}

const reportOf = (out: string, path: string): Report => {
  const dir = join(out, 'reports');
  for (const n of readdirSync(dir)) {
    const r = JSON.parse(readFileSync(join(dir, n), 'utf8')) as Report;
    if (r.source.path === path) return r;
  }
  throw new Error(`no report for ${path}`);
};

describe('extract: URL inputs from a local HTTP server', function () {
  this.timeout(180_000);
  const srv = new FixtureServer();
  let out: string;
  let args: string[];
  let u: Record<'xiuzhou' | 'shanghai' | 'huaian' | 'missing' | 'broken' | 'loop' | 'never' | 'huge', string>;
  const good = () => [u.xiuzhou, u.shanghai, u.huaian];
  const docx = fixture('reports/template-2021-blank.docx');

  before(async () => {
    await srv.start();
    srv.routes.set('/gk/xiuzhou-2020.txt', { kind: 'file', body: readFileSync(fixture('text/xiuzhou-gongxiaoshe-2020.txt')), type: 'text/plain; charset=utf-8', etag: '"xz-1"', lastModified: LM });
    srv.routes.set('/gk/shanghai-2019.html', { kind: 'file', body: readFileSync(fixture('html/shanghai-bangongting-2019.html')), type: 'text/html', lastModified: LM });
    srv.routes.set('/old/huaian.html', { kind: 'redirect', status: 301, to: '/gk/huaian-2024.html' });
    srv.routes.set('/gk/huaian-2024.html', { kind: 'file', body: readFileSync(fixture('html/huaian-shi-2024-template2021.html')), type: 'text/html', etag: '"ha-1"' });
    srv.routes.set('/gk/broken', { kind: 'status', status: 500 });
    srv.routes.set('/loop/a', { kind: 'redirect', to: '/loop/b' });
    srv.routes.set('/loop/b', { kind: 'redirect', to: '/loop/a' });
    srv.routes.set('/gk/never.html', { kind: 'never' });
    srv.routes.set('/gk/huge.pdf', { kind: 'huge', bytes: 64 << 20 });
    u = {
      xiuzhou: srv.url('/gk/xiuzhou-2020.txt'),
      shanghai: srv.url('/gk/shanghai-2019.html'),
      huaian: srv.url('/old/huaian.html'),
      missing: srv.url('/gk/missing.pdf'),
      broken: srv.url('/gk/broken'),
      loop: srv.url('/loop/a'),
      never: srv.url('/gk/never.html'),
      huge: srv.url('/gk/huge.pdf'),
    };
    out = tempDir('urls');
    args = ['extract', ...Object.values(u), docx, '--out', out, '--jobs', '2', '--fetch-timeout', '2', '--fetch-max-mb', '1', '--host-pause', '0', '--log-format', 'json'];
  });
  after(async () => {
    await srv.close();
    removeTempDirs();
  });

  it('extracts the good ones with their final URL, and gives each bad one fetch.failed and its reason', async () => {
    const r = await runCli(args);
    assert.equal(r.code, 1, r.stderr); // some inputs failed, the batch went on
    assert.equal(r.stdout, '');
    const rows = await reportRows(out);
    assert.equal(rows.length, 9);
    const row = (p: string) => rows.find((x) => x.source_path === p)!;
    const [head] = await readCsv(join(out, 'reports.csv'));
    assert.deepEqual(head!.slice(0, 3), ['source_path', 'url', 'sha256']);

    // Values a person can check in the documents served.
    assert.deepEqual([row(u.xiuzhou).url, row(u.xiuzhou).status, row(u.xiuzhou).agency, row(u.xiuzhou).year], [u.xiuzhou, 'ok', '秀洲区供销合作总社', '2020']);
    assert.equal(row(u.xiuzhou)['active.procurement.amount_yuan'], '11000');
    assert.deepEqual([row(u.shanghai).agency, row(u.shanghai)['apps.new.total'], row(u.shanghai)['review.total']], ['上海市人民政府办公厅', '859', '7']);
    // The redirect: source_path is the URL as given, url the one the report came from.
    assert.equal(row(u.huaian).url, srv.url('/gk/huaian-2024.html'));
    assert.deepEqual([row(u.huaian).agency, row(u.huaian).year, row(u.huaian)['apps.new.total'], row(u.huaian)['apps.new.natural'], row(u.huaian)['review.total']], ['淮安市人民政府', '2024', '3119', '3001', '351']);
    const huaian = reportOf(out, u.huaian);
    assert.deepEqual([huaian.source.url, huaian.source.etag, huaian.source.last_modified], [srv.url('/gk/huaian-2024.html'), '"ha-1"', undefined]);
    assert.deepEqual([reportOf(out, u.shanghai).source.etag, reportOf(out, u.shanghai).source.last_modified], [undefined, LM]);
    // A file input beside the URLs: no url.
    assert.deepEqual([row(docx).url, row(docx).status], ['', 'ok']);

    const [vhead, ...values] = await readCsv(join(out, 'values.csv'));
    assert.deepEqual(vhead!.slice(vhead!.indexOf('source_path'), vhead!.indexOf('source_path') + 2), ['source_path', 'url']);
    const col = (name: string) => vhead!.indexOf(name);
    const natural = values.find((v) => v[col('source_path')] === u.huaian && v[col('field')] === 'apps.new.natural')!;
    assert.deepEqual([natural[col('value')], natural[col('url')]], ['3001', srv.url('/gk/huaian-2024.html')]);

    const [fhead, ...findings] = await readCsv(join(out, 'findings.csv'));
    assert.deepEqual(fhead!.slice(0, 3), ['sha256', 'source_path', 'url']);
    const failed = Object.fromEntries(findings.filter((f) => f[fhead!.indexOf('rule')] === 'fetch.failed').map((f) => [f[1], f[fhead!.indexOf('actual')]]));
    assert.deepEqual(failed, {
      [u.missing]: 'HTTP 404 Not Found',
      [u.broken]: 'HTTP 500 Internal Server Error',
      [u.loop]: `redirect loop: ${u.loop} → ${srv.url('/loop/b')} → ${u.loop}`,
      [u.never]: 'no complete response within 2 s',
      [u.huge]: 'the response went past the 1048576-byte limit and was cut off',
    });
    for (const bad of [u.missing, u.broken, u.loop, u.never, u.huge]) assert.equal(row(bad).status, 'failed');
    const ev = events(r.stderr).find((e) => e.path === u.missing)!;
    assert.equal(ev.reason, 'Could not fetch the URL: HTTP 404 Not Found.');
  });

  it('on the second run gets 304s for the good ones, extracts nothing and writes nothing', async () => {
    const before = snapshot(out);
    const from = srv.log.length;
    const r = await runCli(args);
    assert.equal(r.code, 1, r.stderr);
    // Exactly one request per good URL, conditional, answered 304 with no body.
    const xz = srv.requests('/gk/xiuzhou-2020.txt', from);
    assert.deepEqual(xz.map((l) => [l.status, l.ifNoneMatch, l.ifModifiedSince, l.sent]), [[304, '"xz-1"', LM, 0]]);
    assert.deepEqual(srv.requests('/gk/shanghai-2019.html', from).map((l) => [l.status, l.ifNoneMatch, l.ifModifiedSince]), [[304, undefined, LM]]);
    assert.deepEqual(srv.requests('/gk/huaian-2024.html', from).map((l) => [l.status, l.ifNoneMatch]), [[304, '"ha-1"']]);
    const files = events(r.stderr).filter((e) => e.event === 'file');
    for (const g of [...good(), docx]) assert.equal(files.find((e) => e.path === g)!.skipped, true, g);
    assert.equal(events(r.stderr).find((e) => e.event === 'summary')!.skipped, 4);
    assert.deepEqual(snapshot(out), before);
  });

  it('re-extracts a file that changed on the server, and only that one', async () => {
    // The same address now serves another report (a new ETag).
    srv.routes.set('/gk/huaian-2024.html', { kind: 'file', body: readFileSync(fixture('html/shanghai-2019-gbk.html')), type: 'text/html', etag: '"ha-2"' });
    const before = snapshot(out);
    const from = srv.log.length;
    const r = await runCli(args);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(srv.requests('/gk/huaian-2024.html', from).map((l) => [l.status, l.ifNoneMatch]), [[200, '"ha-1"']]);
    const row = (await reportRows(out)).find((x) => x.source_path === u.huaian)!;
    assert.deepEqual([row.url, row.agency, row.year, row['apps.new.total'], row['review.total']], [srv.url('/gk/huaian-2024.html'), '上海市人民政府办公厅', '2019', '859', '7']);
    assert.equal(reportOf(out, u.huaian).source.etag, '"ha-2"');
    const after = snapshot(out);
    // One JSON per URL: the changed one replaced in place, every other one untouched.
    assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort());
    const changed = Object.keys(after).filter((n) => after[n] !== before[n] && n.startsWith('reports/'));
    assert.equal(changed.length, 1);
    assert.equal((JSON.parse(readFileSync(join(out, changed[0]!), 'utf8')) as Report).source.path, u.huaian);
    assert.equal(events(r.stderr).find((e) => e.event === 'summary')!.skipped, 3);
  });

  it('--force fetches everything again, unconditionally', async () => {
    const from = srv.log.length;
    const r = await runCli([...args, '--force']);
    assert.equal(r.code, 1, r.stderr);
    const got = srv.log.slice(from).filter((l) => l.path.startsWith('/gk/') && l.status === 200 && !l.path.includes('never') && !l.path.includes('huge'));
    assert.deepEqual(got.map((l) => [l.path, l.ifNoneMatch, l.ifModifiedSince]).sort(), [
      ['/gk/huaian-2024.html', undefined, undefined],
      ['/gk/shanghai-2019.html', undefined, undefined],
      ['/gk/xiuzhou-2020.txt', undefined, undefined],
    ]);
  });
});

describe('extract: a fetched URL whose extraction is stopped by a worker limit', function () {
  this.timeout(120_000);
  const srv = new FixtureServer();
  after(async () => {
    await srv.close();
    removeTempDirs();
  });

  it('gets its failed report under the URL, with the final URL, and is fetched whole next time', async () => {
    await srv.start();
    srv.routes.set('/gk/hongze-2024.pdf', { kind: 'file', body: readFileSync(fixture('reports/hongze-qu-2024.pdf')), type: 'application/pdf', etag: '"hz-1"' });
    srv.routes.set('/latest.pdf', { kind: 'redirect', to: '/gk/hongze-2024.pdf' });
    const out = tempDir('url-limit');
    // 64 MB per worker: a Node process with pdfjs is past it before the PDF is read.
    const args = ['extract', srv.url('/latest.pdf'), '--out', out, '--jobs', '1', '--max-memory', '64', '--quiet'];
    const r = await runCli(args);
    assert.equal(r.code, 1, r.stderr);
    const rep = reportOf(out, srv.url('/latest.pdf'));
    assert.deepEqual([rep.status, rep.source.url, rep.findings[0]!.rule], ['failed', srv.url('/gk/hongze-2024.pdf'), 'extract.failed']);
    assert.match(rep.findings[0]!.message, /^Extraction stopped: /);
    assert.equal(readdirSync(join(out, 'reports')).length, 1);
    // No validators were kept for a report that was never made: the next run downloads it whole.
    const from = srv.log.length;
    const again = await runCli(args.filter((a, i) => a !== '--max-memory' && args[i - 1] !== '--max-memory'));
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(srv.requests('/gk/hongze-2024.pdf', from).map((l) => [l.status, l.ifNoneMatch]), [[200, undefined]]);
    const ok = reportOf(out, srv.url('/latest.pdf'));
    assert.deepEqual([ok.status, ok.meta.agency, ok.meta.year, ok.fields['apps.new.total'], ok.source.etag], ['ok', '淮安市洪泽区人民政府', 2024, 95, '"hz-1"']);
    assert.equal(readdirSync(join(out, 'reports')).length, 1);
  });
});
