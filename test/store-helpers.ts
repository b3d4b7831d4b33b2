// Helpers for the store tests: runs of the real `extract` command into a temporary store, and table dumps.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExtract } from '../src/cli/extract.js';
import type { Db } from '../src/store/sqlite.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const fixture = (p: string) => join(FIXTURES, p);

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gkreport-store-'));
}

/** `gkreport extract <inputs> --out OUT --db DB --quiet`; stderr is kept quiet for the test log. */
export async function extractInto(inputs: string[], out: string, db: string, extra: string[] = []): Promise<number> {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await runExtract([...inputs, '--out', out, '--db', db, '--quiet', '--jobs', '2', ...extra]);
  } finally {
    process.stderr.write = write;
  }
}

export function tableNames(db: Db): string[] {
  return db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all().map((r) => String(r.name));
}

export function counts(db: Db): Record<string, number> {
  return Object.fromEntries(tableNames(db).map((t) => [t, Number(db.prepare(`SELECT count(*) AS n FROM "${t}"`).get()!.n)]));
}

/** Every row of every table, in a fixed order: equal dumps mean the store did not change. */
export function dump(db: Db): string {
  return tableNames(db)
    .map((t) => `${t}\n${db.prepare(`SELECT * FROM "${t}"`).all().map((r) => JSON.stringify(r)).sort().join('\n')}`)
    .join('\n');
}
