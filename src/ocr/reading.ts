// What OCR read in a cell or a line, and the other readings worth trying.
import type { OcrAlternative } from '../types.js';
import type { CharReading } from './recognize.js';

export interface OcrReading {
  /** The least certain character's probability (1 where there was no ink). */
  confidence: number;
  chars: CharReading[];
}

/** Characters below this probability are worth a second reading. */
export const UNSURE = 0.95;
const MAX_ALTERNATIVES = 24;

/**
 * Other readings of a cell: one uncertain character replaced by one of its
 * next readings, ranked by how likely the whole reading then is (the product
 * of its characters' probabilities, relative to the first reading's); and,
 * in numbers, an uncertain digit doubled (CTC collapses a repeat, `11` →
 * `1`, when the blank between the two is not seen, as in narrow 1-bit type)
 * or replaced by any other digit, at a token likelihood.
 */
export function alternatives(text: string, r: OcrReading): OcrAlternative[] {
  if (r.chars.map((c) => c.ch).join('').trim() !== text) return [];
  const base = r.chars.reduce((p, c) => p * c.p, 1);
  const out: OcrAlternative[] = [];
  r.chars.forEach((c, i) => {
    if (c.p >= UNSURE) return;
    for (const a of c.alts) {
      const chars = r.chars.map((x) => x.ch);
      chars[i] = a.ch;
      const t = chars.join('').trim();
      if (t === text) continue;
      out.push({ text: t, confidence: Math.round(Math.min(1, (base / c.p) * a.p) * 1000) / 1000 });
    }
    if (/^\d$/.test(c.ch) && /^[\d.,]+$/.test(text)) {
      const chars = r.chars.map((x) => x.ch);
      chars.splice(i, 0, c.ch);
      out.push({ text: chars.join(''), confidence: Math.round((1 - c.p) * base * 1000) / 1000 });
      // Any digit for an uncertain digit of a number: the identities, not the recogniser, pick among them.
      for (const d of '0123456789') {
        const t = r.chars.map((x, k) => (k === i ? d : x.ch)).join('');
        if (t !== text && !out.some((o) => o.text === t)) out.push({ text: t, confidence: 0.001 });
      }
    }
  });
  return out.sort((a, b) => b.confidence - a.confidence).slice(0, MAX_ALTERNATIVES);
}
