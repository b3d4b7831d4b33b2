// One document through the stages: bytes → extractor → normalizer → checks → Report.
// Files and the clock stay here, at the edge; the stages are pure.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { runChecks } from './checks/index.js';
import { pickExtractor } from './extractors/registry.js';
import { normalize } from './normalizers/index.js';
import { proofread as proofreadOcr } from './proofread/index.js';
import { blankSums } from './proofread/blanks.js';
import { dropUnsure } from './proofread/unsure.js';
import { NO_REGION, placeAgency } from './regions/index.js';
import { finding } from './result.js';
import type { Extractor, ExtractOptions, Finding, Report, ReportStatus } from './types.js';

export type ReportInput = string | { path?: string; buffer: Buffer };

/** Largest input read into memory; larger files are refused with `extract.failed`. */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

function emptyReport(path: string, buffer: Buffer | undefined, findings: Finding[]): Report {
  return {
    schema: 'gkreport.report/1',
    source: { path, sha256: buffer ? sha256(buffer) : '', format: 'unknown', bytes: buffer?.length ?? 0 },
    status: 'failed',
    meta: { agency: null, year: null, title: null, format_version: 'unknown', ...NO_REGION },
    fields: {},
    provenance: {},
    findings,
    tables_found: { active: false, apps: false, review: false },
    extractor: { name: 'none', version: '' },
  };
}

export function sha256(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}

async function load(input: ReportInput): Promise<{ path: string; buffer?: Buffer; error?: string }> {
  if (typeof input !== 'string') return { path: input.path ?? '<buffer>', buffer: input.buffer };
  try {
    const st = await stat(input);
    if (!st.isFile()) return { path: input, error: 'not a regular file' };
    if (st.size > MAX_INPUT_BYTES) return { path: input, error: `file is ${st.size} bytes, above the ${MAX_INPUT_BYTES}-byte limit` };
    return { path: input, buffer: await readFile(input) };
  } catch (e) {
    return { path: input, error: (e as Error).message };
  }
}

function statusOf(found: Report['tables_found'], findings: Finding[]): ReportStatus {
  if (findings.some((f) => f.rule === 'extract.failed' || f.rule === 'extract.no_text')) return 'failed';
  const n = Number(found.active) + Number(found.apps) + Number(found.review);
  return n === 3 ? 'ok' : n === 0 ? 'failed' : 'partial';
}

/** The extractor's version as a report records it: OCR settings other than the default change what is read. */
export function extractorVersion(extractor: Extractor, options: ExtractOptions = {}): string {
  return options.ocr && options.ocr !== 'auto' ? `${extractor.version}+ocr-${options.ocr}` : extractor.version;
}

/** Extracts, normalizes and checks one report. Never throws for a bad document. */
export async function extractReport(input: ReportInput, options: ExtractOptions = {}): Promise<Report> {
  const loaded = await load(input);
  const { path, buffer } = loaded;
  if (!buffer) return emptyReport(path, undefined, [finding('extract.failed', 'error', `Could not read the file: ${loaded.error}.`)]);
  if (buffer.length === 0) return emptyReport(path, buffer, [finding('extract.failed', 'error', 'The file is empty (0 bytes).')]);
  const extractor = pickExtractor(buffer, path);
  if (!extractor) {
    return emptyReport(path, buffer, [finding('extract.failed', 'error', 'Unsupported format: the bytes are not PDF, DOCX, DOC/WPS, HTML or text.')]);
  }
  const t0 = performance.now();
  let extracted;
  try {
    extracted = await extractor.extract({ path, buffer, options });
  } catch (e) {
    const report = emptyReport(path, buffer, [finding('extract.failed', 'error', `The ${extractor.format} extractor could not read the file: ${(e as Error).message}`)]);
    report.source.format = extractor.format;
    report.extractor = { name: extractor.format, version: extractor.version };
    return report;
  }
  const t1 = performance.now();
  const normalized = normalize(extracted.value);
  // OCR values: numbers read unsure need the arithmetic's word, then it proof-reads them (no-ops for text).
  const sure = dropUnsure(normalized.value);
  const proofread = proofreadOcr(sure.value, extracted.value, runChecks(sure.value));
  const t2 = performance.now();
  const n = proofread.value;
  const doubts = blankSums(n);
  const region = placeAgency(n.meta.agency);
  const findings = [...extracted.findings, ...normalized.findings, ...region.findings, ...sure.findings, ...proofread.findings, ...doubts];
  return {
    schema: 'gkreport.report/1',
    source: { path, sha256: sha256(buffer), format: extractor.format, bytes: buffer.length },
    status: statusOf(n.tablesFound, findings),
    meta: { ...n.meta, ...region.value },
    fields: n.fields,
    provenance: n.provenance,
    findings,
    tables_found: n.tablesFound,
    extractor: { name: extractor.format, version: extractorVersion(extractor, options) },
    timings: { extract_ms: Math.round(t1 - t0), normalize_ms: Math.round(t2 - t1) },
  };
}
