// The fixed column sets of the CSV files (spec/output.md). Field columns are
// the union of every template shape, in template order, so files of mixed
// versions line up.
import { fieldIds } from '../template.js';

export const FIELD_COLUMNS: string[] = [
  ...new Set([
    ...fieldIds({ active: '2019', apps: '2019', otherDocs: true }),
    ...fieldIds({ active: '2021', apps: '2021', otherDocs: false }),
  ]),
].sort((a, b) => order(a) - order(b));

function order(id: string): number {
  return id.startsWith('active.') ? 0 : id.startsWith('apps.') ? 1 : 2;
}

// Region columns came later: appended after every older column, so scripts reading by position keep working.
export const REGION_COLUMNS = ['region_code', 'region_province', 'region_city', 'region_county'] as const;
export const REPORT_COLUMNS = ['source_path', 'url', 'sha256', 'format', 'status', 'agency', 'year', 'format_version', 'errors', 'warnings', ...FIELD_COLUMNS, ...REGION_COLUMNS];
export const VALUE_COLUMNS = ['sha256', 'agency', 'year', 'field', 'value', 'raw', 'page', 'table', 'row', 'col', 'bbox', 'line', 'source_path', 'url', 'region_code', 'inferred', 'ocr', 'confidence'];
export const FINDING_COLUMNS = ['sha256', 'source_path', 'url', 'agency', 'year', 'rule', 'severity', 'fields', 'expected', 'actual', 'message', 'page', 'table', 'row', 'col', 'region_code'];
