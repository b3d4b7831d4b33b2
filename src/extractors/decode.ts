// Bytes → string for HTML and text inputs. Government sites serve GBK/GB2312
// as often as UTF-8, and sometimes declare one while sending the other. The
// charset is decided by the evidence of the whole file: a UTF-8 page with a
// stray byte is still UTF-8 (the byte costs one character), and GBK bytes
// under a UTF-8 declaration are read as GBK.
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { finding } from '../result.js';
import type { Finding } from '../types.js';

const GB = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'euc-cn', 'chinese', 'csgb2312']);

/**
 * Share of well-formed sequences among all non-ASCII sequences at or above
 * which the bytes are UTF-8 with damage, not another charset. GBK text read as
 * UTF-8 has few well-formed sequences (measured on the GBK fixtures: 10 %
 * to 17 %); damaged UTF-8 has almost only well-formed ones.
 */
const UTF8_SHARE = 0.9;
/** Offsets of bad bytes named in a finding. */
const NAMED = 10;

export interface Utf8Evidence {
  /** Well-formed multi-byte sequences. */
  multiByte: number;
  /** Ill-formed subsequences: each becomes one U+FFFD when decoded (WHATWG UTF-8 decoder). */
  invalid: number;
  /** Byte offsets of the first `NAMED` ill-formed subsequences. */
  offsets: number[];
}

/** One linear pass over the bytes, counting as the WHATWG UTF-8 decoder replaces. */
export function utf8Evidence(buf: Uint8Array): Utf8Evidence {
  const ev: Utf8Evidence = { multiByte: 0, invalid: 0, offsets: [] };
  const bad = (at: number): void => {
    ev.invalid++;
    if (ev.offsets.length < NAMED) ev.offsets.push(at);
  };
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      bad(i);
      i++;
      continue;
    }
    let j = i + 1;
    let k = 0;
    while (k < need && j < n && buf[j]! >= lo && buf[j]! <= hi) {
      lo = 0x80;
      hi = 0xbf;
      j++;
      k++;
    }
    if (k === need) ev.multiByte++;
    else bad(i);
    // After an ill-formed prefix the byte that broke it starts the next sequence.
    i = j;
  }
  return ev;
}

/** Whether bytes with ill-formed sequences are still UTF-8, by the share of well-formed ones. */
function looksUtf8(ev: Utf8Evidence): boolean {
  return ev.multiByte / (ev.multiByte + ev.invalid) >= UTF8_SHARE;
}

/** 1-based line numbers of ascending byte offsets, in one pass. */
function linesOf(buf: Uint8Array, offsets: number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let p = 0;
  for (const off of offsets) {
    for (; p < off; p++) if (buf[p] === 0x0a) line++;
    lines.push(line);
  }
  return lines;
}

function damagedFinding(buf: Uint8Array, ev: Utf8Evidence): Finding {
  const lines = linesOf(buf, ev.offsets);
  const where = ev.offsets.map((o, i) => `byte ${o} (line ${lines[i]})`).join(', ');
  const more = ev.invalid > ev.offsets.length ? ` and ${ev.invalid - ev.offsets.length} more` : '';
  return finding(
    'encoding.damaged',
    'warning',
    `${ev.invalid} byte sequence(s) are not valid UTF-8, in a file that is otherwise UTF-8 (${ev.multiByte} valid multi-byte characters): at ${where}${more}. Read as UTF-8; each damaged sequence became "\uFFFD", so a value written there may be missing.`,
    { expected: 'utf-8', actual: `${ev.invalid} invalid`, place: { line: lines[0]! } },
  );
}

const GB18030 = new TextDecoder('gb18030', { fatal: true });
/** Where the platform's GB18030 table (2022) and iconv-lite's (2005) differ: ten vertical forms and eight ideographs that 2005 put in the private use area. */
const GB2022_ONLY = /[\ufe10-\ufe19\u9fb4-\u9fbb]/;

/**
 * GB18030 as iconv-lite reads it. The platform's decoder is several times
 * faster and gives the same text for every well-formed sequence but the 18
 * whose mapping changed in 2022; damaged bytes (replaced differently) and
 * those characters go to iconv-lite.
 */
function gb18030(buf: Buffer): string {
  let text: string;
  try {
    text = GB18030.decode(buf);
  } catch {
    return iconv.decode(buf, 'gb18030');
  }
  return GB2022_ONLY.test(text) ? iconv.decode(buf, 'gb18030') : text;
}

/** The charset a page declares in <meta charset> or <meta http-equiv content="…charset=…">. */
export function declaredCharset(buf: Buffer): string | undefined {
  const head = buf.subarray(0, 4096).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}

export interface Decoded {
  text: string;
  encoding: string;
}

const decoded = (text: string, encoding: string, findings: Finding[] = []): { value: Decoded; findings: Finding[] } => ({ value: { text, encoding }, findings });

/** Decodes by BOM, then by the bytes' evidence weighed against the declared charset. */
export function decode(buf: Buffer, declared?: string): { value: Decoded; findings: Finding[] } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return decoded(buf.subarray(3).toString('utf8'), 'utf-8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return decoded(buf.subarray(2).toString('utf16le'), 'utf-16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return decoded(iconv.decode(buf.subarray(2), 'utf-16be'), 'utf-16be');
  const declaresUtf8 = declared !== undefined && declared.replace('-', '') === 'utf8';
  const declaresGb = declared !== undefined && GB.has(declared);
  // Most pages are clean UTF-8 or GB bytes under a GB declaration: the native
  // check settles those, and only the rest pays for the byte-by-byte evidence.
  if (isUtf8(buf)) {
    // Pure ASCII reads the same either way, and a GB page's bytes are rarely
    // well-formed UTF-8: only a clean UTF-8 file with Chinese in it overrides the declaration.
    if (declaresGb && isAscii(buf)) return decoded(gb18030(buf), 'gb18030');
    if (!declaresGb) return decoded(buf.toString('utf8'), 'utf-8');
    return decoded(buf.toString('utf8'), 'utf-8', [
      finding('encoding.mismatch', 'warning', `The page declares charset "${declared}" but its bytes are UTF-8 (${utf8Evidence(buf).multiByte} well-formed multi-byte characters, none broken); read as UTF-8.`, {
        expected: declared,
        actual: 'utf-8',
      }),
    ]);
  }
  if (declaresGb) return decoded(gb18030(buf), 'gb18030');
  // From here on the bytes hold at least one ill-formed UTF-8 sequence.
  const ev = utf8Evidence(buf);
  if (declared && !declaresUtf8 && iconv.encodingExists(declared)) return decoded(iconv.decode(buf, declared), declared);
  if (looksUtf8(ev)) {
    // TextDecoder (not fatal) replaces exactly the sequences utf8Evidence counted.
    const text = new TextDecoder('utf-8').decode(buf);
    return decoded(text, 'utf-8', [damagedFinding(buf, ev)]);
  }
  const findings: Finding[] = [];
  if (declaresUtf8) {
    findings.push(
      finding('encoding.mismatch', 'warning', `The page declares charset "${declared}" but its bytes are not UTF-8 (${ev.invalid} broken sequences against ${ev.multiByte} well-formed); read as GB18030 (GBK) instead.`, {
        expected: declared,
        actual: 'gb18030',
      }),
    );
  }
  return decoded(gb18030(buf), 'gb18030', findings);
}
