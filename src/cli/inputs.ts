// Command-line inputs → the sorted list of files to read. Directories are
// recursed; links are followed once (a directory link loop is reported, not walked forever).
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface InputList {
  files: string[];
  /** Inputs that could not be listed: each becomes a failed report. */
  problems: Array<{ path: string; message: string }>;
}

export async function listInputs(paths: string[]): Promise<InputList> {
  const files = new Set<string>();
  const problems: InputList['problems'] = [];
  const visitedDirs = new Set<string>();
  async function visit(path: string, depth: number): Promise<void> {
    let st;
    try {
      st = await stat(path);
    } catch (e) {
      problems.push({ path, message: (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'symbolic link loop' : (e as Error).message });
      return;
    }
    if (st.isFile()) {
      files.add(path);
      return;
    }
    if (!st.isDirectory()) {
      problems.push({ path, message: 'not a regular file or directory' });
      return;
    }
    const real = await realpath(path);
    if (visitedDirs.has(real) || depth > 64) {
      problems.push({ path, message: `directory already visited (a symbolic link loop to ${real})` });
      return;
    }
    visitedDirs.add(real);
    const entries = await readdir(path);
    for (const name of entries.sort()) {
      // Hidden files and our own temporary files are no reports.
      if (name.startsWith('.') || name.endsWith('.tmp')) continue;
      await visit(join(path, name), depth + 1);
    }
  }
  for (const p of paths) await visit(p, 0);
  return { files: [...files].sort(), problems };
}
