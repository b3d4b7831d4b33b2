// Manifest hints → report meta. A hint fills a meta value only where the
// report's own text states none; where the text states a different value, the
// text's value stays and a warning says they disagree. Pure, and idempotent:
// values an earlier run took from a hint (meta_source) count as not stated, so
// a kept report can take the manifest's current hints.
import { finding } from '../result.js';
import { placeAgency } from '../regions/index.js';
import type { Finding, MetaSource, Report } from '../types.js';
import type { Hints } from './types.js';

const KEYS = ['agency', 'year', 'region'] as const;
const NAMES = { agency: 'agency', year: 'year', region: 'region' } as const;

export const HINT_RULES = new Set(['meta.hint', 'meta.hint_differs']);

export function applyHints(report: Report, hints: Hints | undefined): Report {
  const before = report.meta_source ?? {};
  const meta = { ...report.meta };
  const source: MetaSource = {};
  const findings: Finding[] = report.findings.filter((f) => !HINT_RULES.has(f.rule));
  for (const key of KEYS) {
    const fromHint = before[key] === 'hint';
    const stated = fromHint ? null : (meta[key] ?? null);
    if (fromHint) {
      if (key === 'region') delete meta.region;
      else meta[key] = null;
    }
    const hint = hints?.[key];
    if (hint === undefined) continue;
    if (stated === null) {
      (meta as Record<string, unknown>)[key] = hint;
      source[key] = 'hint';
      findings.push(finding('meta.hint', 'info', `The ${NAMES[key]} "${hint}" comes from the manifest: the report's text does not state one.`, { actual: hint }));
    } else if (stated !== hint) {
      findings.push(
        finding('meta.hint_differs', 'warning', `The manifest gives the ${NAMES[key]} "${hint}", but the report's text states "${stated}", which is kept.`, { expected: hint, actual: stated }),
      );
    }
  }
  const out: Report = { ...report, meta, findings };
  if (source.agency || source.region || before.agency || before.region) placeAgain(out);
  if (Object.keys(source).length) out.meta_source = source;
  else delete out.meta_source;
  return out;
}

/** The division from what meta now holds: a region hint leads the agency name (浙江省嘉兴市 + 某县档案馆). */
function placeAgain(report: Report): void {
  const region = placeAgency(`${report.meta.region ?? ''}${report.meta.agency ?? ''}` || null);
  Object.assign(report.meta, region.value);
  report.findings = [...report.findings.filter((f) => f.rule !== 'region.unplaced'), ...region.findings];
}
