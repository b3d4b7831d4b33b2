// Just enough of the OLE compound file format ([MS-CFB]) to say what an OLE
// file is before anything else reads it: the names of its streams, and the
// first bytes of one stream. An encrypted DOCX is an OLE file holding
// `EncryptionInfo` and `EncryptedPackage` ([MS-OFFCRYPTO] 2.3.4); a legacy
// Word file holds `WordDocument`, whose FIB says whether it is encrypted;
// Excel and PowerPoint files hold `Workbook`/`Book` and `PowerPoint Document`.
// Every offset is bounds-checked and every sector chain is cut at the number
// of sectors in the file, so a damaged or hostile file cannot loop.

export class CfbError extends Error {}

export interface CfbEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root. */
  type: number;
  start: number;
  size: number;
}

export interface Cfb {
  entries: CfbEntry[];
  /** Up to `max` bytes from the start of a stream in regular sectors; undefined for mini-stream ones. */
  head(entry: CfbEntry, max: number): Buffer | undefined;
}

const END_OF_CHAIN = 0xfffffffe;
const MAX_SID = 0xfffffffa;

export function readCfb(buf: Buffer): Cfb {
  if (buf.length < 512) throw new CfbError('OLE file shorter than its 512-byte header');
  const shift = buf.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) throw new CfbError(`OLE file with sector size 2^${shift}`);
  const size = 1 << shift;
  const nSectors = Math.floor((buf.length - size) / size) + 1;
  const sectorAt = (sid: number): Buffer => {
    const off = (sid + 1) * size;
    if (sid > MAX_SID || off + size > buf.length) throw new CfbError(`OLE sector ${sid} lies outside the file`);
    return buf.subarray(off, off + size);
  };

  // FAT sector ids: 109 in the header, the rest in the DIFAT chain.
  const fatIds: number[] = [];
  for (let i = 0; i < 109; i++) fatIds.push(buf.readUInt32LE(0x4c + 4 * i));
  let difat = buf.readUInt32LE(0x44);
  for (let n = 0; difat <= MAX_SID && n < nSectors; n++) {
    const s = sectorAt(difat);
    for (let i = 0; i < size / 4 - 1; i++) fatIds.push(s.readUInt32LE(4 * i));
    difat = s.readUInt32LE(size - 4);
  }
  const fat: number[] = [];
  for (const sid of fatIds.slice(0, buf.readUInt32LE(0x2c))) {
    if (sid > MAX_SID) continue;
    const s = sectorAt(sid);
    for (let i = 0; i < size / 4; i++) fat.push(s.readUInt32LE(4 * i));
  }
  const chain = (start: number, maxSectors: number): number[] => {
    const out: number[] = [];
    for (let sid = start; sid !== END_OF_CHAIN && out.length < Math.min(maxSectors, nSectors); sid = fat[sid] ?? END_OF_CHAIN) {
      if (sid > MAX_SID) break;
      out.push(sid);
    }
    return out;
  };

  const entries: CfbEntry[] = [];
  for (const sid of chain(buf.readUInt32LE(0x30), nSectors)) {
    const s = sectorAt(sid);
    for (let off = 0; off + 128 <= size; off += 128) {
      const type = s[off + 0x42]!;
      if (type === 0) continue;
      const nameLen = Math.min(64, s.readUInt16LE(off + 0x40));
      const name = s.toString('utf16le', off, off + Math.max(0, nameLen - 2));
      entries.push({ name, type, start: s.readUInt32LE(off + 0x74), size: s.readUInt32LE(off + 0x78) });
    }
  }
  if (entries.length === 0) throw new CfbError('OLE file without a directory');

  const cutoff = buf.readUInt32LE(0x38);
  return {
    entries,
    head(entry, max) {
      if (entry.size < cutoff) return undefined;
      const want = Math.min(max, entry.size);
      const parts = chain(entry.start, Math.ceil(want / size)).map(sectorAt);
      return Buffer.concat(parts).subarray(0, want);
    },
  };
}

export type OleKind = 'encrypted-ooxml' | 'encrypted-doc' | 'word' | 'excel' | 'powerpoint' | 'other';

/** What kind of OLE file this is, from its stream names (and the Word FIB's fEncrypted bit). */
export function oleKind(cfb: Cfb): OleKind {
  const byName = new Map(cfb.entries.filter((e) => e.type === 2).map((e) => [e.name, e]));
  if (byName.has('EncryptionInfo') || byName.has('EncryptedPackage')) return 'encrypted-ooxml';
  const word = byName.get('WordDocument');
  if (word) {
    // [MS-DOC] 2.5.2 FibBase: wIdent 0xA5EC at 0; flags at 0x0A, fEncrypted = bit 8.
    const fib = cfb.head(word, 12);
    if (fib && fib.length >= 12 && fib.readUInt16LE(0) === 0xa5ec && fib.readUInt16LE(0x0a) & 0x0100) return 'encrypted-doc';
    return 'word';
  }
  if (byName.has('Workbook') || byName.has('Book')) return 'excel';
  if (byName.has('PowerPoint Document')) return 'powerpoint';
  return 'other';
}
