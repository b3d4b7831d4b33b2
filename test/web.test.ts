// The review app over HTTP (Fastify's inject: the real routes, no socket), on
// both engines: overview, report page, corrections with CSRF, read-only,
// token, files by sha256 only, escaping of document text.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../src/store/db.js';
import { buildApp } from '../src/web/server.js';
import { runServe } from '../src/cli/serve.js';
import { addCorrection } from '../src/corrections/store.js';
import { corpusPostgres, corpusSqlite, type CorpusStore } from './web-helpers.js';
import { fixture } from './store-helpers.js';

/** The CSRF cookie and token of a page, as a browser would keep and send them. */
async function csrfOf(app: FastifyInstance, url: string): Promise<{ cookie: string; token: string }> {
  const res = await app.inject({ method: 'GET', url });
  const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  const cookie = [res.headers['set-cookie']].flat().filter(Boolean).map((c) => String(c).split(';')[0]).join('; ');
  assert.ok(token, 'the page carries a CSRF token');
  return { cookie, token };
}

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

for (const [engine, make] of [['sqlite', corpusSqlite], ['postgres', corpusPostgres]] as const) {
  describe(`review app over HTTP (${engine})`, function () {
    this.timeout(300000);
    let corpus: CorpusStore;
    let store: Store;
    let app: FastifyInstance;
    before(async () => {
      corpus = await make();
      store = await openStore(corpus.target);
      app = await buildApp({ store, reviewer: 'tester' });
    });
    after(async () => {
      await app?.close();
      await store?.close();
    });

    it('overview: each corpus agency with its region and years, hongze 2023 red with 2 errors, sorted by errors', async () => {
      const res = await app.inject({ url: '/' });
      assert.equal(res.statusCode, 200);
      const rows = [...res.body.matchAll(/<tr data-agency="([^"]*)">/g)].map((m) => m[1]);
      assert.equal(rows[0], '淮安市洪泽区人民政府');
      assert.ok(rows.includes('上海市人民政府办公厅') && rows.includes('秀洲区供销合作总社'));
      assert.match(res.body, /江苏省 淮安市 洪泽区 <span class="muted">320813<\/span>/);
      assert.match(res.body, new RegExp(`data-state="errors"[^>]*><a href="/report/${corpus.sha.hongze2023}">2 错 err`));
    });

    it('overview filters: region 310000 is Shanghai only; rule review.total is hongze only; the CSV holds what is shown', async () => {
      const sh = await app.inject({ url: '/?region=310000' });
      assert.deepEqual([...sh.body.matchAll(/<tr data-agency="([^"]*)">/g)].map((m) => m[1]), ['上海市人民政府办公厅']);
      const rule = await app.inject({ url: '/?rule=review.total&year=2023' });
      assert.deepEqual([...rule.body.matchAll(/<tr data-agency="([^"]*)">/g)].map((m) => m[1]), ['淮安市洪泽区人民政府']);
      const csv = await app.inject({ url: '/overview.csv?rule=review.total&year=2023' });
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\n');
      assert.equal(lines[0], 'agency,agency_key,region_code,region,year,state,errors,warnings,documents,corrected,sha256');
      assert.deepEqual(lines.slice(1), [`淮安市洪泽区人民政府,淮安市洪泽区人民政府,320813,江苏省 淮安市 洪泽区,2023,errors,2,0,1,no,${corpus.sha.hongze2023}`]);
    });

    it('report page: review.total lit with expected 11 and actual 0, its terms 10 and 1 lit too, provenance on the cell', async () => {
      const res = await app.inject({ url: `/report/${corpus.sha.hongze2023}` });
      const cell = /<td class="v lit"[^>]*data-field="review.total"[^>]*>(.*?)<\/td>/.exec(res.body);
      assert.ok(cell, 'review.total cell lit');
      assert.match(cell[0], /data-page="4"/);
      assert.match(cell[1]!, /<span class="val">0<\/span>/);
      assert.match(cell[1]!, /review.total: 应为 expected 11 · 实为 actual 0/);
      assert.match(res.body, /<td class="v lit"[^>]*data-field="review.upheld"[^>]*><span class="val">10</);
      assert.match(res.body, /<td class="v lit"[^>]*data-field="review.corrected"[^>]*><span class="val">1</);
    });

    it('text.mismatch: the narrative sentence quoted and marked, the table cell it disagrees with lit as a warning', async () => {
      const page = (await app.inject({ url: `/report/${corpus.sha.hongze2024}` })).body;
      assert.match(page, /<li class="finding" data-rule="text.mismatch">[\s\S]*?<blockquote>“<mark>2024年,区政府办代表区政府受理政府信息公开申请17件,均已在法定期限内予以答复<\/mark>”<\/blockquote>/);
      assert.match(page, /<td class="v lit warn"[^>]*data-field="apps.new.total"[^>]*><span class="val">95<\/span>/);
    });

    it('a correction needs its CSRF token; with it, review.total = 11 makes the finding go, and the extracted value stays', async () => {
      const url = `/report/${corpus.sha.hongze2023}`;
      const body = { kind: 'value', field: 'review.total', new_value: '11', reason: '表四合计应为11', author: 'tester' };
      const forged = await app.inject({ method: 'POST', url: `${url}/corrections`, headers: FORM, payload: form(body) });
      assert.equal(forged.statusCode, 403);
      const { cookie, token } = await csrfOf(app, url);
      const ok = await app.inject({ method: 'POST', url: `${url}/corrections`, headers: { ...FORM, cookie }, payload: form({ ...body, _csrf: token }) });
      assert.equal(ok.statusCode, 303);
      const page = (await app.inject({ url })).body;
      assert.doesNotMatch(page, /data-rule="review.total"/);
      assert.match(page, /data-rule="litigation_after_review.total"/);
      assert.match(page, /<td class="v corrected"[^>]*data-field="review.total"[^>]*><span class="val">11<\/span><span class="was"[^>]*>0</);
      const extracted = await store.db.selectFrom('field_values').select('value').where('sha256', '=', corpus.sha.hongze2023).where('field', '=', 'review.total').executeTakeFirstOrThrow();
      assert.equal(Number(extracted.value), 0);
      const rows = await store.db.selectFrom('corrections').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.author, 'tester');
      assert.equal(Number(rows[0]!.old_value), 0);
      assert.equal(Number(rows[0]!.new_value), 11);
      // the overview counts the corrected report's errors: one left
      assert.match((await app.inject({ url: '/?year=2023&region=320813' })).body, /1 错 err ✎/);
    });

    it('dismissing a finding records it and moves it to the dismissed list', async () => {
      const url = `/report/${corpus.sha.hongze2023}`;
      const { cookie, token } = await csrfOf(app, url);
      const fields = 'litigation_after_review.upheld litigation_after_review.corrected litigation_after_review.other litigation_after_review.pending litigation_after_review.total';
      const res = await app.inject({ method: 'POST', url: `${url}/corrections`, headers: { ...FORM, cookie }, payload: form({ _csrf: token, kind: 'dismiss', rule: 'litigation_after_review.total', finding_fields: fields, reason: '原表如此 as printed' }) });
      assert.equal(res.statusCode, 303);
      const page = (await app.inject({ url })).body;
      assert.doesNotMatch(page, /<li class="finding" data-rule="litigation_after_review.total"/);
      assert.match(page, /<ul class="findings" id="dismissed"><li><code>litigation_after_review.total<\/code>/);
    });

    it('the overview follows a change another process commits to the store (kept summaries are refreshed)', async () => {
      const before = (await app.inject({ url: '/?region=310000' })).body;
      assert.doesNotMatch(before, /✎<\/a>/);
      const other = await openStore(corpus.target);
      try {
        await addCorrection(other.db, { sha256: corpus.sha.shanghai2019, author: 'elsewhere', kind: 'value', field: 'apps.new.total', rule: null, finding_fields: null, new_value: 860, reason: 'another process' });
      } finally {
        await other.close();
      }
      // PostgreSQL's table statistics may trail a commit by about a second.
      let after = '';
      for (let i = 0; i < 50 && !after.includes('✎</a>'); i++) {
        after = (await app.inject({ url: '/?region=310000' })).body;
        if (!after.includes('✎</a>')) await new Promise((r) => setTimeout(r, 100));
      }
      assert.match(after, /(?:✓|错 err) ✎<\/a>/);
    });

    it('document text is escaped everywhere: the hostile title and cell show as text', async () => {
      const page = (await app.inject({ url: `/report/${corpus.sha.hostile}` })).body;
      assert.match(page, /<h1 id="title">&lt;script&gt;alert\(1\)&lt;\/script&gt;测试局&lt;img\/src=x\/onerror=alert\(2\)&gt;2024年/);
      assert.doesNotMatch(page, /<script>alert/);
      assert.doesNotMatch(page, /<img[^>]*onerror/i);
      assert.match(page, /&lt;img src=x onerror=alert\(3\)&gt;/);
      const overview = (await app.inject({ url: '/' })).body;
      assert.doesNotMatch(overview, /<img[^>]*onerror/i);
      assert.match((await app.inject({ url: '/' })).headers['content-security-policy'] as string, /script-src 'self'/);
    });

    it('files only for documents the store knows, by sha256: the bytes, as a download; anything else 404', async () => {
      const file = await app.inject({ url: `/doc/${corpus.sha.shanghai2019}/file` });
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/octet-stream');
      assert.ok(file.rawPayload.equals(readFileSync(fixture(corpusSqlitePath('shanghai2019')))));
      for (const url of ['/doc/../../etc/passwd/file', `/doc/${'0'.repeat(64)}/file`, '/doc/%2e%2e%2fpackage.json/file', `/doc/${corpus.sha.shanghai2019}/page/1.png`]) {
        assert.equal((await app.inject({ url })).statusCode, 404, url);
      }
      const png = await app.inject({ url: `/doc/${corpus.sha.hongze2023}/page/4.png` });
      assert.equal(png.statusCode, 200);
      assert.equal(png.rawPayload.subarray(1, 4).toString(), 'PNG');
    });

    it('the source table of an HTML report: the cell a value came from, outlined', async () => {
      const report = (await app.inject({ url: `/report/${corpus.sha.shanghai2019}` })).body;
      const cell = /data-field="apps.new.total"[^>]*data-table="(\d+)" data-row="(\d+)" data-col="(\d+)"/.exec(report);
      assert.ok(cell);
      const t = await app.inject({ url: `/doc/${corpus.sha.shanghai2019}/table/${cell[1]}?row=${cell[2]}&col=${cell[3]}` });
      assert.match(t.body, /<td[^>]*class="src-hit" id="hit"[^>]*>859<\/td>/);
    });
  });
}

const corpusSqlitePath = (k: 'shanghai2019') => ({ shanghai2019: 'reports/shanghai-bangongting-2019.html' })[k];

describe('review app: read-only and token', function () {
  this.timeout(300000);
  let corpus: CorpusStore;
  let store: Store;
  before(async () => {
    corpus = await corpusSqlite();
    store = await openStore(corpus.target);
  });
  after(async () => store?.close());

  it('--read-only: no correction form, and no route takes a POST', async () => {
    const app = await buildApp({ store, readOnly: true });
    const page = (await app.inject({ url: `/report/${corpus.sha.hongze2023}` })).body;
    assert.doesNotMatch(page, /<form class="corr"/);
    assert.doesNotMatch(page, /method="post"/);
    const res = await app.inject({ method: 'POST', url: `/report/${corpus.sha.hongze2023}/corrections`, headers: FORM, payload: form({ kind: 'value', field: 'review.total', new_value: '1', reason: 'x' }) });
    assert.equal(res.statusCode, 404);
    assert.equal(Number((await store.db.selectFrom('corrections').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 0);
    await app.close();
  });

  it('--token: nothing without it; ?token= once becomes a cookie; a Bearer header works too', async () => {
    const app = await buildApp({ store, token: 's3cret-token' });
    assert.equal((await app.inject({ url: '/' })).statusCode, 401);
    assert.equal((await app.inject({ url: `/doc/${corpus.sha.shanghai2019}/file` })).statusCode, 401);
    assert.equal((await app.inject({ url: '/?token=wrong' })).statusCode, 401);
    const first = await app.inject({ url: '/?token=s3cret-token&year=2019' });
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, '/?year=2019');
    const cookie = String([first.headers['set-cookie']].flat()[0]).split(';')[0]!;
    assert.equal((await app.inject({ url: '/', headers: { cookie } })).statusCode, 200);
    assert.equal((await app.inject({ url: '/', headers: { authorization: 'Bearer s3cret-token' } })).statusCode, 200);
    await app.close();
  });
});

describe('gkreport serve: the command line', () => {
  it('refuses a non-loopback address without a token, and a missing store', async () => {
    const err = process.stderr.write;
    let said = '';
    process.stderr.write = ((s: string) => ((said += s), true)) as typeof process.stderr.write;
    try {
      assert.equal(await runServe(['--db', 'x.db', '--host', '0.0.0.0']), 2);
      assert.match(said, /give --token/);
      assert.equal(await runServe(['--db', '/nonexistent/store.db']), 1);
      assert.equal(await runServe([]), 2);
    } finally {
      process.stderr.write = err;
    }
  });
});
