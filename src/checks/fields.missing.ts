import type { Check } from './types.js';

/**
 * Unread fields worth a warning: 5 % of a template's ≈ 200 fields. Fewer is a
 * row a report left out; more is a table read only in part (a damaged content
 * stream, a cut page), which would otherwise fill a dataset with nulls unseen.
 */
export const MISSING_MIN = 10;

const TABLES: Array<[string, RegExp]> = [
  ['二', /^active\./],
  ['三', /^apps\./],
  ['四', /^(review|litigation_direct|litigation_after_review)\./],
];

export const fieldsMissing: Check = {
  id: 'fields.missing',
  severity: 'warning',
  description: 'All three tables were found, but many fields of the detected template version were never read (null with no cell behind them).',
  run: (ctx) => {
    if (!(ctx.tablesFound.active && ctx.tablesFound.apps && ctx.tablesFound.review)) return [];
    const all = Object.keys(ctx.fields);
    // A blank cell is read (value.blank says so); a field with no cell at all was not.
    const unread = all.filter((id) => ctx.fields[id] === null && !ctx.provenance[id]);
    if (unread.length < MISSING_MIN) return [];
    const perTable = TABLES.map(([name, re]) => [name, unread.filter((id) => re.test(id)).length] as const)
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `table ${name}: ${n}`)
      .join(', ');
    return [
      {
        kind: 'fail' as const,
        message: `${unread.length} of the ${all.length} fields of the ${ctx.meta.format_version} template were not read (${perTable}): their rows or cells were not found, so they are null. The document may be damaged or cut short.`,
        fields: unread,
        expected: all.length,
        actual: all.length - unread.length,
      },
    ];
  },
};
