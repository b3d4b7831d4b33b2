// The template's arithmetic as OCR's proof-reader. When a table's identities
// fail on values read by OCR, the recogniser's other readings of the
// involved cells are tried; if exactly one choice makes every identity of
// that table hold, it is used and said (`ocr.corrected`). Otherwise the
// reading stays, and an identity that involves an uncertain OCR cell is
// `ocr.uncertain`, not an error blamed on the report. Identities whose cells
// were all read with high confidence (or not by OCR) keep their errors: a
// scan of a report that does not add up still gets its arithmetic error.
import { CHECKS, runChecks } from '../checks/index.js';
import type { Normalized } from '../normalizers/index.js';
import { parseNumber, unitOf } from '../normalizers/numbers.js';
import { finding } from '../result.js';
import type { Finding, RawDocument, Result } from '../types.js';

/** A reading at least this confident is trusted: an identity failing on such cells is the report's error. */
export const SURE = 0.9;
/** Most cells tried together (pairs of substitutions beyond this grow too fast to be worth it). */
const MAX_PAIR_CANDIDATES = 8;

export const ARITHMETIC = new Map<string, 'apps' | 'review'>([
  ['apps.balance', 'apps'],
  ['apps.result_sum', 'apps'],
  ['apps.row_total', 'apps'],
  ['review.total', 'review'],
  ['litigation_direct.total', 'review'],
  ['litigation_after_review.total', 'review'],
]);

interface Choice {
  field: string;
  value: number;
  text: string;
}

export function failsOf(n: Normalized, fields: Record<string, number | null>, table: 'apps' | 'review'): { fails: number; skips: number } {
  const checks = CHECKS.filter((c) => ARITHMETIC.get(c.id) === table);
  const out = runChecks({ ...n, fields }, checks);
  // A skip outcome gathers its identities and starts with how many (checks/sum.ts: "3 row(s) not checked …").
  const skips = out.filter((f) => f.severity === 'info').reduce((s, f) => s + (Number(/^(\d+) /.exec(f.message)?.[1]) || 1), 0);
  return { fails: out.filter((f) => f.severity !== 'info').length, skips };
}

/** Readings of a cell OCR read as no number (`0` as `C`, `D`, `b`): each character that is no digit as any digit. */
function digitReadings(text: string): string[] {
  const chars = [...text.replace(/\s/g, '')];
  const odd = chars.map((c, i) => (/[\d.,]/.test(c) ? -1 : i)).filter((i) => i >= 0);
  if (chars.length === 0 || chars.length > 6 || odd.length !== 1) return [];
  return [...'0123456789'].map((d) => chars.map((c, i) => (i === odd[0] ? d : c)).join(''));
}

/** The other readings OCR gave the cell behind `field`, as numbers different from the value read. */
function readings(n: Normalized, raw: RawDocument, field: string): Choice[] {
  const p = n.provenance[field];
  if (!p?.ocr || p.table === undefined) return [];
  const cell = raw.tables[p.table]?.cells.find((c) => c.row === p.row && c.col === p.col);
  const out: Choice[] = [];
  const texts = p.kind === 'invalid' ? digitReadings(p.raw).map((text) => ({ text })) : (cell?.alternatives ?? []);
  for (const a of texts) {
    const parsed = parseNumber(a.text, unitOf(field));
    if (parsed.kind === 'number' && parsed.value !== n.fields[field] && !out.some((o) => o.value === parsed.value)) out.push({ field, value: parsed.value, text: a.text });
  }
  return out;
}

const uncertain = (n: Normalized, id: string): boolean => {
  const p = n.provenance[id];
  return p?.ocr === true && (p.confidence ?? 0) < SURE;
};

/** A cell OCR read with confidence as Chinese words: no misread digit (those come out as Latin letters and signs). */
const wordsRead = (n: Normalized, id: string): boolean => {
  const p = n.provenance[id];
  return p?.ocr === true && (p.confidence ?? 0) >= SURE && /\p{Script=Han}/u.test(p.raw);
};

export const TABLE_OF = (id: string): 'apps' | 'review' | undefined => (id.startsWith('apps.') ? 'apps' : /^(review|litigation_)/.test(id) ? 'review' : undefined);

export function proofread(n: Normalized, raw: RawDocument, checks: Finding[]): Result<Normalized> {
  const errors = checks.filter((f) => ARITHMETIC.has(f.rule) && f.severity === 'error');
  // OCR cells read as no number leave their identities unchecked: the arithmetic can read them instead. Words
  // read with confidence (六件 where a number belongs) are the report's, and stay its error.
  const unread = checks.filter((f) => f.rule === 'value.not_numeric' && f.fields.some((id) => n.provenance[id]?.ocr && !wordsRead(n, id)));
  if ((errors.length === 0 && unread.length === 0) || !Object.values(n.provenance).some((p) => p.ocr)) return { value: n, findings: checks };
  let fields = { ...n.fields };
  const provenance = { ...n.provenance };
  const added: Finding[] = [];
  const settled = new Set<Finding>();
  // A cell OCR read as no number that no reading settles stays null: the scan's doubt, not the report's error.
  const unreadDoubt = (f: Finding, why: string): void => {
    const ids = f.fields.filter((id) => n.provenance[id]?.ocr);
    settled.add(f);
    added.push(finding('ocr.uncertain', 'warning', `OCR read ${ids.map((id) => `${JSON.stringify(n.provenance[id]!.raw)} for ${id}`).join(', ')}, which is no number, and ${why} would make table ${TABLE_OF(ids[0]!) === 'apps' ? '三' : '四'} hold: left null. Check the scan.`, { fields: ids, ...(f.place ? { place: f.place } : {}) }));
  };
  for (const table of ['apps', 'review'] as const) {
    const errs = errors.filter((f) => ARITHMETIC.get(f.rule) === table);
    const blanks = unread.filter((f) => f.fields.some((id) => TABLE_OF(id) === table));
    if (errs.length === 0 && blanks.length === 0) continue;
    const involved = [...new Set([...errs, ...blanks].flatMap((f) => f.fields))];
    const choices = involved.flatMap((id) => readings(n, raw, id));
    const before = failsOf(n, fields, table);
    const solves = (set: Choice[]): boolean => {
      const trial = { ...fields };
      for (const c of set) trial[c.field] = c.value;
      const r = failsOf(n, trial, table);
      // Reading an unread cell must let its identities be checked (fewer skipped), and all must hold.
      return r.fails === 0 && (blanks.length > 0 ? r.skips < before.skips : r.skips <= before.skips);
    };
    let solutions: Choice[][] = choices.filter((c) => solves([c])).map((c) => [c]);
    if (solutions.length === 0 && new Set(choices.map((c) => c.field)).size <= MAX_PAIR_CANDIDATES) {
      for (let i = 0; i < choices.length; i++) for (let j = i + 1; j < choices.length; j++) {
        if (choices[i]!.field !== choices[j]!.field && solves([choices[i]!, choices[j]!])) solutions.push([choices[i]!, choices[j]!]);
      }
    }
    const combined = solutions.length > 1 ? eachOwnCell(solutions, n) : undefined;
    const together = combined !== undefined && solves(combined);
    if (together) solutions = [combined];
    if (solutions.length === 1) {
      const chosen = solutions[0]!;
      fields = { ...fields };
      for (const c of chosen) {
        const p = provenance[c.field]!;
        const tbl = table === 'apps' ? '三' : '四';
        const why = together
          ? `is the only digit that lets this cell's own identities hold, and with the other unread cells read so every identity of table ${tbl} holds`
          : `is the only one among the uncertain cells' readings that makes every identity of table ${tbl} hold`;
        added.push(finding('ocr.corrected', 'warning', `OCR read ${JSON.stringify(p.raw)} for ${c.field}, ${p.kind === 'invalid' ? 'which is no number' : "and the table's identities failed"}; its other reading ${JSON.stringify(c.text)} ${why}, so ${c.value} was used. Check the scan.`, { fields: [c.field], expected: c.value, actual: p.raw, place: placeOf(p) }));
        fields[c.field] = c.value;
        provenance[c.field] = { ...p, kind: 'number' };
      }
      errs.forEach((f) => settled.add(f));
      // An unread cell the choice leaves unread is still the scan's doubt (below), never dropped in silence.
      const rest = blanks.filter((f) => !f.fields.every((id) => !n.provenance[id]?.ocr || chosen.some((c) => c.field === id)));
      blanks.filter((f) => !rest.includes(f)).forEach((f) => settled.add(f));
      for (const f of rest) unreadDoubt(f, 'none of its other readings');
      continue;
    }
    solutions = solutions.slice(0, 3);
    for (const f of errs) {
      const doubtful = f.fields.filter((id) => uncertain(n, id));
      if (doubtful.length === 0) continue; // every cell read with high confidence: the report's own error
      settled.add(f);
      const why = solutions.length > 1 ? `${solutions.length} different choices among OCR's other readings would make it hold` : 'none of OCR\'s other readings makes it hold';
      added.push(finding('ocr.uncertain', 'warning', `${f.message} It involves cells read by OCR with low confidence (${doubtful.map((id) => `${id} ${JSON.stringify(n.provenance[id]!.raw)} at ${n.provenance[id]!.confidence}`).join(', ')}) and ${why}: the reading may be wrong, not the report. Check the scan.`, { fields: doubtful, ...(f.expected !== undefined ? { expected: f.expected } : {}), ...(f.actual !== undefined ? { actual: f.actual } : {}), ...(f.place ? { place: f.place } : {}) }));
    }
    for (const f of blanks) unreadDoubt(f, solutions.length > 1 ? `${solutions.length} different readings` : 'none of its other readings');
  }
  if (settled.size === 0 && added.length === 0) return { value: n, findings: checks };
  const corrected = { ...n, fields, provenance };
  // The identities are checked again on the corrected values; settled errors give way to their OCR findings.
  const rerun = runChecks(corrected).filter((f) => !((ARITHMETIC.has(f.rule) || f.rule === 'value.not_numeric') && f.severity !== 'info' && [...settled].some((e) => e.rule === f.rule && e.message === f.message)));
  return { value: corrected, findings: [...rerun, ...added] };
}

/**
 * Several cells OCR read as no number, each settled on its own: every
 * solution is one such cell's one reading, no cell twice (table 四's two
 * unread totals, each fixed by its own row's identity). Together they are
 * one choice, used only when together they make every identity hold.
 */
function eachOwnCell(solutions: Choice[][], n: Normalized): Choice[] | undefined {
  if (!solutions.every((s) => s.length === 1 && n.provenance[s[0]!.field]?.kind === 'invalid')) return undefined;
  const cells = solutions.map((s) => s[0]!);
  return new Set(cells.map((c) => c.field)).size === cells.length ? cells : undefined;
}

export function placeOf(p: { table?: number; row?: number; col?: number; page?: number; bbox?: [number, number, number, number] }) {
  const place: Finding['place'] = {};
  if (p.table !== undefined) place.table = p.table;
  if (p.row !== undefined) place.row = p.row;
  if (p.col !== undefined) place.col = p.col;
  if (p.page !== undefined) place.page = p.page;
  if (p.bbox) place.bbox = p.bbox;
  return place;
}
