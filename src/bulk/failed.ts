// Reports for inputs no worker could finish: unlistable paths (a symbolic
// link loop) and files stopped by the per-file limits. The main process writes
// them, so the run's record is complete whatever happened in the worker.
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../output/atomic.js';
import type { Report } from '../types.js';
import { jsonPath, sha256hex } from './names.js';
import type { Done } from './types.js';

export function failedReport(path: string, sha: string, bytes: number, message: string): Report {
  return {
    schema: 'gkreport.report/1',
    source: { path, sha256: sha, format: 'unknown', bytes },
    status: 'failed',
    meta: { agency: null, year: null, title: null, format_version: 'unknown' },
    fields: {},
    provenance: {},
    findings: [{ rule: 'extract.failed', severity: 'error', fields: [], message }],
    tables_found: { active: false, apps: false, review: false },
    // No extractor version: the next run tries the file again (the limit may have been the machine's load).
    extractor: { name: 'none', version: '' },
  };
}

/** sha256 and size of a file, streamed (a file that bloated a worker may be large); the path's hash if unreadable. */
async function hashFile(path: string): Promise<{ sha: string; bytes: number }> {
  try {
    const h = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(path)) {
      h.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    return { sha: h.digest('hex'), bytes };
  } catch {
    return { sha: sha256hex(path), bytes: 0 };
  }
}

/** Writes the failed report of `path` and returns its Done. `hashContent` false for paths that are no file. */
export async function writeFailed(out: string, path: string, disambiguate: boolean, message: string, hashContent: boolean, ms = 0): Promise<Done> {
  const { sha, bytes } = hashContent ? await hashFile(path) : { sha: sha256hex(path), bytes: 0 };
  const json = jsonPath(out, path, sha, disambiguate);
  await writeFileAtomic(json, `${JSON.stringify(failedReport(path, hashContent ? sha : '', bytes, message), null, 1)}\n`);
  return { path, json, status: 'failed', format: 'unknown', skipped: false, errors: 1, warnings: 0, ms, reason: message };
}
