// A number OCR read with little confidence is no fact of its own: a border's
// dithered dots read as "5" in an empty cell come out at about 0.3, while the
// cells of every scan in fixtures/ocr read right were read at 0.9 or more. Such
// a number is kept only when the table's arithmetic vouches for it: with it the
// table has no more failing identities than without it, and more of them are
// checked. Otherwise it is null with `ocr.uncertain` — a blank, never a guess.
// Runs before the proof-reader, which then sees the table without it.
import type { Normalized } from '../normalizers/index.js';
import { finding } from '../result.js';
import type { Finding, Result } from '../types.js';
import { failsOf, placeOf, TABLE_OF } from './index.js';

/** Below this an OCR number needs the arithmetic's word for it. */
const UNSURE = 0.5;

export function dropUnsure(n: Normalized): Result<Normalized> {
  const unsure = Object.entries(n.provenance)
    .filter(([id, p]) => p.ocr && p.kind === 'number' && (p.confidence ?? 0) < UNSURE && n.fields[id] !== null)
    .map(([id]) => id);
  if (unsure.length === 0) return { value: n, findings: [] };
  const fields = { ...n.fields };
  const added: Finding[] = [];
  for (const id of unsure) {
    const table = TABLE_OF(id);
    if (table) {
      const withIt = failsOf(n, fields, table);
      const without = failsOf(n, { ...fields, [id]: null }, table);
      if (withIt.fails <= without.fails && withIt.skips < without.skips) continue;
    }
    const p = n.provenance[id]!;
    added.push(finding('ocr.uncertain', 'warning', `OCR read ${JSON.stringify(p.raw)} for ${id} with confidence ${p.confidence}, and no identity of its table confirms it: left null. Check the scan.`, { fields: [id], actual: p.raw, place: placeOf(p) }));
    fields[id] = null;
  }
  return { value: added.length ? { ...n, fields } : n, findings: added };
}
