// reports.csv, values.csv and findings.csv from a stream of reports, one
// report in memory at a time; on failure the previous CSVs stay in place
// rather than half-new ones. Used by extract (from the run's JSONs) and
// export (from the store).
import { join } from 'node:path';
import type { Report } from '../types.js';
import { FINDING_COLUMNS, REPORT_COLUMNS, VALUE_COLUMNS } from './columns.js';
import { openCsv } from './csv.js';
import { findingRows, reportRow, valueRows } from './rows.js';

/**
 * `correctedOf` (export --corrected): the ids of a report's corrected fields;
 * reports.csv then ends with `corrected_fields` and values.csv with `corrected`.
 */
export async function writeReportCsvs(out: string, reports: AsyncIterable<Report>, correctedOf?: (r: Report) => string[]): Promise<void> {
  const reportsCsv = await openCsv(join(out, 'reports.csv'), correctedOf ? [...REPORT_COLUMNS, 'corrected_fields'] : REPORT_COLUMNS);
  const values = await openCsv(join(out, 'values.csv'), correctedOf ? [...VALUE_COLUMNS, 'corrected'] : VALUE_COLUMNS);
  const findings = await openCsv(join(out, 'findings.csv'), FINDING_COLUMNS);
  try {
    for await (const r of reports) {
      const fixed = correctedOf?.(r);
      await reportsCsv.write(fixed ? [...reportRow(r), fixed.join(' ')] : reportRow(r));
      const ids = Object.keys(r.fields);
      for (const [i, row] of valueRows(r).entries()) await values.write(fixed ? [...row, fixed.includes(ids[i]!) ? 'yes' : ''] : row);
      for (const row of findingRows(r)) await findings.write(row);
    }
  } catch (e) {
    await Promise.all([reportsCsv.abort(), values.abort(), findings.abort()]);
    throw e;
  }
  await Promise.all([reportsCsv.close(), values.close(), findings.close()]);
}
