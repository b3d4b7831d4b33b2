// `gkreport export --db FILE|URL [--out DIR]`: reports.csv, values.csv and
// findings.csv from the store, with the rows extract writes (output/rows.ts),
// one report per source path, in source-path order.
import { writeReportCsvs } from '../output/report-csvs.js';
import { displayTarget, openStore } from '../store/db.js';
import { listSources, loadReport } from '../store/read.js';
import type { Report } from '../types.js';
import { parseStoreArgs } from './compliance.js';

export const EXPORT_USAGE = `Usage: gkreport export --db FILE|URL [--out DIR]

Regenerates reports.csv, values.csv and findings.csv from a store filled by
"gkreport extract --db FILE|URL" or by workers: the same columns and rows extract writes, for
every source path the store holds (inputs that could not be read at all have no
content hash and are not in the store).

Options:
  --db STORE   the store (required): an SQLite file or a postgres:// URL
  --out DIR    where to write (default: output/)
  -h, --help   this text
`;

export async function runExport(argv: string[]): Promise<number> {
  const args = parseStoreArgs(argv, EXPORT_USAGE, 'export');
  if (typeof args === 'number') return args;
  const store = await openStore(args.db, { mustExist: true }).catch((e: Error) => {
    process.stderr.write(`gkreport export: cannot open the store ${displayTarget(args.db)}: ${e.message}\n`);
    return undefined;
  });
  if (!store) return 1;
  const db = store.db;
  try {
    const sources = await listSources(db);
    async function* reports(): AsyncGenerator<Report> {
      for (const s of sources) {
        const r = await loadReport(db, s.path, s.sha256);
        if (r) yield r;
      }
    }
    await writeReportCsvs(args.out, reports());
    process.stderr.write(`gkreport export: ${sources.length} report(s) from ${displayTarget(args.db)} → ${args.out}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
