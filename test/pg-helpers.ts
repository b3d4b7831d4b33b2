// Real PostgreSQL for the tests: GKREPORT_TEST_PG is the admin URL of a server
// (.ci/run starts one with .ci/postgres.sh and sets it). Unset on a developer's
// machine, the helper starts that same throw-away cluster; under CI=true it must
// be set. Each store a test asks for is a new database of this test run, dropped at the end.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SCRIPT = fileURLToPath(new URL('../../.ci/postgres.sh', import.meta.url));
const RUN = `gkt_${process.pid}_${Date.now().toString(36)}`;
const created: string[] = [];
let admin: string | undefined;

export function adminUrl(): string {
  if (admin) return admin;
  const env = process.env.GKREPORT_TEST_PG;
  if (env) return (admin = env);
  if (process.env.CI === 'true') throw new Error('GKREPORT_TEST_PG is not set: CI must start PostgreSQL (.ci/postgres.sh) and set it');
  try {
    admin = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    throw new Error(`no PostgreSQL for the tests: set GKREPORT_TEST_PG or install postgresql (${(e as Error).message})`);
  }
  return admin;
}

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onAdmin(sqlText: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

/** A new, empty database of this test run: its URL. */
export async function freshPgDatabase(): Promise<string> {
  const name = `${RUN}_${created.length}`;
  await onAdmin(`CREATE DATABASE ${name}`);
  created.push(name);
  return withDb(adminUrl(), name);
}

/** Drops this run's databases (a root hook calls it once every test is done). */
export async function dropPgDatabases(): Promise<void> {
  while (created.length) await onAdmin(`DROP DATABASE IF EXISTS ${created.pop()} WITH (FORCE)`);
}

after(async function () {
  this.timeout(60000);
  if (created.length) await dropPgDatabases();
});
