// Deciding a file's format by its bytes (spec/output.md), not its name.

export function isPdf(buf: Buffer): boolean {
  // The header may follow a few bytes of junk; readers accept it within 1 KB.
  return buf.subarray(0, 1024).includes('%PDF-');
}

export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 3 || buf[2] === 5 || buf[2] === 7);
}

/** OLE compound file (legacy .doc, .wps, encrypted .docx). */
export function isOle(buf: Buffer): boolean {
  return buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1;
}

/** UTF-16 with a byte-order mark (Windows Notepad's "Unicode"): text whose every other byte may be NUL. */
function isUtf16(buf: Buffer): boolean {
  return buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
}

/** The first `n` characters, as Latin-1 or, after a UTF-16 mark, as UTF-16. */
function head(buf: Buffer, n: number): string {
  if (!isUtf16(buf)) return buf.subarray(0, n).toString('latin1');
  const body = Buffer.from(buf.subarray(2, 2 + 2 * n));
  const even = body.subarray(0, body.length & ~1);
  return (buf[0] === 0xfe ? even.swap16() : even).toString('utf16le');
}

/** Looks like HTML: a tag such as <html, <table, <p, <div, <!doctype within the first bytes. */
export function isHtml(buf: Buffer): boolean {
  const start = head(buf, 4096).toLowerCase();
  return /<(!doctype html|html|head|body|table|meta|div|p|span|tr|td)[\s>/]/.test(start) || /<!--/.test(start.slice(0, 200)) && /<(p|table|div)[\s>]/.test(start);
}

/** Text: no NUL bytes in the first 8 KB (or UTF-16 with its mark) and not one of the binary formats. */
export function isText(buf: Buffer): boolean {
  if (buf.length === 0) return false;
  return isUtf16(buf) || !buf.subarray(0, 8192).includes(0);
}
