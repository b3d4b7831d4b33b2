// A real HTTP server for the URL tests, listening on 127.0.0.1 only: it serves
// fixture reports with ETag/Last-Modified (answering conditional requests with
// 304), statuses, redirects, a response that never ends and one far larger than
// any limit, and logs every request so tests can see what was sent and answered.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export type Route =
  | { kind: 'file'; body: Buffer; type: string; etag?: string; lastModified?: string; delayMs?: number }
  | { kind: 'status'; status: number }
  | { kind: 'redirect'; status?: number; to: string }
  /** Headers and a first chunk, then nothing, never ended. */
  | { kind: 'never' }
  /** `bytes` of body in 64 KiB chunks; with `declare`, a Content-Length says so up front. */
  | { kind: 'huge'; bytes: number; declare?: boolean }
  /** A body sent as it is with Content-Encoding: gzip (see gzipBomb). */
  | { kind: 'gzip'; body: Buffer };

/** A small gzip stream of spaces that inflates to `bytes`. */
export function gzipBomb(bytes: number): Buffer {
  return gzipSync(Buffer.alloc(bytes, 0x20), { level: 9 });
}

export interface Logged {
  path: string;
  status: number;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  /** Body bytes the server wrote. */
  sent: number;
  startedAt: number;
  /** When the response was over (sent or cut off). */
  endedAt?: number;
}

/** Most requests of `entries` that were open at one moment. */
export function maxOverlap(entries: Logged[]): number {
  const edges = entries.flatMap((e) => [
    [e.startedAt, 1],
    [e.endedAt ?? Infinity, -1],
  ]);
  edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let open = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (open += d!));
  return most;
}

export class FixtureServer {
  readonly routes = new Map<string, Route>();
  readonly log: Logged[] = [];
  private server: Server | undefined;
  base = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Requests since `from` (an index into the log), for one path. */
  requests(path: string, from = 0): Logged[] {
    return this.log.slice(from).filter((l) => l.path === path);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]!;
    const entry: Logged = { path, status: 0, sent: 0, startedAt: performance.now() };
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if (typeof inm === 'string') entry.ifNoneMatch = inm;
    if (typeof ims === 'string') entry.ifModifiedSince = ims;
    this.log.push(entry);
    res.on('close', () => (entry.endedAt = performance.now()));
    const send = (status: number, headers: Record<string, string | number>, body?: Buffer) => {
      entry.status = status;
      res.writeHead(status, headers);
      if (body) entry.sent += body.length;
      res.end(body);
    };
    const route = this.routes.get(path);
    if (!route) return send(404, { 'content-type': 'text/plain' }, Buffer.from('not found'));
    switch (route.kind) {
      case 'status':
        return send(route.status, { 'content-type': 'text/plain' }, Buffer.from(`status ${route.status}`));
      case 'redirect':
        return send(route.status ?? 302, { location: route.to });
      case 'never': {
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body><p>2023年度政府信息公开工作年度报告');
        return; // never ended; closeAllConnections() ends it when the tests are done
      }
      case 'huge': {
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'application/pdf', ...(route.declare ? { 'content-length': route.bytes } : {}) });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (entry.sent < route.bytes && !res.destroyed) {
            const n = Math.min(chunk.length, route.bytes - entry.sent);
            entry.sent += n;
            if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        return pump();
      }
      case 'gzip':
        return send(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }, route.body);
      case 'file': {
        const validators: Record<string, string> = {};
        if (route.etag) validators.etag = route.etag;
        if (route.lastModified) validators['last-modified'] = route.lastModified;
        // RFC 9110: If-None-Match decides when present; If-Modified-Since only without it.
        const fresh =
          inm !== undefined ? route.etag !== undefined && inm === route.etag : ims !== undefined && route.lastModified !== undefined && Date.parse(ims) >= Date.parse(route.lastModified);
        const reply = () => (fresh ? send(304, validators) : send(200, { 'content-type': route.type, 'content-length': route.body.length, ...validators }, route.body));
        if (route.delayMs) setTimeout(reply, route.delayMs);
        else reply();
      }
    }
  }
}
