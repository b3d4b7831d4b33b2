// w:altChunk (ECMA-376 Part 1, 17.17.2.1): a DOCX whose content is an
// embedded HTML or MHT file rather than WordprocessingML. Web systems that
// "export to Word" write such files; Word renders the chunk, mammoth drops it
// (its body is then empty). The chunks are read here as the HTML they are.
import type { Finding } from '../../types.js';
import { finding } from '../../result.js';
import { decode, declaredCharset } from '../decode.js';
import type { ZipArchive } from './zip.js';

const AF_CHUNK = /relationships\/aFChunk$/;

/** Names of the chunk parts document.xml refers to, in document order, resolved against word/. */
export function altChunkParts(zip: ZipArchive, documentXml: string): string[] {
  const ids = [...documentXml.matchAll(/<w:altChunk\b[^>]*\br:id="([^"]+)"/g)].map((m) => m[1]!);
  if (ids.length === 0 || !zip.has('word/_rels/document.xml.rels')) return [];
  const rels = zip.read('word/_rels/document.xml.rels').toString('utf8');
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(m[0])?.[1];
    const id = attr('Id');
    const target = attr('Target');
    if (id && target && AF_CHUNK.test(attr('Type') ?? '')) targets.set(id, target.startsWith('/') ? target.slice(1) : `word/${target}`);
  }
  return ids.map((id) => targets.get(id)).filter((t): t is string => t !== undefined && zip.has(t));
}

function decodeQuotedPrintable(s: string): Buffer {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

/** The text/html part of an MHT (multipart/related MIME) file, as bytes, with its declared charset. */
export function mhtHtml(buf: Buffer): { bytes: Buffer; charset?: string } | undefined {
  const text = buf.toString('latin1');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text)?.[1];
  if (!boundary) return undefined;
  for (const part of text.split(`--${boundary}`).slice(1)) {
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const head = part.slice(0, split.index);
    if (!/content-type:\s*text\/html/i.test(head)) continue;
    // The line break before the next boundary belongs to the boundary (RFC 2046 §5.1.1).
    const body = part.slice(split.index + split[0].length).replace(/\r?\n$/, '');
    const enc = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    const charset = /charset="?([\w-]+)"?/i.exec(head)?.[1]?.toLowerCase();
    const bytes = enc === 'quoted-printable' ? decodeQuotedPrintable(body) : enc === 'base64' ? Buffer.from(body, 'base64') : Buffer.from(body, 'latin1');
    return charset ? { bytes, charset } : { bytes };
  }
  return undefined;
}

/** The HTML text of each chunk part, with findings for chunks that could not be read. */
export function altChunkHtml(zip: ZipArchive, parts: string[]): { html: string[]; findings: Finding[] } {
  const html: string[] = [];
  const findings: Finding[] = [];
  for (const name of parts) {
    const buf = zip.read(name);
    const isMht = /^\s*(MIME-Version|Content-Type):/i.test(buf.subarray(0, 200).toString('latin1'));
    const src = isMht ? mhtHtml(buf) : { bytes: buf, charset: declaredCharset(buf) };
    if (!src) {
      findings.push(finding('extract.docx_altchunk', 'warning', `The embedded chunk ${name} (w:altChunk) has no HTML part; its content was not read.`));
      continue;
    }
    const decoded = decode(src.bytes, src.charset ?? declaredCharset(src.bytes));
    findings.push(...decoded.findings);
    html.push(decoded.value.text);
  }
  if (html.length > 0) findings.push(finding('extract.docx_altchunk', 'info', `Read ${html.length} embedded HTML chunk(s) (w:altChunk) as HTML.`));
  return { html, findings };
}
