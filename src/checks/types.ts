import type { Normalized } from '../normalizers/index.js';
import type { Place, Severity } from '../types.js';

/** What a check sees: the normalized report. */
export type CheckContext = Normalized;

/** What a rule reports; the registry stamps the rule id and severity (remark-lint's wrapper). */
export interface Outcome {
  /** `fail`: the rule does not hold; `skip`: a term was null, so it was not computed (always `info`). */
  kind: 'fail' | 'skip';
  message: string;
  fields: string[];
  expected?: number | string | null;
  actual?: number | string | null;
  place?: Place;
}

export interface Check {
  id: string;
  severity: Severity;
  /** What must hold, citing the template where it prints the rule. */
  description: string;
  /** The template table the rule reads; it runs only when that table was found. */
  table?: 'active' | 'apps' | 'review';
  run(ctx: CheckContext): Outcome[];
}
