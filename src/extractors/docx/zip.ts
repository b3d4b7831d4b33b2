// A small ZIP reader for DOCX containers, written for hostile input.
//
// Why not hand the buffer to mammoth (jszip) directly: jszip trusts the sizes
// an archive declares and inflates whatever it is asked for, so a ZIP bomb
// grows without bound before anyone can say no. Here the central directory is
// read first and checked (entry count, declared sizes, `../` paths, encryption,
// duplicates), and each entry is inflated lazily with zlib's `maxOutputLength`
// set to its declared size + 1 byte: an entry that lies about its size fails
// after at most that many bytes. Node's zlib does the inflating; the format
// subset read here (stored/deflate, ZIP64 sizes, data descriptors) is what
// Word, WPS and LibreOffice write. See APPNOTE.TXT (PKWARE) §4.3 for layouts.
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** Most entries an archive may list. */
  maxEntries: number;
  /** Largest declared or actual uncompressed size of one entry, bytes. */
  maxEntryBytes: number;
  /** Largest sum of declared uncompressed sizes, bytes. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** A problem with the archive itself; `extract` turns it into `extract.failed`. */
export class ZipError extends Error {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MiB = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

function findEocd(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  const stop = Math.max(0, buf.length - 22 - 65535);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  throw new ZipError('not a readable ZIP archive: no end-of-central-directory record (truncated or damaged file)');
}

function need(buf: Buffer, offset: number, length: number, what: string): void {
  if (offset < 0 || offset + length > buf.length) throw new ZipError(`damaged ZIP archive: ${what} points outside the file`);
}

/** A path that would leave the extraction directory, or names a drive/root. */
export function unsafePath(name: string): boolean {
  return name.split(/[\\/]/).includes('..') || /^[\\/]/.test(name) || /^[a-zA-Z]:/.test(name) || name.includes('\0');
}

function directoryLocation(buf: Buffer, eocd: number): { count: number; offset: number } {
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== ZIP64_LOCATOR) throw new ZipError('damaged ZIP64 archive: no ZIP64 locator');
    const z = Number(buf.readBigUInt64LE(loc + 8));
    need(buf, z, 56, 'the ZIP64 end record');
    if (buf.readUInt32LE(z) !== ZIP64_EOCD) throw new ZipError('damaged ZIP64 archive: bad ZIP64 end record');
    count = Number(buf.readBigUInt64LE(z + 32));
    offset = Number(buf.readBigUInt64LE(z + 48));
  }
  return { count, offset };
}

/** ZIP64 extra field (id 1): 64-bit values for the fields that hold 0xFFFFFFFF, in this order. */
function applyZip64(extra: Buffer, e: ZipEntry): void {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      const take = (): number => {
        if (q + 8 > p + 4 + len) throw new ZipError(`damaged ZIP64 sizes for "${e.name}"`);
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = take();
      if (e.compressedSize === 0xffffffff) e.compressedSize = take();
      if (e.localOffset === 0xffffffff) e.localOffset = take();
    }
    p += 4 + len;
  }
}

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();
  /** Bytes inflated so far, across entries. */
  inflated = 0;

  private constructor(
    private readonly buf: Buffer,
    readonly limits: ZipLimits,
  ) {}

  /** Reads and checks the central directory; throws ZipError for archives that must not be read. */
  static open(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
    const zip = new ZipArchive(buf, limits);
    const { count, offset } = directoryLocation(buf, findEocd(buf));
    if (count > limits.maxEntries) throw new ZipError(`ZIP archive lists ${count} entries, above the limit of ${limits.maxEntries}`);
    let p = offset;
    let total = 0;
    for (let i = 0; i < count; i++) {
      need(buf, p, 46, 'the central directory');
      if (buf.readUInt32LE(p) !== CENTRAL) throw new ZipError('damaged ZIP archive: bad central directory entry');
      const nameLen = buf.readUInt16LE(p + 28);
      const extraLen = buf.readUInt16LE(p + 30);
      const commentLen = buf.readUInt16LE(p + 32);
      need(buf, p + 46, nameLen + extraLen, 'a file name');
      const e: ZipEntry = {
        name: buf.toString('utf8', p + 46, p + 46 + nameLen),
        flags: buf.readUInt16LE(p + 8),
        method: buf.readUInt16LE(p + 10),
        crc: buf.readUInt32LE(p + 16),
        compressedSize: buf.readUInt32LE(p + 20),
        size: buf.readUInt32LE(p + 24),
        localOffset: buf.readUInt32LE(p + 42),
      };
      applyZip64(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), e);
      p += 46 + nameLen + extraLen + commentLen;
      if (unsafePath(e.name)) throw new ZipError(`ZIP entry with an unsafe path "${e.name}" (leaves the archive's directory)`);
      if (zip.entries.has(e.name)) throw new ZipError(`ZIP archive lists "${e.name}" twice`);
      if (e.flags & 1) throw new ZipError(`ZIP entry "${e.name}" is encrypted`);
      if (e.size > limits.maxEntryBytes) {
        throw new ZipError(`ZIP entry "${e.name}" declares ${MiB(e.size)} uncompressed, above the limit of ${MiB(limits.maxEntryBytes)} (ZIP bomb?)`);
      }
      total += e.size;
      if (total > limits.maxTotalBytes) {
        throw new ZipError(`ZIP entries declare more than ${MiB(limits.maxTotalBytes)} uncompressed in total (ZIP bomb?)`);
      }
      zip.entries.set(e.name, e);
    }
    return zip;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Inflates one entry, never past its declared size; checks size and CRC. */
  read(name: string): Buffer {
    const e = this.entries.get(name);
    if (!e) throw new ZipError(`ZIP archive has no entry "${name}"`);
    const buf = this.buf;
    need(buf, e.localOffset, 30, `the entry "${name}"`);
    if (buf.readUInt32LE(e.localOffset) !== LOCAL) throw new ZipError(`damaged ZIP archive: bad local header for "${name}"`);
    const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
    need(buf, start, e.compressedSize, `the data of "${name}"`);
    const raw = buf.subarray(start, start + e.compressedSize);
    let out: Buffer;
    if (e.method === 0) out = raw;
    else if (e.method === 8) {
      try {
        out = inflateRawSync(raw, { maxOutputLength: e.size + 1 });
      } catch (err) {
        const tooBig = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;
        throw new ZipError(tooBig ? `ZIP entry "${name}" inflates past its declared ${e.size} bytes (ZIP bomb?)` : `ZIP entry "${name}" does not inflate: ${(err as Error).message}`);
      }
    } else throw new ZipError(`ZIP entry "${name}" uses compression method ${e.method}, which is not supported`);
    if (out.length !== e.size) throw new ZipError(`ZIP entry "${name}" inflates to ${out.length} bytes, not the declared ${e.size}`);
    if (crc32(out) !== e.crc) throw new ZipError(`ZIP entry "${name}" fails its CRC check (damaged file)`);
    this.inflated += out.length;
    if (this.inflated > this.limits.maxTotalBytes) throw new ZipError(`ZIP entries inflate past ${MiB(this.limits.maxTotalBytes)} in total (ZIP bomb?)`);
    return out;
  }
}
