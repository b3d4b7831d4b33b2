// One input in a worker: read, hash, keep the earlier report when its content
// hash and extractor version match, else extract and write the JSON whole.
import { readFile, stat } from 'node:fs/promises';
import { pickExtractor } from '../extractors/registry.js';
import { writeFileAtomic } from '../output/atomic.js';
import { extractorVersion, extractReport, MAX_INPUT_BYTES } from '../pipeline.js';
import type { Report } from '../types.js';
import { jsonPath, sha256hex } from './names.js';
import type { Done, ExtractTask } from './types.js';

function summary(task: ExtractTask, json: string, r: Report, skipped: boolean, t0: number): Done {
  const count = (s: string) => r.findings.filter((f) => f.severity === s).length;
  const d: Done = { path: task.path, json, status: r.status, format: r.source.format, skipped, errors: count('error'), warnings: count('warning'), ms: Math.round(performance.now() - t0) };
  if (r.status === 'failed') d.reason = r.findings.find((f) => f.severity === 'error')?.message ?? 'no report table found';
  return d;
}

async function prior(json: string, version: string): Promise<Report | undefined> {
  try {
    const r = JSON.parse(await readFile(json, 'utf8')) as Report;
    return r.schema === 'gkreport.report/1' && r.extractor?.version === version ? r : undefined;
  } catch {
    return undefined; // missing or half-written by something else: redo
  }
}

export async function extractTask(task: ExtractTask): Promise<Done> {
  const t0 = performance.now();
  let buffer: Buffer | undefined;
  try {
    // Too large or unreadable: extractReport(path) says why without reading it all.
    if ((await stat(task.path)).size <= MAX_INPUT_BYTES) buffer = await readFile(task.path);
  } catch {
    /* reported below */
  }
  const sha = buffer ? sha256hex(buffer) : sha256hex(task.path);
  const json = jsonPath(task.out, task.path, sha, task.disambiguate);
  const picked = buffer?.length ? pickExtractor(buffer, task.path) : undefined;
  const version = picked ? extractorVersion(picked, { ocr: task.ocr }) : undefined;
  const old = !task.force && version ? await prior(json, version) : undefined;
  if (old && old.source.sha256 === sha) {
    // Same bytes under a new path (a moved folder): keep the values, record where it is now.
    if (old.source.path !== task.path) {
      old.source.path = task.path;
      await writeFileAtomic(json, `${JSON.stringify(old, null, 1)}\n`);
    }
    return summary(task, json, old, true, t0);
  }
  const report = buffer ? await extractReport({ path: task.path, buffer }, { timeoutMs: task.timeoutMs, ...(task.ocr ? { ocr: task.ocr } : {}) }) : await extractReport(task.path);
  await writeFileAtomic(json, `${JSON.stringify(report, null, 1)}\n`);
  return summary(task, json, report, false, t0);
}
