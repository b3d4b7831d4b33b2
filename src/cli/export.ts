// `gkreport export --db FILE [--out DIR]`: reports.csv, values.csv and
// findings.csv from the store, with the rows extract writes (output/rows.ts),
// one report per source path, in source-path order.
import { join } from 'node:path';
import { FINDING_COLUMNS, REPORT_COLUMNS, VALUE_COLUMNS } from '../output/columns.js';
import { openCsv } from '../output/csv.js';
import { findingRows, reportRow, valueRows } from '../output/rows.js';
import { listSources, loadReport } from '../store/read.js';
import { ensureSchema } from '../store/schema.js';
import { openDb } from '../store/sqlite.js';
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
    const reports = await openCsv(join(args.out, 'reports.csv'), REPORT_COLUMNS);
    const values = await openCsv(join(args.out, 'values.csv'), VALUE_COLUMNS);
    const findings = await openCsv(join(args.out, 'findings.csv'), FINDING_COLUMNS);
    const sources = listSources(db);
    try {
      for (const s of sources) {
        const r = loadReport(db, s.path, s.sha256);
        if (!r) continue;
        await reports.write(reportRow(r));
        for (const row of valueRows(r)) await values.write(row);
        for (const row of findingRows(r)) await findings.write(row);
      }
    } catch (e) {
      await Promise.all([reports.abort(), values.abort(), findings.abort()]);
      throw e;
    }
    await Promise.all([reports.close(), values.close(), findings.close()]);
    process.stderr.write(`gkreport export: ${sources.length} report(s) → ${args.out}\n`);
    return 0;
  } finally {
    db.close();
  }
}
