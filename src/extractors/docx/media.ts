// The pictures of a Word document (word/media), in the order the document
// shows them: r:embed references in document.xml, through its relationships.
import type { Picture } from '../raster/pictures.js';
import { MAX_PICTURES } from '../raster/pictures.js';
import type { ZipArchive } from './zip.js';

export function docxPictures(zip: ZipArchive, documentXml: string | undefined, rels: string | undefined): Picture[] {
  const targets = new Map<string, string>();
  for (const m of (rels ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1], target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target && /\/image"/.test(m[0])) targets.set(id, target.startsWith('/') ? target.slice(1) : `word/${target}`);
  }
  const names: string[] = [];
  for (const m of (documentXml ?? '').matchAll(/r:embed="([^"]+)"/g)) {
    const t = targets.get(m[1]!);
    if (t && !names.includes(t)) names.push(t);
  }
  // Pictures the document does not reference (or a damaged document.xml): the media folder in name order.
  const media = [...zip.entries.keys()].filter((n) => n.startsWith('word/media/')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const n of media) if (!names.includes(n)) names.push(n);
  const out: Picture[] = [];
  for (const name of names.slice(0, MAX_PICTURES)) {
    if (!zip.has(name)) {
      out.push({ name, missing: 'linked, not inside the document' });
      continue;
    }
    try {
      out.push({ name, bytes: zip.read(name) });
    } catch (e) {
      out.push({ name, missing: (e as Error).message });
    }
  }
  return out;
}
