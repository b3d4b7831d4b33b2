// `gkreport compliance --db FILE|URL [--out DIR]`: compliance.csv (one row per
// agency-year) and agencies.csv (one row per agency) from the store.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCsv } from '../output/csv.js';
import { AGENCY_COLUMNS, agencyRows, COMPLIANCE_FIXED, complianceRows, ruleColumns } from '../store/compliance.js';
import { displayTarget, isPostgresUrl, openStore } from '../store/db.js';

export const COMPLIANCE_USAGE = `Usage: gkreport compliance --db FILE|URL [--out DIR]

Writes, from a store filled by "gkreport extract --db FILE|URL" or by workers:
  compliance.csv  one row per agency-year: agency, agency_key, year, source_path,
                  sha256, documents, status, tables 二/三/四 found, format_version,
                  errors, warnings, apps_balances (yes/no/unknown), then one
                  column per rule id with its count of errors and warnings
  agencies.csv    one row per agency: years present, years missing between the
                  first and the last
UTF-8 with a byte-order mark; cells a spreadsheet would run as formulas are neutralised.

Options:
  --db STORE   the store (required): an SQLite file or a postgres:// URL
  --out DIR    where to write (default: output/)
  -h, --help   this text
`;

/** Parses `--db FILE|URL [--out DIR]`, shared by compliance and export. */
export function parseStoreArgs(argv: string[], usage: string, name: string): { db: string; out: string } | number {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { db: { type: 'string' }, out: { type: 'string', default: 'output' }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (e) {
    process.stderr.write(`gkreport ${name}: ${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (!values.db) {
    process.stderr.write(`gkreport ${name}: --db FILE|URL is required\n\n${usage}`);
    return 2;
  }
  if (!isPostgresUrl(values.db) && !existsSync(values.db)) {
    process.stderr.write(`gkreport ${name}: no store at ${values.db} (fill one with "gkreport extract … --db ${values.db}")\n`);
    return 1;
  }
  return { db: values.db, out: values.out! };
}

export async function runCompliance(argv: string[]): Promise<number> {
  const args = parseStoreArgs(argv, COMPLIANCE_USAGE, 'compliance');
  if (typeof args === 'number') return args;
  const store = await openStore(args.db, { mustExist: true }).catch((e: Error) => {
    process.stderr.write(`gkreport compliance: cannot open the store ${displayTarget(args.db)}: ${e.message}\n`);
    return undefined;
  });
  if (!store) return 1;
  const db = store.db;
  try {
    const rules = await ruleColumns(db);
    const rows = await complianceRows(db, rules);
    const sheet = await openCsv(join(args.out, 'compliance.csv'), [...COMPLIANCE_FIXED, ...rules]);
    for (const r of rows) await sheet.write(r);
    await sheet.close();
    const agencies = await agencyRows(db);
    const list = await openCsv(join(args.out, 'agencies.csv'), AGENCY_COLUMNS);
    for (const r of agencies) await list.write(r);
    await list.close();
    process.stderr.write(`gkreport compliance: ${rows.length} agency-year row(s), ${agencies.length} agencies → ${args.out}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
