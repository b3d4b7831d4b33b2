// `gkreport serve --db FILE|URL [--port 8080] [--host 127.0.0.1] [--token T] [--read-only]`
import { parseCommand } from './args.js';
import { userInfo } from 'node:os';
import { displayTarget, isPostgresUrl } from '../store/db.js';
import { openStoreFor } from './compliance.js';
import { existsSync } from 'node:fs';

export const SERVE_USAGE = `Usage: gkreport serve --db FILE|URL [--port 8080] [--host 127.0.0.1] [--token TOKEN] [--read-only] [--reviewer NAME]

The review app on a store filled by "gkreport extract --db …": 概览 overview of
agencies × years, each report's tables with findings lit and provenance on click,
year against year, and corrections (kept in the store, append-only).

Options:
  --db STORE       the store (required): an SQLite file or a postgres:// URL
  --port N         port (default 8080; 0 picks a free one)
  --host ADDR      address to listen on (default 127.0.0.1, this machine only).
                   Any other address needs a token.
  --token TOKEN    every request must carry it (open the printed address once:
                   ?token=… becomes a cookie). Default: $GKREPORT_TOKEN.
  --read-only      no corrections: the app only shows
  --reviewer NAME  name recorded with corrections by default (default: your user name)
  -h, --help       this text

The address is printed on stderr; stop with Ctrl-C.
`;

export async function runServe(argv: string[]): Promise<number> {
  const parsed = parseCommand('serve', SERVE_USAGE, {
    args: argv,
    options: {
      db: { type: 'string' }, port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string' }, 'read-only': { type: 'boolean', default: false }, reviewer: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.db) {
    process.stderr.write(`gkreport serve: --db FILE|URL is required\n\n${SERVE_USAGE}`);
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`gkreport serve: --port needs a port number, got "${values.port}"\n`);
    return 2;
  }
  const { buildApp, isLoopback } = await import('../web/server.js');
  const token = values.token ?? process.env.GKREPORT_TOKEN ?? undefined;
  if (!isLoopback(values.host!) && !token) {
    process.stderr.write(`gkreport serve: listening on ${values.host} lets other machines in; give --token (or GKREPORT_TOKEN) too\n`);
    return 2;
  }
  if (!isPostgresUrl(values.db) && !existsSync(values.db)) {
    process.stderr.write(`gkreport serve: no store at ${values.db} (fill one with "gkreport extract … --db ${values.db}")\n`);
    return 1;
  }
  const store = await openStoreFor('serve', values.db);
  if (!store) return 1;
  const app = await buildApp({ store, readOnly: values['read-only'], ...(token ? { token } : {}), reviewer: values.reviewer ?? safeUser() });
  const address = await app.listen({ port, host: values.host! });
  process.stderr.write(`gkreport serve: ${displayTarget(values.db)} → ${address}/${token ? `?token=${encodeURIComponent(token)}` : ''}${values['read-only'] ? ' (read-only)' : ''}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await store.close();
  return 0;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'reviewer';
  }
}
