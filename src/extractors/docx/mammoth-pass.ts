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
import { flattenXml } from './flatten-xml.js';
import { BODY, lossOf, optionalXmlParts, partDamage, salvageBody, xmlBalanced } from './damage.js';
import { MAX_TEXT_PART_BYTES } from './limits.js';
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
  /** Parts whose nesting was flattened (flatten-xml.ts). */
  flattened: FlattenedPart[];
  /** Damaged parts left out (damage.ts): why, and what that cost. */
  skipped: { part: string; why: string; loss: string }[];
  /** A damaged body read up to its damage (damage.ts). */
  salvaged: { why: string; kept: number } | undefined;
}

export interface FlattenedPart {
  part: string;
  depth: number;
  dropped: number;
}

/** A read-only mammoth archive over `zip`; WordprocessingML parts get the grid fix-ups. */
export function mammothFile(
  zip: ZipArchive,
  fixups: FixupCounts,
  altChunkXml: string[] = [],
  flattened: FlattenedPart[] = [],
  left: ReadonlySet<string> = new Set(),
  /** The body's XML already decoded (sound, or salvaged by damage.ts), read instead of the archive's. */
  body?: string,
): MammothFile {
  return {
    // mammoth reads a part only if it exists, and goes on without it otherwise.
    exists: (name) => zip.has(name) && !left.has(name),
    async read(name, encoding) {
      // Checked on the declared size, before inflating; inflating never passes it (zip.ts).
      const declared = zip.entries.get(name)?.size ?? 0;
      if (encoding && encoding !== 'base64' && declared > MAX_TEXT_PART_BYTES) {
        const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
        throw new ZipError(`"${name}" holds ${mib(declared)} MiB of XML, above the ${mib(MAX_TEXT_PART_BYTES)} MiB read from one part (reports need far less)`);
      }
      const given = name === BODY && body !== undefined && encoding && encoding !== 'base64';
      const bytes = given ? Buffer.alloc(0) : zip.read(name);
      if (!encoding) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
      if (encoding === 'base64') return bytes.toString('base64');
      const text = given ? body : new TextDecoder(encoding).decode(bytes);
      // Main document, headers, footers and notes can all hold tables.
      if (!name.endsWith('.xml')) return text;
      if (name === 'word/document.xml' && text.includes('<w:altChunk')) altChunkXml.push(text);
      const flat = flattenXml(text);
      if (flat.dropped > 0) flattened.push({ part: name, depth: flat.depth, dropped: flat.dropped });
      const fixed = fixDocumentXml(flat.xml);
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

/** The body's XML (the archive's ZipError for a body that does not unzip). */
function readBody(zip: ZipArchive): string {
  return new TextDecoder('utf-8').decode(zip.read(BODY));
}

async function convert(zip: ZipArchive, left: ReadonlySet<string>, body?: string): Promise<MammothPass> {
  const fixups: FixupCounts = { gridBefore: 0, gridAfter: 0, hMerge: 0 };
  const altChunkXml: string[] = [];
  const flattened: FlattenedPart[] = [];
  const input = { file: mammothFile(zip, fixups, altChunkXml, flattened, left, body) } as unknown as Parameters<typeof mammothModule.convertToHtml>[0];
  const mammoth = await loadMammoth();
  const noImages = mammoth.images.imgElement(async () => ({ src: '' }));
  const out = await mammoth.convertToHtml(input, {
    convertImage: noImages,
    // Empty paragraphs are kept so that paragraph indexes follow the document's w:p elements.
    ignoreEmptyParagraphs: false,
    externalFileAccess: false,
    includeEmbeddedStyleMap: false,
  });
  return { html: out.value, messages: out.messages as MammothPass['messages'], fixups, altChunkXml, flattened, skipped: [], salvaged: undefined };
}

/**
 * mammoth over the package; when it fails, the parts are checked one by one
 * (only then: a sound document is parsed once) and the damaged ones besides
 * the body are left out for a second pass. A garbled body is read up to its
 * last whole paragraph or table before the damage; a body that does not unzip
 * fails the document with a message naming it.
 */
export async function runMammoth(zip: ZipArchive): Promise<MammothPass> {
  // Decoded once, here, for the tag check and for mammoth (an oversized body is left to mammothFile's limit).
  let sound: string | undefined;
  try {
    if (zip.has(BODY) && (zip.entries.get(BODY)?.size ?? 0) <= MAX_TEXT_PART_BYTES) {
      const xml = readBody(zip);
      // A body whose tags do not pair up goes straight to the damage path: mammoth's parser would take
      // time quadratic in the damage to fail on it.
      if (!xmlBalanced(xml)) throw new ZipError(`${BODY} is not well-formed`);
      sound = xml;
    }
    return await convert(zip, new Set(), sound);
  } catch (err) {
    const bodyDamage = zip.has(BODY) ? partDamage(zip, BODY) : undefined;
    let salvaged: MammothPass['salvaged'];
    let body = sound;
    if (bodyDamage) {
      const cannot = (): ZipError => new ZipError(`its body, ${BODY}, ${bodyDamage}; the report's text and tables are in that part`);
      // The archive's own words when it already names the body (size limits, ZIP bombs).
      if (!bodyDamage.includes('well-formed')) throw err instanceof ZipError && err.message.includes(`"${BODY}"`) ? err : cannot();
      const rescue = salvageBody(readBody(zip));
      if (!rescue) throw cannot();
      body = rescue.xml;
      salvaged = { why: bodyDamage, kept: rescue.kept };
    }
    const skipped = optionalXmlParts(zip).flatMap((part) => {
      const why = partDamage(zip, part);
      return why ? [{ part, why, loss: lossOf(part) }] : [];
    });
    if (skipped.length === 0 && !salvaged) throw err;
    const pass = await convert(zip, new Set(skipped.map((s) => s.part)), body);
    return { ...pass, skipped, salvaged };
  }
}
