// One URL → its bytes, within limits: a time limit per request that covers the
// body too (a server that never ends its response is cut off), a size limit
// checked while reading (and against Content-Length up front), redirects
// followed by hand (counted, loops caught, only to http/https), and a slot of
// the per-host gate held for each request. Conditional: the validators of the
// stored copy go out as If-None-Match / If-Modified-Since, and a 304 says the
// stored copy stands. Never throws for the URL's sake: every way a fetch can go
// wrong is a reason. Only a per-host gate that cannot be reached (one shared
// through a database, queue/host-gate.ts) throws its error: that is not the URL's fault.
import type { FetchOptions, FetchResult, Validators } from './types.js';

const REDIRECT = new Set([301, 302, 303, 307, 308]);

class Stop extends Error {}

/** The gate's own failure, carried out of fetchUrl's catch-all as it is. */
class GateFailed extends Error {
  constructor(readonly error: unknown) {
    super('per-host gate');
  }
}

/** A server's words in our messages: no control characters (they reach terminals), and not a novel. */
function shown(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 100);
}

function networkReason(e: unknown, url: URL): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found (DNS): ${url.hostname}`;
    case 'ECONNREFUSED':
      return `connection refused by ${url.host}`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `connection closed by ${url.host} before the response was complete`;
    default:
      return shown(cause?.message ?? (e as Error).message ?? String(e));
  }
}

async function readBody(res: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) throw new Stop(`the response is ${declared} bytes, above the ${maxBytes}-byte limit`);
  const chunks: Buffer[] = [];
  let total = 0;
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new Stop(`the response went past the ${maxBytes}-byte limit and was cut off`);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, total);
}

/** One request, in a host slot, within the time limit. Returns the response and, for a 2xx, its body. */
async function request(url: URL, opts: FetchOptions, headers: Record<string, string>): Promise<{ res: Response; body?: Buffer }> {
  const leave = await opts.hosts.enter(url.host).catch((e: unknown) => {
    throw new GateFailed(e);
  });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), opts.timeoutMs);
  try {
    const res = await fetch(url, { redirect: 'manual', headers, signal: abort.signal });
    if (res.status >= 200 && res.status < 300) return { res, body: await readBody(res, opts.maxBytes) };
    await res.body?.cancel().catch(() => undefined);
    return { res };
  } catch (e) {
    if (abort.signal.aborted) throw new Stop(`no complete response within ${opts.timeoutMs / 1000} s`);
    if (e instanceof Stop) throw e;
    throw new Stop(networkReason(e, url));
  } finally {
    clearTimeout(timer);
    leave();
  }
}

export async function fetchUrl(url: string, opts: FetchOptions, validators?: Validators): Promise<FetchResult> {
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return { kind: 'failed', reason: `not a valid URL: ${JSON.stringify(url)}` };
  }
  const headers: Record<string, string> = { accept: '*/*', 'user-agent': opts.userAgent ?? 'gkreport' };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  const seen = [current.href];
  try {
    for (;;) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') return { kind: 'failed', reason: `not an http or https URL: ${current.href}`, finalUrl: current.href };
      const { res, body } = await request(current, opts, headers);
      const finalUrl = current.href;
      if (body) {
        const etag = res.headers.get('etag') ?? undefined;
        const lastModified = res.headers.get('last-modified') ?? undefined;
        return { kind: 'ok', finalUrl, buffer: body, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
      }
      if (res.status === 304 && (validators?.etag || validators?.lastModified)) return { kind: 'not-modified', finalUrl };
      if (!REDIRECT.has(res.status)) return { kind: 'failed', reason: `HTTP ${res.status}${res.statusText ? ` ${shown(res.statusText)}` : ''}`, finalUrl };
      const location = res.headers.get('location');
      if (!location) return { kind: 'failed', reason: `HTTP ${res.status} redirect without a Location header`, finalUrl };
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return { kind: 'failed', reason: `HTTP ${res.status} redirect to an invalid URL: ${JSON.stringify(location)}`, finalUrl };
      }
      if (seen.includes(next.href)) return { kind: 'failed', reason: `redirect loop: ${[...seen, next.href].join(' → ')}`, finalUrl };
      if (seen.length > opts.maxRedirects) return { kind: 'failed', reason: `more than ${opts.maxRedirects} redirects`, finalUrl };
      seen.push(next.href);
      current = next;
    }
  } catch (e) {
    if (e instanceof GateFailed) throw e.error;
    if (e instanceof Stop) return { kind: 'failed', reason: e.message, finalUrl: current.href };
    return { kind: 'failed', reason: (e as Error).message ?? String(e), finalUrl: current.href };
  }
}
