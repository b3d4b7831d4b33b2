// `gkreport export --db FILE|URL [--out DIR]`: reports.csv, values.csv and
// findings.csv from the store, with the rows extract writes (output/rows.ts),
// one report per source path, in source-path order.
import { outUsable } from './out-dir.js';
import { writeReportCsvs } from '../output/report-csvs.js';
import { displayTarget } from '../store/db.js';
import { listSources, loadReport } from '../store/read.js';
import type { Report } from '../types.js';
import { openStoreFor, parseStoreArgs } from './compliance.js';
import { affectedShas, correctedReport } from '../corrections/sheets.js';

export const EXPORT_USAGE = `Usage: gkreport export --db FILE|URL [--out DIR] [--corrected]

Regenerates reports.csv, values.csv and findings.csv from a store filled by
"gkreport extract --db FILE|URL" or by workers: the same columns and rows extract writes, for
every source path the store holds (a URL that could not be fetched is there as
a failed report; other inputs that could not be read at all have no content
hash and are not in the store).

Options:
  --db STORE   the store (required): an SQLite file or a postgres:// URL
  --out DIR    where to write (default: output/)
  --corrected  values and findings after reviewers' corrections (gkreport serve):
               corrected values replace extracted ones, the checks run again,
               dismissed findings drop; reports.csv ends with corrected_fields,
               values.csv with corrected (yes for a corrected value)
  -h, --help   this text
`;

export async function runExport(argv: string[]): Promise<number> {
  const args = parseStoreArgs(argv, EXPORT_USAGE, 'export');
  if (typeof args === 'number') return args;
  if (!(await outUsable('export', args.out))) return 2;
  const store = await openStoreFor('export', args.db);
  if (!store) return 1;
  const db = store.db;
  try {
    const sources = await listSources(db);
    const fixed = new WeakMap<Report, string[]>();
    const known = args.corrected ? await affectedShas(db) : undefined;
    async function* reports(): AsyncGenerator<Report> {
      for (const s of sources) {
        if (known) {
          const c = await correctedReport(db, s.path, s.sha256, known);
          if (!c) continue;
          fixed.set(c.report, c.corrected);
          yield c.report;
        } else {
          const r = await loadReport(db, s.path, s.sha256);
          if (r) yield r;
        }
      }
    }
    await writeReportCsvs(args.out, reports(), known ? (r) => fixed.get(r) ?? [] : undefined);
    process.stderr.write(`gkreport export: ${sources.length} report(s) from ${displayTarget(args.db)} → ${args.out}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
