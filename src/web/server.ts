// The review app (`gkreport serve`): Fastify over the store. Pages are
// rendered on the server from escaped templates; the one script and one
// stylesheet are served by the app (no CDN). Safe by default: the caller
// decides the address (127.0.0.1 unless told), a token guards every request
// when one is set, every change is a POST with a CSRF token, --read-only
// registers no POST at all, and files are served by sha256 from the store's
// own paths, never by a path from the request.
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import { writeToString } from 'fast-csv';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { loadCorrected } from '../corrections/load.js';
import { addCorrection, allCorrections } from '../corrections/store.js';
import { neutralise } from '../output/csv.js';
import type { Store } from '../store/db.js';
import { type Html } from './html.js';
import { CSS, JS } from './layout.js';
import { overview, STATES, type CellState, type OverviewFilter } from './overview-data.js';
import { comparePage } from './pages/compare.js';
import { correctionsPage } from './pages/corrections.js';
import { OVERVIEW_CSV_COLUMNS, overviewCsvRows, overviewPage } from './pages/overview.js';
import { reportPage } from './pages/report.js';
import { sourceTablePage } from './pages/source-table.js';
import { reportView } from './report-data.js';
import { diffSentences } from './sentences.js';
import { Sources } from './source.js';
import { Summaries } from './summary.js';

export interface AppOptions {
  store: Store;
  readOnly?: boolean;
  /** When set, every request must present it (cookie after ?token=, or Authorization: Bearer). */
  token?: string;
  /** Default name recorded with a correction. */
  reviewer?: string;
  /** Fastify's logger: off unless asked (stdout is for what was asked for). */
  logger?: boolean;
}

const SHA = /^[0-9a-f]{64}$/;
const TOKEN_COOKIE = 'gkreport_token';

const sameSecret = (a: string, b: string) => {
  const [x, y] = [createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest()];
  return timingSafeEqual(x, y);
};

function send(reply: FastifyReply, body: Html, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body.value);
}

function notFound(reply: FastifyReply, what: string): FastifyReply {
  return reply.code(404).type('text/plain; charset=utf-8').send(`404 未找到 not found: ${what}\n`);
}

function filterOf(q: Record<string, string | undefined>): OverviewFilter {
  const f: OverviewFilter = {};
  if (q.region && /^\d{2,6}$/.test(q.region)) f.region = q.region;
  if (q.year && /^\d{4}$/.test(q.year)) f.year = Number(q.year);
  if (q.rule && /^[\w.]{1,80}$/.test(q.rule)) f.rule = q.rule;
  if (q.status && (STATES as string[]).includes(q.status)) f.status = q.status as CellState;
  if (q.page && /^\d{1,6}$/.test(q.page)) f.page = Number(q.page);
  return f;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const db = opts.store.db;
  const sources = new Sources(db);
  const summaries = new Summaries(db);
  const readOnly = opts.readOnly === true;
  const reviewer = opts.reviewer ?? 'reviewer';
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 64 * 1024 });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(csrf, { cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: false } });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('Content-Security-Policy', "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    if (!opts.token) return;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const fromCookie = req.cookies[TOKEN_COOKIE];
    const fromQuery = (req.query as Record<string, string | undefined>).token;
    if ((bearer && sameSecret(bearer, opts.token)) || (fromCookie && sameSecret(fromCookie, opts.token))) return;
    if (req.method === 'GET' && fromQuery && sameSecret(fromQuery, opts.token)) {
      // The token moves from the address bar into a cookie, and the address loses it.
      reply.setCookie(TOKEN_COOKIE, opts.token, { path: '/', httpOnly: true, sameSite: 'strict' });
      const u = new URL(req.url, 'http://x');
      u.searchParams.delete('token');
      return reply.redirect(u.pathname + u.search, 303);
    }
    return reply.code(401).type('text/plain; charset=utf-8').send('401 需要令牌 token required: open the address printed by "gkreport serve" (…?token=…)\n');
  });

  app.setErrorHandler((e, _req, reply) => {
    const err = e as { message?: string; statusCode?: number };
    const code = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (code >= 500) process.stderr.write(`gkreport serve: ${err.message}\n`);
    return reply.code(code).type('text/plain; charset=utf-8').send(`${code} ${code === 403 ? '请求无效 forbidden (CSRF token missing or stale: reload the page)' : code < 500 ? 'bad request' : '服务器错误 server error'}\n`);
  });

  app.get('/static/app.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('Cache-Control', 'max-age=3600').send(CSS));
  app.get('/static/app.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'max-age=3600').send(JS));

  app.get('/', async (req, reply) => {
    const f = filterOf(req.query as Record<string, string>);
    return send(reply, overviewPage(overview(await summaries.get(), f), f, readOnly));
  });

  app.get('/overview.csv', async (req, reply) => {
    const f = filterOf(req.query as Record<string, string>);
    const rows = overviewCsvRows(overview(await summaries.get(), f)).map((r) => r.map(neutralise));
    const body = await writeToString(rows, { headers: OVERVIEW_CSV_COLUMNS, writeBOM: true, alwaysWriteHeaders: true });
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="gkreport-overview.csv"').send(body);
  });

  app.get<{ Params: { sha: string } }>('/report/:sha', async (req, reply) => {
    if (!SHA.test(req.params.sha)) return notFound(reply, 'report');
    const v = await reportView(db, req.params.sha);
    if (!v) return notFound(reply, 'report');
    return send(reply, reportPage(v, { csrf: readOnly ? undefined : reply.generateCsrf(), reviewer, readOnly }));
  });

  app.get('/compare', async (req, reply) => {
    const { a, b } = req.query as { a?: string; b?: string };
    if (!a || !b || !SHA.test(a) || !SHA.test(b)) return notFound(reply, 'documents to compare');
    const [ra, rb] = [(await loadCorrected(db, a))?.view.report, (await loadCorrected(db, b))?.view.report];
    if (!ra || !rb) return notFound(reply, 'documents to compare');
    const [xa, xb] = await Promise.all([sources.raw(a), sources.raw(b)]);
    return send(reply, comparePage({ a: ra, b: rb, narrative: xa && xb ? diffSentences(xa.text, xb.text) : null }, readOnly));
  });

  app.get('/corrections', async (_req, reply) => {
    const cs = await allCorrections(db);
    const shas = [...new Set(cs.map((c) => c.sha256))];
    const live = new Set(shas.length ? (await db.selectFrom('documents').select('sha256').where('sha256', 'in', shas).execute()).map((d) => d.sha256) : []);
    return send(reply, correctionsPage(cs, live, readOnly));
  });

  app.get<{ Params: { sha: string } }>('/doc/:sha/file', async (req, reply) => {
    const f = await sources.file(req.params.sha);
    if (!f) return notFound(reply, 'source file (unknown document, or its file moved or changed)');
    // Always a download, never rendered here: an HTML report could carry script.
    return reply
      .type('application/octet-stream')
      .header('Content-Disposition', `attachment; filename="${req.params.sha.slice(0, 12)}.${f.format === 'unknown' ? 'bin' : f.format}"`)
      .header('Content-Security-Policy', 'sandbox')
      .send(f.buffer);
  });

  app.get<{ Params: { sha: string; n: string } }>('/doc/:sha/page/:n.png', async (req, reply) => {
    const n = Number(req.params.n);
    if (!SHA.test(req.params.sha) || !Number.isInteger(n) || n < 1 || n > 10000) return notFound(reply, 'page');
    const png = await sources.pagePng(req.params.sha, n);
    if (!png) return notFound(reply, 'page (not a PDF the store knows, or no such page)');
    return reply.type('image/png').header('Cache-Control', 'max-age=3600').send(png);
  });

  app.get<{ Params: { sha: string; t: string } }>('/doc/:sha/table/:t', async (req, reply) => {
    const t = Number(req.params.t);
    if (!SHA.test(req.params.sha) || !Number.isInteger(t) || t < 0) return notFound(reply, 'table');
    const raw = await sources.raw(req.params.sha);
    const table = raw?.tables[t];
    if (!raw || !table) return notFound(reply, 'source table (unknown document, file moved or changed, or no such table)');
    const q = req.query as { row?: string; col?: string };
    const hit = { ...(q.row && /^\d+$/.test(q.row) ? { row: Number(q.row) } : {}), ...(q.col && /^\d+$/.test(q.col) ? { col: Number(q.col) } : {}) };
    return send(reply, sourceTablePage(req.params.sha, raw.title ?? '', t, table, hit));
  });

  if (!readOnly) {
    app.post<{ Params: { sha: string }; Body: Record<string, string | undefined> }>('/report/:sha/corrections', { preHandler: app.csrfProtection }, async (req, reply) => {
      const sha = req.params.sha;
      const b = req.body ?? {};
      if (!SHA.test(sha)) return notFound(reply, 'report');
      const reason = (b.reason ?? '').trim();
      const author = (b.author ?? reviewer).trim() || reviewer;
      if (!reason || reason.length > 2000 || author.length > 200) return reply.code(400).type('text/plain; charset=utf-8').send('400 需要理由 a reason is required (at most 2000 characters)\n');
      let saved;
      if (b.kind === 'value' && b.field) {
        const text = (b.new_value ?? '').trim();
        const value = text === '' ? null : Number(text.replace(/,/g, ''));
        if (value !== null && !Number.isFinite(value)) return reply.code(400).type('text/plain; charset=utf-8').send('400 新值不是数字 the new value is not a number (leave it empty for blank)\n');
        saved = await addCorrection(db, { sha256: sha, author, kind: 'value', field: b.field, rule: null, finding_fields: null, new_value: value, reason });
      } else if (b.kind === 'dismiss' && b.rule) {
        saved = await addCorrection(db, { sha256: sha, author, kind: 'dismiss', field: null, rule: b.rule, finding_fields: b.finding_fields ?? '', new_value: null, reason });
      }
      if (!saved) return reply.code(400).type('text/plain; charset=utf-8').send('400 无法保存 nothing to save: unknown document or field\n');
      summaries.invalidate();
      return reply.redirect(`/report/${sha}`, 303);
    });
  }
  return app;
}

/** Whether an address only this machine reaches. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === '[::1]';
}

