import type { Finding, Place, Result, Severity } from './types.js';

export function result<T>(value: T, findings: Finding[] = []): Result<T> {
  return { value, findings };
}

/** Joins the findings of several results, keeping their values in order. */
export function combine<T>(results: Result<T>[]): Result<T[]> {
  return { value: results.map((r) => r.value), findings: results.flatMap((r) => r.findings) };
}

export interface FindingInit {
  fields?: string[];
  expected?: number | string | null;
  actual?: number | string | null;
  place?: Place;
}

export function finding(rule: string, severity: Severity, message: string, init: FindingInit = {}): Finding {
  const f: Finding = { rule, severity, fields: init.fields ?? [], message };
  if (init.expected !== undefined) f.expected = init.expected;
  if (init.actual !== undefined) f.actual = init.actual;
  if (init.place) f.place = init.place;
  return f;
}

/** The result of an extractor that could not read its input at all. */
export function failedExtraction<T>(value: T, rule: 'extract.failed' | 'extract.no_text', message: string): Result<T> {
  return result(value, [finding(rule, 'error', message)]);
}
