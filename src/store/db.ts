// Opening the store: a file path is SQLite (better-sqlite3, embedded, no
// server), a postgres:// URL is PostgreSQL (pg). Either way the same Kysely
// queries run against it, and pending migrations (migrations/) run on open.
import { createRequire } from 'node:module';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './tables.js';
import { migrationProvider } from './migrations/index.js';

export type Engine = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** SQLite: refuse to create a new file (export and compliance read an existing store). */
  mustExist?: boolean;
  /** PostgreSQL: connections in the pool (default 4). */
  poolSize?: number;
}

const require = createRequire(import.meta.url);

export function isPostgresUrl(target: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(target);
}

/** The target as it may be shown: a URL without its password. */
export function displayTarget(target: string): string {
  if (!isPostgresUrl(target)) return target;
  try {
    const u = new URL(target);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

function sqliteDialect(file: string, opts: OpenOptions): SqliteDialect {
  const BetterSqlite = require('better-sqlite3') as new (file: string, options?: { fileMustExist?: boolean }) => SqliteDatabase & { pragma(s: string): unknown };
  const database = new BetterSqlite(file, { fileMustExist: opts.mustExist === true });
  // Another process (a second extract) waits for the lock rather than failing at once.
  database.pragma('busy_timeout = 10000');
  return new SqliteDialect({ database });
}

function postgresDialect(url: string, opts: OpenOptions): PostgresDialect {
  const pg = require('pg') as typeof import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 4,
    // count(*) is int8: as a JavaScript number (counts stay far below 2^53), not a string.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
  });
  // An idle connection dropped by the server (a restart) must not end the process: the next query reconnects.
  pool.on('error', (e) => process.stderr.write(`gkreport: database connection lost: ${e.message}\n`));
  // A connection held by a transaction has no listener of the pool's: without one, the server
  // going away between two statements would be an unhandled 'error' event. The statement in
  // flight, or the next one, fails and says so.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new PostgresDialect({ pool });
}

/** Brings the schema up to date; a store with migrations this gkreport does not know is refused. */
async function migrate(db: Kysely<Database>, target: string): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (!error) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName;
  const msg = (error as Error).message ?? String(error);
  const why = /corrupted migrations|missing/i.test(msg) ? `the store was written by a newer gkreport (${msg})` : failed ? `migration ${failed} failed: ${msg}` : `cannot open it: ${msg}`;
  throw new Error(`store ${displayTarget(target)}: ${why}`);
}

/** Opens (and creates or migrates) the store at `target`: a file path or a postgres:// URL. */
export async function openStore(target: string, opts: OpenOptions = {}): Promise<Store> {
  const engine: Engine = isPostgresUrl(target) ? 'postgres' : 'sqlite';
  let dialect;
  try {
    dialect = engine === 'postgres' ? postgresDialect(target, opts) : sqliteDialect(target, opts);
  } catch (e) {
    throw new Error(`store ${displayTarget(target)}: cannot open it: ${(e as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect });
  try {
    await migrate(db, target);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return { db, engine, close: () => db.destroy() };
}
