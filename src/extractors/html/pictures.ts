// The <img> of an HTML page, at the edge: a data: URI is decoded; a
// relative path is read from beside the page, never outside its folder
// (the page is untrusted); anything else (http:, an absolute path) is not
// at hand.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheerioAPI } from 'cheerio';
import { MAX_PICTURE_BYTES, MAX_PICTURES, type Picture } from '../raster/pictures.js';

function dataUri(src: string): Buffer | undefined {
  const m = /^data:image\/[a-z0-9.+-]+(;[^,]*)?,(.*)$/is.exec(src);
  if (!m) return undefined;
  try {
    return /;base64/i.test(m[1] ?? '') ? Buffer.from(m[2]!, 'base64') : Buffer.from(decodeURIComponent(m[2]!), 'latin1');
  } catch {
    return undefined;
  }
}

export async function htmlPictures($: CheerioAPI, pagePath: string): Promise<Picture[]> {
  const dir = path.dirname(path.resolve(pagePath));
  const out: Picture[] = [];
  for (const el of $('img').toArray().slice(0, MAX_PICTURES)) {
    const src = ($(el).attr('src') ?? '').trim();
    if (src === '') continue;
    if (/^data:/i.test(src)) {
      const bytes = dataUri(src);
      out.push({ name: `picture ${out.length + 1} (data: URI)`, ...(bytes ? { bytes } : { missing: 'undecodable data: URI' }) });
      continue;
    }
    const name = src.length > 120 ? src.slice(0, 117) + '…' : src;
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//') || path.isAbsolute(src)) {
      out.push({ name, missing: 'not a file beside the page' });
      continue;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(src.split(/[?#]/)[0]!);
    } catch {
      rel = src.split(/[?#]/)[0]!;
    }
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir + path.sep)) {
      out.push({ name, missing: 'outside the page\'s folder' });
      continue;
    }
    try {
      const bytes = await readFile(file);
      out.push(bytes.length <= MAX_PICTURE_BYTES ? { name, bytes } : { name, missing: 'too large' });
    } catch {
      out.push({ name, missing: 'no such file beside the page' });
    }
  }
  return out;
}
