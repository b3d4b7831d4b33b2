// Helpers for the store tests: runs of the real `extract` command into a
// temporary store on either engine, and table dumps through Kysely.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExtract } from '../src/cli/extract.js';
import { openStore, type Engine, type Store } from '../src/store/db.js';
import { freshPgDatabase } from './pg-helpers.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const fixture = (p: string) => join(FIXTURES, p);

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gkreport-store-'));
}

/** The two engines every store test runs on; `target` gives a new, empty store of that engine. */
export const ENGINES: Array<{ engine: Engine; target(dir: string): Promise<string> }> = [
  { engine: 'sqlite', target: async (dir) => join(dir, `store-${Math.random().toString(36).slice(2)}.db`) },
  { engine: 'postgres', target: () => freshPgDatabase() },
];

export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await fn();
  } finally {
    process.stderr.write = write;
  }
}

/** What `fn` writes on stdout, and what it returns (a CLI command's exit status). */
export async function stdoutOf<T>(fn: () => Promise<T>): Promise<{ out: string; value: T }> {
  let out = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  try {
    return { value: await fn(), out };
  } finally {
    process.stdout.write = write;
  }
}

/** `gkreport extract <inputs> --out OUT --db DB --quiet`; stderr is kept quiet for the test log. */
export async function extractInto(inputs: string[], out: string, db: string, extra: string[] = []): Promise<number> {
  return quietly(() => runExtract([...inputs, '--out', out, '--db', db, '--quiet', '--jobs', '2', ...extra]));
}

export async function withStore<T>(target: string, fn: (s: Store) => Promise<T>): Promise<T> {
  const s = await openStore(target);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

const TABLES = ['documents', 'field_values', 'findings', 'sources'] as const;

export async function counts(s: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await s.db.selectFrom(t).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

/** Every row of every table, in a fixed order: equal dumps mean the store did not change (and two engines hold the same). */
export async function dump(s: Store): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES) {
    const rows = await s.db.selectFrom(t).selectAll().execute();
    parts.push(`${t}\n${rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1))))).sort().join('\n')}`);
  }
  return parts.join('\n');
}
