// Every fixture under fixtures/{html,text,excerpts} through extractReport,
// compared with the expected JSON beside it (see fixture-harness.ts).
import assert from 'node:assert/strict';
import { fieldIds, versionFieldIds } from '../src/template.js';
import { extractReport } from '../src/pipeline.js';
import type { Report } from '../src/types.js';
import { assertFindings, GENERATE, listFixtures, readExpected, writeDraft, type Expected } from './fixture-harness.js';

function fieldSet(set: NonNullable<Expected['field_set']>): string[] {
  switch (set) {
    case '2019':
    case '2021':
      return versionFieldIds(set);
    case '2019+other_docs':
      return fieldIds({ active: '2019', apps: '2019', otherDocs: true });
    case 'hybrid':
      return fieldIds({ active: '2021', apps: '2019', otherDocs: false });
  }
}

describe('fixtures: every fixture through extractReport matches its expected JSON', () => {
  it('GKREPORT_GEN is off (drafts are written only on purpose, never in CI)', () => {
    assert.equal(GENERATE, false, 'GKREPORT_GEN=1 is set: it writes draft expected files; unset it before running the tests for real');
  });

  const fixtures = listFixtures();

  it('finds the fixtures, each with an expected JSON', () => {
    assert.ok(fixtures.length >= 48, `only ${fixtures.length} fixtures found`);
  });

  for (const f of fixtures) {
    describe(`${f.dir}/${f.name}`, () => {
      let report: Report;
      const expected: Expected | undefined = readExpected(f);
      before(async () => {
        report = await extractReport(f.path);
        if (!expected && GENERATE) writeDraft(f, report);
      });

      it('has a hand-checked expected JSON (not a draft)', () => {
        assert.ok(expected, `${f.expectedPath} is missing (GKREPORT_GEN=1 writes a draft to check by hand)`);
        assert.equal(expected.draft, undefined, `${f.expectedPath} is an unchecked draft`);
        assert.ok(expected.provenance.length > 10, 'says where the fixture came from');
      });

      it('status, template version and tables found', () => {
        assert.ok(expected);
        assert.equal(report.meta.format_version, expected.format_version, 'format_version');
        assert.equal(report.status, expected.status, 'status');
        if (expected.tables_found) assert.deepEqual(report.tables_found, expected.tables_found, 'tables_found');
      });

      if (expected?.meta) {
        const meta = expected.meta;
        it('meta read from the document', () => {
          for (const [k, v] of Object.entries(meta)) assert.equal(report.meta[k as 'agency'], v, `meta.${k}`);
        });
      }

      it('field values checked by hand (null where the document leaves the cell blank)', () => {
        assert.ok(expected);
        if (expected.field_set) assert.deepEqual(Object.keys(report.fields).sort(), fieldSet(expected.field_set).sort(), `fields are the ${expected.field_set} field set`);
        const wanted = expected.fields ?? {};
        const got = Object.fromEntries(Object.keys(wanted).map((k) => [k, k in report.fields ? report.fields[k] : 'absent']));
        assert.deepEqual(got, wanted);
        for (const [id, raw] of Object.entries(expected.raw ?? {})) assert.equal(report.provenance[id]?.raw, raw, `provenance raw of ${id}`);
      });

      it('exactly the expected errors and warnings, nothing else flagged', () => {
        assert.ok(expected);
        assertFindings(report.findings, expected.errors, 'error');
        assertFindings(report.findings, expected.warnings, 'warning');
        // Info findings are facts, not flags: the expected ones must be there (others may be added by new rules).
        const info = new Set(report.findings.filter((x) => x.severity === 'info').map((x) => x.rule));
        for (const rule of expected.info ?? []) assert.ok(info.has(rule), `info finding ${rule} missing; got ${[...info].join(', ')}`);
      });

      it('every value is a finite number with its provenance (raw cell text and place)', () => {
        for (const [id, v] of Object.entries(report.fields)) {
          if (v === null) continue;
          assert.ok(Number.isFinite(v), `${id} = ${v}`);
          const p = report.provenance[id];
          assert.ok(p && typeof p.raw === 'string' && p.raw.trim() !== '' && p.table !== undefined && p.row !== undefined && p.col !== undefined, `${id} has no provenance`);
        }
      });

      it('every finding names its rule, severity and a message; null terms are never errors of arithmetic rules', () => {
        for (const x of report.findings) {
          assert.ok(x.rule && x.severity && x.message.length > 10, JSON.stringify(x));
          if (x.severity === 'error' && x.expected !== undefined && typeof x.expected === 'number') {
            for (const id of x.fields) assert.notEqual(report.fields[id], null, `${x.rule} error uses null field ${id}`);
          }
        }
      });
    });
  }
});
