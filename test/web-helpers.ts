// The review app's test store: the corpus reports among the fixtures and the
// hostile-title report, extracted for real into an SQLite store once per test
// run; a PostgreSQL store gets the same reports copied through the store's own
// writer (no second extraction of the PDFs).
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../src/store/db.js';
import { listSources, loadReport, syncCrossYear, writeReport } from '../src/store/index.js';
import { extractInto, fixture, tempDir } from './store-helpers.js';
import { freshPgDatabase } from './pg-helpers.js';

export const CORPUS = {
  hongze2023: 'reports/hongze-qu-2023.pdf',
  hongze2024: 'reports/hongze-qu-2024.pdf',
  shanghai2019: 'reports/shanghai-bangongting-2019.html',
  xiuzhou2020: 'reports/xiuzhou-gongxiaoshe-2020.txt',
  hostile: 'web/hostile-title.html',
} as const;
export type CorpusName = keyof typeof CORPUS;

export interface CorpusStore {
  target: string;
  dir: string;
  sha: Record<CorpusName, string>;
}

let sqlite: Promise<CorpusStore> | undefined;

/** The corpus in a new SQLite store (extracted once per run; each caller gets its own copy of the file). */
export async function corpusSqlite(): Promise<CorpusStore> {
  sqlite ??= (async () => {
    const dir = tempDir();
    const target = join(dir, 'corpus.db');
    const code = await extractInto(Object.values(CORPUS).map(fixture), join(dir, 'out'), target, ['--jobs', '1']);
    if (code !== 0) throw new Error(`extract exited ${code}`);
    const s = await openStore(target);
    try {
      const sources = await listSources(s.db);
      const sha = Object.fromEntries(Object.entries(CORPUS).map(([k, p]) => [k, sources.find((x) => x.path === fixture(p))!.sha256])) as Record<CorpusName, string>;
      return { target, dir, sha };
    } finally {
      await s.close();
    }
  })();
  const base = await sqlite;
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  const target = join(dir, 'corpus.db');
  cpSync(base.target, target);
  return { ...base, dir, target };
}

/** The same reports in a new PostgreSQL database. */
export async function corpusPostgres(): Promise<CorpusStore> {
  const base = await corpusSqlite();
  const target = await freshPgDatabase();
  const from = await openStore(base.target);
  const to = await openStore(target);
  try {
    for (const s of await listSources(from.db)) await writeReport(to, (await loadReport(from.db, s.path, s.sha256))!);
    await syncCrossYear(to.db);
  } finally {
    await from.close();
    await to.close();
  }
  return { ...base, target };
}

