// One input in a worker: read, hash, keep the earlier report when its content
// hash and extractor version match, else extract and write the JSON whole.
// A URL input arrives downloaded (the main process fetched it, url-task.ts):
// its report is keyed by the URL and records the final URL and validators.
import { readFile, stat } from 'node:fs/promises';
import { pickExtractor } from '../extractors/registry.js';
import { applyHints } from '../inputs/hints.js';
import { writeFileAtomic } from '../output/atomic.js';
import { extractorVersion, extractReport, MAX_INPUT_BYTES } from '../pipeline.js';
import { jsonPath, sha256hex, urlJsonPath } from './names.js';
import { readReport, summary, withSource } from './report-file.js';
import type { Done, ExtractTask } from './types.js';

export async function extractTask(task: ExtractTask): Promise<Done> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  let buffer: Buffer | undefined;
  try {
    // Too large or unreadable: extractReport(path) says why without reading it all.
    if ((await stat(task.path)).size <= MAX_INPUT_BYTES) buffer = await readFile(task.path);
  } catch {
    /* reported below */
  }
  const path = task.fetched?.url ?? task.path;
  const sha = buffer ? sha256hex(buffer) : sha256hex(task.path);
  const json = task.fetched ? urlJsonPath(task.out, path) : jsonPath(task.out, task.path, sha, task.disambiguate);
  const picked = buffer?.length ? pickExtractor(buffer, path) : undefined;
  const version = picked ? extractorVersion(picked, { ocr: task.ocr }) : undefined;
  const old = !task.force && version ? await readReport(json) : undefined;
  if (old && old.extractor?.version === version && old.source.sha256 === sha) {
    // Same bytes (under a new path, or a URL's new validators): keep the values, record what changed.
    const kept = applyHints(withSource(old, path, task.fetched), task.hints);
    if (JSON.stringify(kept) !== JSON.stringify(old)) await writeFileAtomic(json, `${JSON.stringify(kept, null, 1)}\n`);
    return summary(path, json, kept, true, ms());
  }
  const extracted = buffer ? await extractReport({ path, buffer }, { timeoutMs: task.timeoutMs, ...(task.ocr ? { ocr: task.ocr } : {}) }) : await extractReport(task.path);
  const report = applyHints(withSource(extracted, path, task.fetched), task.hints);
  await writeFileAtomic(json, `${JSON.stringify(report, null, 1)}\n`);
  return summary(path, json, report, false, ms());
}
