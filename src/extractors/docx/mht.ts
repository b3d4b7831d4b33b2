// MHT ("single file web page", multipart/related MIME, RFC 2557): what Word
// writes for "Save as web page" and what many sites publish under a .doc
// name; also the usual form of a DOCX's w:altChunk. The HTML part is taken
// out and decoded (quoted-printable or base64) to bytes; its charset is the
// part's own (Word writes gb2312 for Chinese documents).

/** A MIME header block at the start (header lines and their continuations) naming multipart/related. */
export function isMht(buf: Buffer): boolean {
  const head = buf.subarray(0, 2048).toString('latin1');
  return /^\s*(?:[\w-]+:[^\n]*\n|[ \t][^\n]*\n)*?Content-Type:\s*multipart\/related/i.test(head);
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

