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

/** Looks like HTML: a tag such as <html, <table, <p, <div, <!doctype within the first bytes. */
export function isHtml(buf: Buffer): boolean {
  const head = buf.subarray(0, 4096).toString('latin1').toLowerCase();
  return /<(!doctype html|html|head|body|table|meta|div|p|span|tr|td)[\s>/]/.test(head) || /<!--/.test(head.slice(0, 200)) && /<(p|table|div)[\s>]/.test(head);
}

/** Text: no NUL bytes in the first 8 KB and not one of the binary formats. */
export function isText(buf: Buffer): boolean {
  if (buf.length === 0) return false;
  return !buf.subarray(0, 8192).includes(0);
}
