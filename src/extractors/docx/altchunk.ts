// w:altChunk (ECMA-376 Part 1, 17.17.2.1): a DOCX whose content is an
// embedded HTML or MHT file rather than WordprocessingML. Web systems that
// "export to Word" write such files; Word renders the chunk, mammoth drops it
// (its body is then empty). The chunks are read here as the HTML they are.
import { posix } from 'node:path';
import { finding } from '../../result.js';
import type { Finding } from '../../types.js';
import { decode, declaredCharset } from '../decode.js';
import { isMht, mhtHtml } from './mht.js';
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
    // Targets are relative to word/ unless absolute ("/afchunk.mht"); "../" resolves against word/.
    if (id && target && AF_CHUNK.test(attr('Type') ?? '')) targets.set(id, posix.normalize(target.startsWith('/') ? target.slice(1) : `word/${target}`));
  }
  return ids.map((id) => targets.get(id)).filter((t): t is string => t !== undefined && zip.has(t));
}

/** The HTML text of each chunk part, with findings for chunks that could not be read. */
export function altChunkHtml(zip: ZipArchive, parts: string[]): { html: string[]; findings: Finding[] } {
  const html: string[] = [];
  const findings: Finding[] = [];
  for (const name of parts) {
    const buf = zip.read(name);
    const src = isMht(buf) ? mhtHtml(buf) : { bytes: buf, charset: declaredCharset(buf) };
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
