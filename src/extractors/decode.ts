// Bytes → string for HTML and text inputs. Government sites serve GBK/GB2312
// as often as UTF-8, and sometimes declare one while sending the other.
import iconv from 'iconv-lite';
import { finding } from '../result.js';
import type { Finding } from '../types.js';

const GB = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'euc-cn', 'chinese', 'csgb2312']);

function strictUtf8(buf: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return undefined;
  }
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

/** Decodes by BOM, then the declared charset checked against the bytes, then sniffing. */
export function decode(buf: Buffer, declared?: string): { value: Decoded; findings: Finding[] } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { value: { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' }, findings: [] };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { value: { text: buf.subarray(2).toString('utf16le'), encoding: 'utf-16le' }, findings: [] };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { value: { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' }, findings: [] };
  const utf8 = strictUtf8(buf);
  if (declared && GB.has(declared)) {
    // Pure ASCII is valid in both; GB18030 is a superset of GBK and GB2312.
    return { value: { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' }, findings: [] };
  }
  if (utf8 !== undefined) return { value: { text: utf8, encoding: 'utf-8' }, findings: [] };
  const findings: Finding[] = [];
  if (declared && declared.replace('-', '') === 'utf8') {
    findings.push(
      finding('encoding.mismatch', 'warning', `The page declares charset "${declared}" but its bytes are not valid UTF-8; read as GB18030 (GBK) instead.`, {
        expected: declared,
        actual: 'gb18030',
      }),
    );
  } else if (declared && iconv.encodingExists(declared) && !GB.has(declared)) {
    return { value: { text: iconv.decode(buf, declared), encoding: declared }, findings: [] };
  }
  return { value: { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' }, findings };
}
