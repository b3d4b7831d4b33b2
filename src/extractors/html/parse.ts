// HTML text → cheerio, with nesting past MAX_DEPTH flattened first (flatten.ts).
// Every HTML that reaches cheerio comes through here: pages, MHT parts,
// altChunks and mammoth's output.
import type { CheerioAPI } from 'cheerio';
import { finding, result } from '../../result.js';
import type { Result } from '../../types.js';
import { loadCheerio } from '../lazy.js';
import { flattenDeep, MAX_DEPTH } from './flatten.js';

export async function parseHtml(text: string, what = 'The page'): Promise<Result<CheerioAPI>> {
  const flat = flattenDeep(text);
  const $ = (await loadCheerio()).load(flat.html);
  if (flat.dropped === 0) return result($);
  return result($, [
    finding(
      'extract.nesting',
      'warning',
      `${what} nests its markup ${flat.depth} levels deep; the ${flat.dropped} tag(s) opened below level ${MAX_DEPTH} were dropped and their text kept in the element above them. A table nested that deep is read as plain text.`,
      { actual: flat.depth, expected: MAX_DEPTH },
    ),
  ]);
}
