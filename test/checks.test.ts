// Each check module on small Normalized objects (remark-lint's ok / not-ok
// pairs): ok gives no finding, not-ok the exact finding, and a null term gives
// one info finding and never an error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { appsBalance } from '../src/checks/apps.balance.js';
import { appsResultSum } from '../src/checks/apps.result_sum.js';
import { appsRowTotal } from '../src/checks/apps.row_total.js';
import { formatHybrid } from '../src/checks/format.hybrid.js';
import { CHECKS, runChecks } from '../src/checks/index.js';
import { litigationAfterReviewTotal } from '../src/checks/litigation_after_review.total.js';
import { litigationDirectTotal } from '../src/checks/litigation_direct.total.js';
import { reviewTotal } from '../src/checks/review.total.js';
import { tableMissing } from '../src/checks/table.missing.js';
import type { Check } from '../src/checks/types.js';
import { valueBlank } from '../src/checks/value.blank.js';
import { valueNegative } from '../src/checks/value.negative.js';
import { valueNotNumeric } from '../src/checks/value.not_numeric.js';
import type { CellProvenance, Normalized } from '../src/normalizers/index.js';
import { versionFieldIds } from '../src/template.js';
import type { Finding } from '../src/types.js';

// A report that reconciles: 淮安市人民政府 2024 (2021 template), values checked by hand (see fixtures/README.md).
const HUAIAN = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/html/huaian-shi-2024-template2021.expected.json', import.meta.url)), 'utf8')).fields as Record<string, number>;

function ctx(over: Record<string, number | null> = {}, prov: Record<string, Partial<CellProvenance>> = {}, version: '2019' | '2021' = '2021'): Normalized {
  const fields: Record<string, number | null> = Object.fromEntries(versionFieldIds(version).map((id) => [id, version === '2021' ? HUAIAN[id]! : 0]));
  Object.assign(fields, over);
  const provenance: Record<string, CellProvenance> = {};
  for (const [id, v] of Object.entries(fields)) provenance[id] = { raw: v === null ? '' : String(v), kind: v === null ? 'blank' : 'number', table: 1, row: 3, col: 4 };
  for (const [id, p] of Object.entries(prov)) provenance[id] = { ...provenance[id]!, ...p };
  return {
    meta: { agency: '淮安市人民政府', year: 2024, title: null, format_version: version },
    shape: { active: version, apps: version, otherDocs: false },
    fields,
    provenance,
    tablesFound: { active: true, apps: true, review: true },
    narrative: '',
  };
}

const run = (check: Check, c: Normalized): Finding[] => runChecks(c, [check]);
const brief = (fs: Finding[]) => fs.map((f) => ({ rule: f.rule, severity: f.severity, fields: f.fields, expected: f.expected, actual: f.actual }));
const col = (row: string, c: string) => `apps.${row}.${c}`;
const RESULT_ROWS_2021 = versionFieldIds('2021')
  .filter((id) => id.endsWith('.natural') && !/^apps\.(new|carried_in|result_total|carried_out)\./.test(id) && id.startsWith('apps.'))
  .map((id) => id.replace(/\.natural$/, '').replace(/^apps\./, ''));
const group = (g: string) => ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => `${g}.${c}`);

interface Case {
  check: Check;
  /** One changed value that breaks the rule. */
  notOk: Record<string, number | null>;
  expected: { fields: string[]; expected: number; actual: number };
  /** A term set to null: the rule is skipped for it. */
  nullTerm: string;
}

const ARITHMETIC: Case[] = [
  {
    check: appsBalance,
    notOk: { 'apps.carried_out.natural': 100 },
    expected: { fields: [col('new', 'natural'), col('carried_in', 'natural'), col('result_total', 'natural'), col('carried_out', 'natural')], expected: 3035, actual: 3032 },
    nullTerm: 'apps.carried_in.commercial',
  },
  {
    check: appsResultSum,
    notOk: { 'apps.granted.natural': 1289 },
    expected: { fields: [...RESULT_ROWS_2021.map((r) => col(r, 'natural')), col('result_total', 'natural')], expected: 2933, actual: 2932 },
    nullTerm: 'apps.other.misc.natural',
  },
  {
    check: appsRowTotal,
    notOk: { 'apps.granted.total': 1363 },
    expected: { fields: ['natural', 'commercial', 'research', 'nonprofit', 'legal_service', 'other_org', 'total'].map((c) => col('granted', c)), expected: 1362, actual: 1363 },
    nullTerm: 'apps.partial.research',
  },
  { check: reviewTotal, notOk: { 'review.total': 350 }, expected: { fields: group('review'), expected: 351, actual: 350 }, nullTerm: 'review.corrected' },
  { check: litigationDirectTotal, notOk: { 'litigation_direct.total': 25 }, expected: { fields: group('litigation_direct'), expected: 26, actual: 25 }, nullTerm: 'litigation_direct.pending' },
  { check: litigationAfterReviewTotal, notOk: { 'litigation_after_review.upheld': 13 }, expected: { fields: group('litigation_after_review'), expected: 21, actual: 20 }, nullTerm: 'litigation_after_review.total' },
];

describe('checks: arithmetic rules (spec/fields.md), one module each', () => {
  it('the registry has one check per rule id, and no id twice', () => {
    const ids = CHECKS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ['apps.balance', 'apps.result_sum', 'apps.row_total', 'review.total', 'litigation_direct.total', 'litigation_after_review.total', 'value.not_numeric', 'value.negative', 'value.blank', 'table.missing', 'format.hybrid']) {
      assert.ok(ids.includes(id), id);
    }
  });

  it('a report that reconciles (淮安 2024) gives no finding from any check', () => assert.deepEqual(brief(runChecks(ctx())), []));

  for (const c of ARITHMETIC) {
    describe(c.check.id, () => {
      it('ok: no finding', () => assert.deepEqual(run(c.check, ctx()), []));

      it('not ok: exactly one error with its fields, expected and actual', () => {
        const got = run(c.check, ctx(c.notOk));
        assert.deepEqual(brief(got), [{ rule: c.check.id, severity: 'error', ...c.expected }]);
        assert.match(got[0]!.message, new RegExp(`${c.expected.expected}.*${c.expected.actual}`), 'the message gives expected and actual');
        assert.ok(got[0]!.place, 'the finding points at the cell of the stated total');
      });

      it('a null term: one info finding naming it, never an error', () => {
        const got = run(c.check, ctx({ ...c.notOk, [c.nullTerm]: null }));
        const errorsElsewhere = run(c.check, ctx(c.notOk)).length;
        assert.equal(got.filter((f) => f.severity === 'info').length, 1);
        assert.ok(got.find((f) => f.severity === 'info')!.fields.includes(c.nullTerm));
        // The skipped equation is the one that held the null; others are still checked.
        assert.ok(got.filter((f) => f.severity === 'error').length <= errorsElsewhere);
        for (const f of got.filter((x) => x.severity === 'error')) assert.ok(!f.fields.includes(c.nullTerm), 'no error over a null term');
      });

      it('does not run when its table was not found', () => {
        const c2 = ctx(c.notOk);
        c2.tablesFound = { active: true, apps: !c.check.id.startsWith('apps.'), review: c.check.id.startsWith('apps.') };
        assert.deepEqual(run(c.check, c2), []);
      });
    });
  }

  it('a null in the total column skips only that column (apps.balance: 自然人 still checked)', () => {
    const got = run(appsBalance, ctx({ 'apps.carried_out.natural': 100, 'apps.carried_out.total': null }));
    assert.deepEqual(
      got.map((f) => [f.severity, f.fields.length]),
      [
        ['error', 4],
        ['info', 1],
      ],
    );
  });
});

describe('checks: value rules', () => {
  it('value.not_numeric ok: numbers and blanks give nothing', () => assert.deepEqual(run(valueNotNumeric, ctx({ 'apps.new.research': null })), []));

  it('value.not_numeric not ok: the cell text, its field and its place', () => {
    const got = run(valueNotNumeric, ctx({ 'apps.denied.third_party.natural': null }, { 'apps.denied.third_party.natural': { raw: '六件', kind: 'invalid', row: 12, col: 3 } }));
    assert.deepEqual(brief(got), [{ rule: 'value.not_numeric', severity: 'error', fields: ['apps.denied.third_party.natural'], expected: undefined, actual: '六件' }]);
    assert.deepEqual(got[0]!.place, { table: 1, row: 12, col: 3 });
  });

  it('value.negative ok: counts at 0 or above', () => assert.deepEqual(run(valueNegative, ctx()), []));

  it('value.negative not ok: a count below 0', () => {
    assert.deepEqual(brief(run(valueNegative, ctx({ 'active.penalty.decisions': -3985758 }))), [
      { rule: 'value.negative', severity: 'error', fields: ['active.penalty.decisions'], expected: '>= 0', actual: -3985758 },
    ]);
  });

  it('value.negative: signed 本年增/减 (2019 *.change) may be below 0', () => {
    assert.deepEqual(run(valueNegative, ctx({ 'active.licensing.change': -8, 'active.fees.change': -3 }, {}, '2019')), []);
    assert.deepEqual(brief(run(valueNegative, ctx({ 'active.licensing.prev_items': -8 }, {}, '2019'))).map((f) => f.fields), [['active.licensing.prev_items']]);
  });

  it('value.blank: one info per table listing the blank cells; none when nothing is blank', () => {
    assert.deepEqual(run(valueBlank, ctx()), []);
    const got = run(valueBlank, ctx({ 'apps.new.research': null, 'apps.new.nonprofit': null, 'review.other': null }));
    assert.deepEqual(brief(got), [
      { rule: 'value.blank', severity: 'info', fields: ['apps.new.research', 'apps.new.nonprofit'], expected: undefined, actual: undefined },
      { rule: 'value.blank', severity: 'info', fields: ['review.other'], expected: undefined, actual: undefined },
    ]);
  });
});

describe('checks: table.missing and format.hybrid', () => {
  it('table.missing ok: all three tables found', () => assert.deepEqual(run(tableMissing, ctx()), []));

  it('table.missing not ok: one error per missing table', () => {
    const c = ctx();
    c.tablesFound = { active: true, apps: false, review: false };
    const got = run(tableMissing, c);
    assert.deepEqual(
      got.map((f) => [f.rule, f.severity]),
      [
        ['table.missing', 'error'],
        ['table.missing', 'error'],
      ],
    );
    assert.match(got[0]!.message, /三/);
    assert.match(got[1]!.message, /四/);
  });

  it('format.hybrid ok: one version throughout', () => assert.deepEqual(run(formatHybrid, ctx()), []));

  it('format.hybrid not ok: 2021 table 二 with 2019 table 三 → one info', () => {
    const c = ctx();
    c.shape = { active: '2021', apps: '2019', otherDocs: false };
    assert.deepEqual(brief(run(formatHybrid, c)), [{ rule: 'format.hybrid', severity: 'info', fields: [], expected: '2021', actual: '2019' }]);
  });
});
