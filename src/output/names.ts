// Report file names: the input's name plus a short content hash, safe on every file system.
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

export function safeStem(path: string): string {
  const base = basename(path, extname(path)).normalize('NFC');
  // Keep letters (CJK included) and digits; everything a file system or shell may dislike becomes "_".
  let stem = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[._-]+|[._]+$/g, '');
  if (!stem || RESERVED.test(stem)) stem = `report_${stem}`;
  // Stay well under 255 bytes whatever the script (CJK is 3 bytes in UTF-8).
  while (Buffer.byteLength(stem) > 120) stem = stem.slice(0, -1);
  return stem;
}

export function reportName(path: string, sha256: string): string {
  return `${safeStem(path)}-${sha256.slice(0, 12)}`;
}

/**
 * A URL input's report name: its last path segment, made safe, plus a hash of
 * the URL as given. It must not depend on the content, so the next run finds
 * the report (and its validators) before downloading anything; nothing of the
 * URL reaches the file system but letters, digits, ".", "_" and "-".
 */
export function urlReportName(url: string): string {
  let last = '';
  try {
    const u = new URL(url);
    last = u.pathname.split('/').filter(Boolean).pop() ?? u.hostname;
    last = decodeURIComponent(last);
  } catch {
    /* an undecodable or invalid URL keeps what was read of it */
  }
  return `${safeStem(last)}-u${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
}
