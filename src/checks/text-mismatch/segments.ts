// The narrative as segments a claim can be read from: one sentence, or one
// part of a sentence between semicolons. PDF text breaks lines mid-sentence,
// so white space is removed first (which also joins "21 件" into "21件").
import { toSimplified } from '../../normalizers/labels.js';

// Page numbers a PDF leaves between lines ("-1-", "— 2 —", "第3页").
const PAGE_FOOTER = /^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)\s*$/gm;

export function prepare(narrative: string): string {
  let s = narrative.replace(PAGE_FOOTER, '').normalize('NFKC');
  if (/[\u4e00-\u9fff]/.test(s)) s = toSimplified(s);
  s = s.replace(/[\s\u00a0\u3000]+/g, '');
  // Thousands separators, so "3,119件" is one number and not two clauses.
  return s.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

/**
 * No sentence of a report comes near this length; a longer "segment" is a
 * table or damage run together, and reading claims from it would cost time
 * that grows with its square (each match looks back for its clause).
 */
const MAX_SEGMENT = 2000;

/** Segments in reading order; headings ("一、", "(二)") start a new one. */
export function segments(narrative: string): string[] {
  return prepare(narrative)
    .split(/[。!?;！？；]|(?=[一二三四五六七八九十]+、)|(?=\([一二三四五六七八九十]+\))/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length <= MAX_SEGMENT);
}

/** The comma-delimited clause of `segment` around position `at`. */
export function clauseAt(segment: string, at: number): { text: string; start: number } {
  const before = segment.slice(0, at);
  const start = Math.max(before.lastIndexOf(','), before.lastIndexOf(':')) + 1;
  const rest = segment.slice(at);
  const endRel = rest.search(/[,:]/);
  return { text: segment.slice(start, endRel < 0 ? segment.length : at + endRel), start };
}

/** A segment shortened for a message, keeping the part around the claim. */
export function quote(segment: string, at: number, max = 90): string {
  if (segment.length <= max) return segment;
  const from = Math.max(0, Math.min(at - 30, segment.length - max));
  return `${from > 0 ? '…' : ''}${segment.slice(from, from + max)}${from + max < segment.length ? '…' : ''}`;
}
