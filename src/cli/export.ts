// `gkreport export --db FILE [--out DIR]`: reports.csv, values.csv and
// findings.csv from the store, with the rows extract writes (output/rows.ts),
// one report per source path, in source-path order.
import { writeReportCsvs } from '../output/report-csvs.js';
import { listSources, loadReport } from '../store/read.js';
import { ensureSchema } from '../store/schema.js';
import { openDb } from '../store/sqlite.js';
import type { Report } from '../types.js';
import { parseStoreArgs } from './compliance.js';

export const EXPORT_USAGE = `Usage: gkreport export --db FILE [--out DIR]

Regenerates reports.csv, values.csv and findings.csv from a store filled by
"gkreport extract --db FILE": the same columns and rows extract writes, for
every source path the store holds (inputs that could not be read at all have no
content hash and are not in the store).

Options:
  --db FILE    the store (required)
  --out DIR    where to write (default: output/)
  -h, --help   this text
`;

export async function runExport(argv: string[]): Promise<number> {
  const args = parseStoreArgs(argv, EXPORT_USAGE, 'export');
  if (typeof args === 'number') return args;
  const db = openDb(args.db, { fileMustExist: true });
  try {
    ensureSchema(db);
    const sources = listSources(db);
    async function* reports(): AsyncGenerator<Report> {
      for (const s of sources) {
        const r = loadReport(db, s.path, s.sha256);
        if (r) yield r;
      }
    }
    await writeReportCsvs(args.out, reports());
    process.stderr.write(`gkreport export: ${sources.length} report(s) → ${args.out}\n`);
    return 0;
  } finally {
    db.close();
  }
}
