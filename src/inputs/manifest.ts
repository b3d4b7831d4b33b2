// `--manifest FILE.csv`: one input per row, in a column `url` or `path`, with
// optional `agency`, `year` and `region` hints. Relative paths are read from
// the manifest's own folder, so a manifest travels with its files. A row that
// cannot be used is a problem of that row (a failed report), never of the run.
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { Hints, InputList } from './types.js';

export interface ManifestRow {
  /** Where the row is, for messages and failed reports: "<manifest> line N". */
  where: string;
  url?: string;
  path?: string;
  hints?: Hints;
}

const YEAR = /^(19|20)\d\d$/;

function hintsOf(row: Record<string, string>): Hints | string {
  const h: Hints = {};
  const agency = row.agency?.trim();
  if (agency) h.agency = agency;
  const region = row.region?.trim();
  if (region) h.region = region;
  const year = row.year?.trim();
  if (year) {
    if (!YEAR.test(year)) return `the year hint ${JSON.stringify(year)} is not a year`;
    h.year = Number(year);
  }
  return h;
}

export async function readManifest(manifest: string): Promise<{ rows: ManifestRow[]; problems: InputList['problems'] }> {
  let text: string;
  try {
    text = (await readFile(manifest, 'utf8')).replace(/^\uFEFF/, '');
  } catch (e) {
    return { rows: [], problems: [{ path: manifest, message: `could not read the manifest: ${(e as Error).message}` }] };
  }
  const { parseString } = await import('fast-csv');
  let records: string[][];
  try {
    records = await new Promise((ok, fail) => {
      const all: string[][] = [];
      parseString(text, { headers: false })
        .on('data', (r: string[]) => all.push(r))
        .on('error', fail)
        .on('end', () => ok(all));
    });
  } catch (e) {
    return { rows: [], problems: [{ path: manifest, message: `the manifest is not a readable CSV: ${(e as Error).message}` }] };
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  if (!header.includes('url') && !header.includes('path')) {
    return { rows: [], problems: [{ path: manifest, message: 'the manifest has neither a "url" nor a "path" column' }] };
  }
  const rows: ManifestRow[] = [];
  const problems: InputList['problems'] = [];
  const base = dirname(manifest);
  // Line numbers as an editor shows them: blank lines and line breaks inside quoted cells count.
  let line = 1;
  for (const cells of records) {
    const where = `${manifest} line ${line}`;
    line += 1 + cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    if (cells === records[0] || cells.every((c) => c.trim() === '')) continue;
    if (cells.length > header.length) {
      problems.push({ path: where, message: `the row has ${cells.length} cells, the header ${header.length}` });
      continue;
    }
    const r: Record<string, string> = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    const url = r.url?.trim();
    const path = r.path?.trim();
    const hints = hintsOf(r);
    let problem: string | undefined;
    if (typeof hints === 'string') problem = hints;
    else if (url && path) problem = 'the row gives both a url and a path; give one';
    else if (!url && !path) problem = 'the row gives neither a url nor a path';
    else if (url && !/^https?:\/\//i.test(url)) problem = `only http and https URLs are fetched, not ${JSON.stringify(url)}`;
    if (problem || typeof hints === 'string') {
      problems.push({ path: where, message: problem! });
      continue;
    }
    const h = Object.keys(hints).length ? { hints } : {};
    rows.push(url ? { where, url, ...h } : { where, path: isAbsolute(path!) ? path! : join(base, path!), ...h });
  }
  return { rows, problems };
}
