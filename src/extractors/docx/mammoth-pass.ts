// The mammoth pass: DOCX → HTML, reading parts from our checked ZipArchive.
//
// mammoth's `convert` accepts `{file}`, an already-opened archive with
// `exists(name)` and `read(name, encoding)` (lib/unzip.js, mammoth 1.13; not
// in its typings, and guarded by a test). Handing it our archive means the
// file is unzipped once, under our size limits, and the XML parts can be fixed
// (fixups.ts) on their way into mammoth without a second parse or re-zip.
import type mammothModule from 'mammoth';
import { loadMammoth } from '../lazy.js';
import { fixDocumentXml, type FixupCounts } from './fixups.js';
import { ZipError, type ZipArchive } from './zip.js';

export interface MammothFile {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<string | Uint8Array>;
  write(name: string, contents: unknown): void;
  toArrayBuffer(): Promise<ArrayBuffer>;
}

export interface MammothPass {
  html: string;
  messages: { type: string; message: string }[];
  fixups: FixupCounts;
  /** Raw XML of parts holding w:altChunk (content mammoth drops; see altchunk.ts). */
  altChunkXml: string[];
}

/**
 * Largest part read as text (XML, chunks). mammoth holds a document's whole
 * element tree: measured 1.3 GB and 25 s for an 8 MiB document.xml of
 * 200,000 paragraphs. Reports take 20 to 2,000 KB; the ZIP limits are wider
 * because media entries are never inflated.
 */
export const MAX_TEXT_PART_BYTES = 8 * 1024 * 1024;

/** A read-only mammoth archive over `zip`; WordprocessingML parts get the grid fix-ups. */
export function mammothFile(zip: ZipArchive, fixups: FixupCounts, altChunkXml: string[] = []): MammothFile {
  return {
    exists: (name) => zip.has(name),
    async read(name, encoding) {
      // Checked on the declared size, before inflating; inflating never passes it (zip.ts).
      const declared = zip.entries.get(name)?.size ?? 0;
      if (encoding && encoding !== 'base64' && declared > MAX_TEXT_PART_BYTES) {
        const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
        throw new ZipError(`"${name}" holds ${mib(declared)} MiB of XML, above the ${mib(MAX_TEXT_PART_BYTES)} MiB read from one part (reports need far less)`);
      }
      const bytes = zip.read(name);
      if (!encoding) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
      if (encoding === 'base64') return bytes.toString('base64');
      const text = new TextDecoder(encoding).decode(bytes);
      // Main document, headers, footers and notes can all hold tables.
      if (!name.endsWith('.xml')) return text;
      if (name === 'word/document.xml' && text.includes('<w:altChunk')) altChunkXml.push(text);
      const fixed = fixDocumentXml(text);
      fixups.gridBefore += fixed.counts.gridBefore;
      fixups.gridAfter += fixed.counts.gridAfter;
      fixups.hMerge += fixed.counts.hMerge;
      return fixed.xml;
    },
    write() {
      throw new Error('the DOCX archive is read-only');
    },
    toArrayBuffer() {
      return Promise.reject(new Error('the DOCX archive is read-only'));
    },
  };
}

// Images are never read: a report's numbers are in its text, and reading
// word/media would inflate the largest entries for nothing.

export async function runMammoth(zip: ZipArchive): Promise<MammothPass> {
  const fixups: FixupCounts = { gridBefore: 0, gridAfter: 0, hMerge: 0 };
  const altChunkXml: string[] = [];
  const input = { file: mammothFile(zip, fixups, altChunkXml) } as unknown as Parameters<typeof mammothModule.convertToHtml>[0];
  const mammoth = await loadMammoth();
  const noImages = mammoth.images.imgElement(async () => ({ src: '' }));
  const out = await mammoth.convertToHtml(input, {
    convertImage: noImages,
    // Empty paragraphs are kept so that paragraph indexes follow the document's w:p elements.
    ignoreEmptyParagraphs: false,
    externalFileAccess: false,
    includeEmbeddedStyleMap: false,
  });
  return { html: out.value, messages: out.messages as MammothPass['messages'], fixups, altChunkXml };
}
