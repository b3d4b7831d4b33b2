// Where an input's report JSON goes. `reportName` (input stem + content hash)
// alone would give two inputs with the same stem and the same bytes in
// different folders one JSON, and each would overwrite the other; such inputs
// get a short hash of their path as well. The main process decides which, from
// the sorted input list, so the choice is the same in every run.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { reportName, safeStem, urlReportName } from '../output/names.js';

export function sha256hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function jsonPath(out: string, path: string, contentSha: string, disambiguate: boolean): string {
  const suffix = disambiguate ? `-p${sha256hex(path).slice(0, 8)}` : '';
  return join(out, 'reports', `${reportName(path, contentSha)}${suffix}.json`);
}

/** Where a URL input's report goes: the same file in every run, found before anything is downloaded. */
export function urlJsonPath(out: string, url: string): string {
  return join(out, 'reports', `${urlReportName(url)}.json`);
}

/** Inputs whose stem is shared with another input of the run. */
export function sharedStems(paths: string[]): Set<string> {
  const count = new Map<string, number>();
  for (const p of paths) count.set(safeStem(p), (count.get(safeStem(p)) ?? 0) + 1);
  return new Set(paths.filter((p) => count.get(safeStem(p))! > 1));
}
