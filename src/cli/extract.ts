// `gkreport extract`: every input → reports/<name>.json, then the CSVs.
// Report JSONs are the run's record: each is written whole (temporary name,
// then rename), so a killed run resumes by skipping what is already there,
// and the CSVs are rebuilt from them in source-path order at the end.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pickExtractor } from '../extractors/registry.js';
import { writeFileAtomic } from '../output/atomic.js';
import { REPORT_COLUMNS, VALUE_COLUMNS, FINDING_COLUMNS } from '../output/columns.js';
import { openCsv } from '../output/csv.js';
import { reportName } from '../output/names.js';
import { findingRows, reportRow, valueRows } from '../output/rows.js';
import { extractReport, sha256 } from '../pipeline.js';
import { finding } from '../result.js';
import type { Report } from '../types.js';
import { listInputs } from './inputs.js';
import { EXTRACT_USAGE } from './usage.js';

export interface ExtractArgs {
  inputs: string[];
  out: string;
  force: boolean;
  quiet: boolean;
  timeoutSec: number;
}

export function parseExtractArgs(argv: string[]): ExtractArgs | { help: true } | { error: string } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', default: 'output' },
        force: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '120' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) return { help: true };
    if (positionals.length === 0) return { error: 'no input files or directories given' };
    const timeoutSec = Number(values.timeout);
    if (!(timeoutSec > 0)) return { error: `--timeout takes a number of seconds above 0, not "${values.timeout}"` };
    return { inputs: positionals, out: values.out!, force: values.force!, quiet: values.quiet!, timeoutSec };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

interface Done {
  path: string;
  json: string;
  status: Report['status'];
  skipped: boolean;
  errors: number;
  warnings: number;
}

function failedReport(path: string, message: string): Report {
  return {
    schema: 'gkreport.report/1',
    source: { path, sha256: '', format: 'unknown', bytes: 0 },
    status: 'failed',
    meta: { agency: null, year: null, title: null, format_version: 'unknown' },
    fields: {},
    provenance: {},
    findings: [finding('extract.failed', 'error', `Could not read the input: ${message}.`)],
    tables_found: { active: false, apps: false, review: false },
    extractor: { name: 'none', version: '' },
  };
}

async function existing(json: string, version: string): Promise<Report | undefined> {
  try {
    const r = JSON.parse(await readFile(json, 'utf8')) as Report;
    return r.extractor?.version === version ? r : undefined;
  } catch {
    return undefined;
  }
}

async function processOne(path: string, args: ExtractArgs): Promise<Done> {
  let buffer: Buffer | undefined;
  try {
    buffer = await readFile(path);
  } catch {
    /* extractReport reports why */
  }
  const hash = buffer ? sha256(buffer) : sha256(Buffer.from(path));
  const json = join(args.out, 'reports', `${reportName(path, hash)}.json`);
  const version = buffer && buffer.length ? pickExtractor(buffer, path)?.version : undefined;
  const prior = !args.force && version ? await existing(json, version) : undefined;
  const count = (r: Report, s: string) => r.findings.filter((f) => f.severity === s).length;
  if (prior && prior.source.path === path) return { path, json, status: prior.status, skipped: true, errors: count(prior, 'error'), warnings: count(prior, 'warning') };
  const report = buffer ? await extractReport({ path, buffer }, { timeoutMs: args.timeoutSec * 1000 }) : await extractReport(path);
  await writeFileAtomic(json, `${JSON.stringify(report, null, 1)}\n`);
  return { path, json, status: report.status, skipped: false, errors: count(report, 'error'), warnings: count(report, 'warning') };
}

/** Rebuilds the three CSVs from the run's report JSONs, one report in memory at a time. */
async function writeCsvs(out: string, done: Done[]): Promise<void> {
  const reports = await openCsv(join(out, 'reports.csv'), REPORT_COLUMNS);
  const values = await openCsv(join(out, 'values.csv'), VALUE_COLUMNS);
  const findings = await openCsv(join(out, 'findings.csv'), FINDING_COLUMNS);
  for (const d of [...done].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const r = JSON.parse(await readFile(d.json, 'utf8')) as Report;
    await reports.write(reportRow(r));
    for (const row of valueRows(r)) await values.write(row);
    for (const row of findingRows(r)) await findings.write(row);
  }
  await Promise.all([reports.close(), values.close(), findings.close()]);
}

export async function runExtract(argv: string[]): Promise<number> {
  const args = parseExtractArgs(argv);
  if ('help' in args) {
    process.stdout.write(EXTRACT_USAGE);
    return 0;
  }
  if ('error' in args) {
    process.stderr.write(`gkreport extract: ${args.error}\n\n${EXTRACT_USAGE}`);
    return 2;
  }
  const t0 = Date.now();
  const { files, problems } = await listInputs(args.inputs);
  const done: Done[] = [];
  const total = files.length + problems.length;
  const log = (s: string) => args.quiet || process.stderr.write(`${s}\n`);
  for (const p of problems) {
    const report = failedReport(p.path, p.message);
    const json = join(args.out, 'reports', `${reportName(p.path, sha256(Buffer.from(p.path)))}.json`);
    await writeFileAtomic(json, `${JSON.stringify(report, null, 1)}\n`);
    done.push({ path: p.path, json, status: 'failed', skipped: false, errors: 1, warnings: 0 });
    log(`[${done.length}/${total}] failed  ${p.path}: ${p.message}`);
  }
  for (const file of files) {
    const d = await processOne(file, args);
    done.push(d);
    log(`[${done.length}/${total}] ${d.skipped ? 'skipped (unchanged)' : d.status.padEnd(7)} ${file}  errors ${d.errors}, warnings ${d.warnings}`);
  }
  await writeCsvs(args.out, done);
  const n = (s: string) => done.filter((d) => d.status === s).length;
  const sum = (k: 'errors' | 'warnings') => done.reduce((a, d) => a + d[k], 0);
  process.stderr.write(
    `gkreport: ${done.length} input(s): ${n('ok')} ok, ${n('partial')} partial, ${n('failed')} failed; ${sum('errors')} errors, ${sum('warnings')} warnings; ${done.filter((d) => d.skipped).length} skipped as unchanged; ${((Date.now() - t0) / 1000).toFixed(1)} s → ${args.out}\n`,
  );
  return n('failed') > 0 ? 1 : 0;
}
