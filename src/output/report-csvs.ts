// reports.csv, values.csv and findings.csv from a stream of reports, one
// report in memory at a time; on failure the previous CSVs stay in place
// rather than half-new ones. Used by extract (from the run's JSONs) and
// export (from the store).
import { join } from 'node:path';
import type { Report } from '../types.js';
import { FINDING_COLUMNS, REPORT_COLUMNS, VALUE_COLUMNS } from './columns.js';
import { openCsv } from './csv.js';
import { findingRows, reportRow, valueRows } from './rows.js';

export async function writeReportCsvs(out: string, reports: AsyncIterable<Report>): Promise<void> {
  const reportsCsv = await openCsv(join(out, 'reports.csv'), REPORT_COLUMNS);
  const values = await openCsv(join(out, 'values.csv'), VALUE_COLUMNS);
  const findings = await openCsv(join(out, 'findings.csv'), FINDING_COLUMNS);
  try {
    for await (const r of reports) {
      await reportsCsv.write(reportRow(r));
      for (const row of valueRows(r)) await values.write(row);
      for (const row of findingRows(r)) await findings.write(row);
    }
  } catch (e) {
    await Promise.all([reportsCsv.abort(), values.abort(), findings.abort()]);
    throw e;
  }
  await Promise.all([reportsCsv.close(), values.close(), findings.close()]);
}
