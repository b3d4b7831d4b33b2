// A report as corrected by reviewers. Pure: the extracted report and its
// corrections in, the corrected report out; nothing extracted is changed in
// place. The arithmetic and value rules run again, through the same check
// modules as extraction, over the corrected fields; rules that need what the
// store does not keep (the narrative for text.mismatch, the template shape)
// keep their extracted findings, and those naming a corrected value are listed
// as `stale` so a reviewer looks at them again. The cross-year rules run again
// when the caller gives the agency's neighbouring documents (load.ts does,
// with their own corrections applied): a corrected 结转下年度 of year N−1 moves
// year N's cross_year.carry. Without them, cross-year findings are kept and,
// naming a corrected value, stale.
import { CHECKS, runChecks } from '../checks/index.js';
import type { CellProvenance } from '../normalizers/index.js';
import { crossYearFindings, type YearDoc } from '../store/cross-year.js';
import type { CorrectionsTable } from '../store/tables.js';
import type { Finding, Report } from '../types.js';

/** One row of the store's append-only corrections table (migration 101). */
export type Correction = CorrectionsTable;

/** Rules whose outcome depends only on the fields and their cells: they run again on corrected values. */
const RERUN_RULES = new Set([
  'apps.balance', 'apps.result_sum', 'apps.row_total', 'review.total', 'litigation_direct.total', 'litigation_after_review.total',
  'value.not_numeric', 'value.negative', 'value.blank',
]);

export interface CorrectedReport {
  report: Report;
  /** Field → the correction in force (the latest for that field) and the extracted value. */
  corrected: Map<string, { extracted: number | null; correction: Correction }>;
  dismissed: Array<{ finding: Finding; correction: Correction }>;
  /** Extracted findings of rules that cannot run again and that name a corrected field. */
  stale: Finding[];
}

/**
 * What the cross-year rules of one document compare it with: the agency's
 * documents of the year before and of the same year (others, corrected).
 */
export interface CrossYearContext {
  agencyKey: string;
  /** The path the store's cross-year run names this document by. */
  path: string;
  others: YearDoc[];
}

const isCrossYear = (f: Finding) => f.rule.startsWith('cross_year.');

/** Field → value of the latest value correction of each field (corrections oldest first). */
export function valuesInForce(corrections: Correction[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const c of corrections) if (c.kind === 'value' && c.field !== null) out.set(c.field, c.new_value);
  return out;
}

/** The identity of a finding across check runs: its rule and the fields it names. */
const findingKey = (rule: string, fields: string[] | string) => `${rule}\u0000${Array.isArray(fields) ? fields.join(' ') : fields}`;

export function applyCorrections(r: Report, corrections: Correction[], crossYear?: CrossYearContext): CorrectedReport {
  const mine = corrections.filter((c) => c.sha256 === r.source.sha256).sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1));
  const corrected = new Map<string, { extracted: number | null; correction: Correction }>();
  for (const c of mine) if (c.kind === 'value' && c.field !== null && c.field in r.fields) corrected.set(c.field, { extracted: r.fields[c.field]!, correction: c });
  let findings = r.findings;
  let fields = r.fields;
  const stale: Finding[] = [];
  if (corrected.size) {
    fields = { ...r.fields };
    const provenance: Record<string, CellProvenance> = {};
    for (const [id, p] of Object.entries(r.provenance)) provenance[id] = { kind: 'number', ...p } as CellProvenance;
    for (const [id, { correction }] of corrected) {
      fields[id] = correction.new_value;
      provenance[id] = { ...(provenance[id] ?? { raw: '' }), kind: correction.new_value === null ? 'blank' : 'number' };
    }
    const v = r.meta.format_version === '2019' ? '2019' : '2021';
    const again = runChecks(
      { meta: r.meta, shape: { active: v, apps: v, otherDocs: false }, fields, provenance, tablesFound: r.tables_found, narrative: '' },
      CHECKS.filter((c) => RERUN_RULES.has(c.id)),
    );
    const kept = r.findings.filter((f) => !RERUN_RULES.has(f.rule));
    for (const f of kept) if (f.fields.some((id) => corrected.has(id)) && !(crossYear && isCrossYear(f))) stale.push(f);
    findings = [...kept, ...again];
  }
  if (crossYear && r.meta.year !== null) {
    // The store keeps cross_year findings at the end of a report's findings: recomputed, they stay there.
    const self: YearDoc = { sha256: r.source.sha256, path: crossYear.path, agencyKey: crossYear.agencyKey, year: r.meta.year, fields };
    findings = [...findings.filter((f) => !isCrossYear(f)), ...(crossYearFindings([...crossYear.others, self]).get(self.sha256) ?? [])];
  }
  const dismissals = new Map(mine.filter((c) => c.kind === 'dismiss' && c.rule !== null).map((c) => [findingKey(c.rule!, c.finding_fields ?? ''), c]));
  const dismissed: CorrectedReport['dismissed'] = [];
  findings = findings.filter((f) => {
    const c = dismissals.get(findingKey(f.rule, f.fields));
    if (c) dismissed.push({ finding: f, correction: c });
    return !c;
  });
  return { report: { ...r, fields, findings }, corrected, dismissed, stale: stale.filter((f) => !dismissed.some((d) => d.finding === f)) };
}
