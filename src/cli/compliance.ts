// `gkreport compliance --db FILE|URL [--out DIR]`: compliance.csv (one row per
// agency-year) and agencies.csv (one row per agency) from the store.
import { parseCommand } from './args.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { outUsable } from './out-dir.js';
import { openCsv } from '../output/csv.js';
import { AGENCY_COLUMNS, agencyRows, COMPLIANCE_FIXED, complianceRows, ruleColumns } from '../store/compliance.js';
import { isPostgresUrl, openStore, type Store } from '../store/db.js';
import type { Database } from '../store/tables.js';
import { correctComplianceRows } from '../corrections/sheets.js';
import { REGION_COLUMNS } from '../output/columns.js';
import { NO_REGION, type Region } from '../regions/index.js';
import { REGION_SHEET_COLUMNS, regionSheetRows } from '../regions/sheet.js';
import type { Kysely } from 'kysely';

async function regionsOf(db: Kysely<Database>, shas: string[]): Promise<Map<string, Region>> {
  const out = new Map<string, Region>();
  for (let i = 0; i < shas.length; i += 500) {
    const rows = await db.selectFrom('documents').select(['sha256', 'region_code', 'region_province', 'region_city', 'region_county']).where('sha256', 'in', shas.slice(i, i + 500)).execute();
    for (const { sha256, ...r } of rows) out.set(sha256, r);
  }
  return out;
}

export const COMPLIANCE_USAGE = `Usage: gkreport compliance --db FILE|URL [--out DIR] [--corrected]

Writes, from a store filled by "gkreport extract --db FILE|URL" or by workers:
  compliance.csv  one row per agency-year: agency, agency_key, year, source_path,
                  sha256, documents, status, tables 二/三/四 found, format_version,
                  errors, warnings, apps_balances (yes/no/unknown), then one
                  column per rule id with its count of errors and warnings
                  (and with --corrected the recomputed counts and a corrected_fields
                  column), then region_code, region_province, region_city, region_county
  agencies.csv    one row per agency: years present, years missing between the
                  first and the last
  regions.csv     per region (province, city and county levels) and year: agency-years,
                  ok / partial / failed, with errors, errors, warnings
UTF-8 with a byte-order mark; cells a spreadsheet would run as formulas are neutralised.

Options:
  --db STORE   the store (required): an SQLite file or a postgres:// URL
  --out DIR    where to write (default: output/)
  --corrected  count findings after reviewers' corrections (gkreport serve):
               the checks run again on corrected values; dismissed findings drop
  -h, --help   this text
`;

/** The store a command reads, or undefined after one line on stderr saying why it cannot be opened. */
export async function openStoreFor(command: string, db: string): Promise<Store | undefined> {
  return openStore(db, { mustExist: true }).catch((e: Error) => {
    // openStore's message names the store and why it could not be opened.
    process.stderr.write(`gkreport ${command}: ${e.message}\n`);
    return undefined;
  });
}

/** Parses `--db FILE|URL [--out DIR]`, shared by compliance and export. */
export function parseStoreArgs(argv: string[], usage: string, name: string): { db: string; out: string; corrected: boolean } | number {
  const parsed = parseCommand(name, usage, { args: argv, options: { db: { type: 'string' }, out: { type: 'string', default: 'output' }, corrected: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.db) {
    process.stderr.write(`gkreport ${name}: --db FILE|URL is required\n\n${usage}`);
    return 2;
  }
  if (!isPostgresUrl(values.db) && !existsSync(values.db)) {
    process.stderr.write(`gkreport ${name}: no store at ${values.db} (fill one with "gkreport extract … --db ${values.db}")\n`);
    return 1;
  }
  return { db: values.db, out: values.out!, corrected: values.corrected === true };
}

export async function runCompliance(argv: string[]): Promise<number> {
  const args = parseStoreArgs(argv, COMPLIANCE_USAGE, 'compliance');
  if (typeof args === 'number') return args;
  if (!(await outUsable('compliance', args.out))) return 2;
  const store = await openStoreFor('compliance', args.db);
  if (!store) return 1;
  const db = store.db;
  try {
    const rules = await ruleColumns(db);
    let rows = await complianceRows(db, rules);
    if (args.corrected) rows = await correctComplianceRows(db, rows, rules);
    // The region of each row's document, appended after the rule columns (and after corrected_fields).
    const regions = await regionsOf(db, rows.map((r) => String(r[4])));
    const sheet = await openCsv(join(args.out, 'compliance.csv'), [...COMPLIANCE_FIXED, ...rules, ...(args.corrected ? ['corrected_fields'] : []), ...REGION_COLUMNS]);
    for (const r of rows) {
      const g = regions.get(String(r[4])) ?? NO_REGION;
      await sheet.write([...r, ...REGION_COLUMNS.map((k) => g[k])]);
    }
    await sheet.close();
    const byRegion = await openCsv(join(args.out, 'regions.csv'), REGION_SHEET_COLUMNS);
    const sheetInput = rows.map((r) => ({ region: regions.get(String(r[4])) ?? NO_REGION, year: r[2] === null ? null : Number(r[2]), status: String(r[7]), errors: Number(r[13]), warnings: Number(r[14]) }));
    for (const r of regionSheetRows(sheetInput)) await byRegion.write(r);
    await byRegion.close();
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
