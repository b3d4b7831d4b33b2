// Command-line inputs → the sorted lists of files and URLs to read. Directories
// are recursed; links are followed once (a directory link loop is reported, not
// walked forever). Manifest rows (manifest.ts) join the same lists with their hints.
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest, type ManifestRow } from './manifest.js';
import type { Hints, InputList } from './types.js';

const URL_INPUT = /^https?:\/\//i;

export function isUrlInput(arg: string): boolean {
  return URL_INPUT.test(arg);
}

/** Lists `args` (files, directories, http(s) URLs) and the rows of each manifest CSV. */
export async function listInputs(args: string[], manifests: string[] = []): Promise<InputList> {
  const files = new Map<string, Hints | undefined>();
  const urls = new Map<string, Hints | undefined>();
  const problems: InputList['problems'] = [];
  const visitedDirs = new Set<string>();
  async function visit(path: string, depth: number, hints: Hints | undefined): Promise<void> {
    let st;
    try {
      st = await stat(path);
    } catch (e) {
      problems.push({ path, message: (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'symbolic link loop' : (e as Error).message });
      return;
    }
    if (st.isFile()) {
      // Listed twice (a folder and a manifest row): the first hints given stay.
      if (!files.get(path)) files.set(path, hints);
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
      await visit(join(path, name), depth + 1, hints);
    }
  }
  function addUrl(url: string, hints: Hints | undefined, where: string): void {
    try {
      new URL(url);
    } catch {
      problems.push({ path: where, message: `not a valid URL: ${JSON.stringify(url)}` });
      return;
    }
    if (!urls.get(url)) urls.set(url, hints);
  }
  async function add(row: ManifestRow): Promise<void> {
    if (row.url !== undefined) addUrl(row.url, row.hints, row.where);
    else await visit(row.path!, 0, row.hints);
  }
  for (const a of args) {
    if (isUrlInput(a)) addUrl(a, undefined, a);
    else await visit(a, 0, undefined);
  }
  for (const m of manifests) {
    const { rows, problems: bad } = await readManifest(m);
    problems.push(...bad);
    for (const row of rows) await add(row);
  }
  const withHints = <K extends string>(key: K, m: Map<string, Hints | undefined>) =>
    [...m.keys()].sort().map((k) => ({ [key]: k, ...(m.get(k) ? { hints: m.get(k) } : {}) }) as Record<K, string> & { hints?: Hints });
  return { files: withHints('path', files), urls: withHints('url', urls), problems };
}
