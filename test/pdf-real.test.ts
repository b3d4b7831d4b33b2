// The three real PDF reports (written by WPS) of shared/corpus/real, copied
// into fixtures/pdf/real/: raw cells first, then the fields end to end.
// Reference values: shared/corpus/README.md, checked by hand there.
import assert from 'node:assert/strict';
import { pdfExtractor } from '../src/extractors/pdf/index.js';
import { extractReport } from '../src/pipeline.js';
import type { RawDocument, RawTable, Report } from '../src/types.js';
import { readFileSync } from 'node:fs';
import { assertFindings, type Expected } from './fixture-harness.js';
import { fixture, PDF_FIXTURES, row, rowTexts, values } from './pdf-helpers.js';

const FILES = ['hongze-qu-2023', 'hongze-qu-2024', 'huaian-shi-2024'] as const;
type Name = (typeof FILES)[number];

const docs = new Map<Name, RawDocument>();
const reports = new Map<Name, Report>();

function doc(name: Name): RawDocument {
  return docs.get(name)!;
}
/** The table holding a cell with `text`. */
function tableWith(name: Name, text: string): RawTable {
  const t = doc(name).tables.find((x) => x.cells.some((c) => c.text.includes(text)));
  assert.ok(t, `${name}: no table with ${text}`);
  return t;
}

/** Every slot of the nRows × nCols grid is covered by exactly one cell. */
function assertTiles(t: RawTable): void {
  const seen = Array.from({ length: t.nRows }, () => new Array<number>(t.nCols).fill(0));
  for (const c of t.cells) for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) seen[r]![k]!++;
  seen.forEach((line, r) => line.forEach((n, k) => assert.equal(n, 1, `table ${t.index} slot (${r},${k}) covered ${n} times`)));
}

describe('pdf extractor on the real reports (fixtures/pdf/real)', function () {
  this.timeout(120_000);
  before(async () => {
    for (const name of FILES) {
      const buffer = fixture(`real/${name}.pdf`);
      const r = await pdfExtractor.extract({ path: name, buffer });
      assert.deepEqual(r.findings, [], `${name}: extraction findings`);
      docs.set(name, r.value);
      reports.set(name, await extractReport(PDF_FIXTURES + `real/${name}.pdf`));
    }
  });

  it('finds the three statistical tables of each report, each a complete grid', () => {
    for (const name of FILES) {
      const d = doc(name);
      assert.equal(d.tables.length, 3, name);
      d.tables.forEach(assertTiles);
      assert.ok(d.tables.every((t) => t.cells.every((c) => c.prov.page !== undefined && c.prov.bbox !== undefined)), `${name}: provenance`);
    }
  });

  it('hongze-qu-2023: table 三 joined across pages 3→4 keeps 没有现成信息需要另行制作 = 3 from the bottom of page 3', () => {
    const t = tableWith('hongze-qu-2023', '自然人');
    assert.deepEqual(t.pages, [3, 4]);
    assert.equal(t.nRows, 26);
    assert.equal(t.nCols, 10);
    assert.deepEqual(values(t, '没有现成信息需要另行制作', 7), ['3', '0', '0', '0', '0', '0', '3']);
    const total = row(t, t.cells.find((c) => c.text.includes('没有现成信息'))!.row).at(-1)!;
    assert.equal(total.prov.page, 3);
    assert.ok(total.prov.bbox![3] > 760, `bottom of page 3, bbox ${total.prov.bbox}`);
    assert.deepEqual(values(t, '补正后申请内容仍不明确', 7), ['0', '0', '0', '0', '0', '0', '0']);
    assert.equal(tableWith('hongze-qu-2023', '补正后').cells.find((c) => c.text.includes('补正后'))!.prov.page, 4);
  });

  it('hongze-qu-2023: row-spanning labels cut by the page break continue (rowSpan), vertical-font label read whole', () => {
    const t = tableWith('hongze-qu-2023', '自然人');
    const result = t.cells.find((c) => c.text === '三、本年度办理结果');
    assert.ok(result, 'vertical-font label 三、本年度办理结果 (pdfjs textContent keeps only 三、本年)');
    assert.equal(result.rowSpan, 20);
    const unable = t.cells.find((c) => c.text === '（四）无法提供')!;
    assert.equal(unable.rowSpan, 3);
    assert.equal(t.cells.filter((c) => c.text === '申请人情况').length, 1);
  });

  it('hongze-qu-2023: table 四 行政复议 10,1,0,0,0 and 复议后起诉 5,0,0,0,0, verbatim', () => {
    const t = tableWith('hongze-qu-2023', '行政复议');
    assert.deepEqual(row(t, t.nRows - 1).map((c) => c.text), ['10', '1', '0', '0', '0', '0', '0', '0', '0', '0', '5', '0', '0', '0', '0']);
  });

  it('huaian-shi-2024: 本年新收 3001 53 0 0 61 4 3119; （四）无|法提供 rejoined across pages 4→5', () => {
    const t = tableWith('huaian-shi-2024', '自然人');
    assert.deepEqual(t.pages, [4, 5]);
    assert.deepEqual(values(t, '本年新收', 7), ['3001', '53', '0', '0', '61', '4', '3119']);
    const unable = t.cells.find((c) => c.text === '（四）无法提供');
    assert.ok(unable, 'label cut by the page break is continued');
    assert.equal(unable.rowSpan, 3);
    assert.deepEqual(values(t, '3、其他', 7), ['108', '2', '0', '0', '0', '0', '110']);
    // Printed one character per line in a row-spanning cell: joined into one label.
    assert.equal(t.cells.find((c) => c.col === 0 && c.rowSpan > 20)?.text, '三、本年度办理结果');
    assert.equal(t.nRows, 28);
  });

  it('hongze-qu-2024: empty cells stay empty cells; table 四 1/1/0/0/2, 1/0/0/0/1, 2/0/1/0/3', () => {
    const t = tableWith('hongze-qu-2024', '自然人');
    assert.deepEqual(rowTexts(t, '（六）其他处理'), ['（六）其他处理', '', '0', '0', '0', '0', '0', '0', '0']);
    const four = tableWith('hongze-qu-2024', '行政复议');
    assert.deepEqual(row(four, four.nRows - 1).map((c) => c.text), ['1', '1', '0', '0', '2', '1', '0', '0', '0', '1', '2', '0', '1', '0', '3']);
  });

  it('keeps page footers ("- 3 -") out of tables and out of the narrative; finds the title', () => {
    for (const name of FILES) {
      const d = doc(name);
      assert.ok(!d.tables.some((t) => t.cells.some((c) => /^\s*-\s*\d+\s*-\s*$/.test(c.text))), name);
      assert.ok(!/^\s*-\s*\d+\s*-\s*$/m.test(d.text), `${name}: footer in text`);
      assert.match(d.title ?? '', /^.+人民政府20\d\d年政府信息公开工作年度报告$/);
      assert.ok(!d.text.includes('本年新收政府信息公开申请数量'), `${name}: table cells leaked into the narrative`);
    }
    assert.match(doc('hongze-qu-2023').text, /2023年全区受理政府信息公开申请21件/);
  });

  it('end to end: hongze-qu-2023 gets exactly two errors, review.total and litigation_after_review.total', () => {
    const r = reports.get('hongze-qu-2023')!;
    const errors = r.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.expected, f.actual]);
    assert.deepEqual(errors.sort(), [['litigation_after_review.total', 5, 0], ['review.total', 11, 0]]);
    assert.equal(r.fields['apps.new.total'], 21);
    assert.equal(r.fields['apps.unable.not_held.total'], 10);
    assert.equal(r.fields['apps.unable.needs_creation.total'], 3);
    assert.equal(r.provenance['apps.unable.needs_creation.total']?.page, 3);
    assert.equal(r.fields['apps.result_total.total'], 21);
    assert.equal(r.fields['review.upheld'], 10);
    assert.equal(r.fields['review.corrected'], 1);
    assert.equal(r.fields['review.total'], 0);
    assert.equal(r.fields['litigation_after_review.upheld'], 5);
    assert.equal(r.fields['litigation_after_review.total'], 0);
    assert.equal(r.fields['active.fees.amount_10k_yuan'], 7730.28);
  });

  it('end to end: hongze-qu-2024 and huaian-shi-2024 reconcile with no error, values carry pages', () => {
    const h = reports.get('hongze-qu-2024')!;
    assert.deepEqual(h.findings.filter((f) => f.severity === 'error'), []);
    const pick = (r: Report, ids: string[]): (number | null | undefined)[] => ids.map((id) => r.fields[id]);
    const five = (p: string): string[] => ['upheld', 'corrected', 'other', 'pending', 'total'].map((k) => `${p}.${k}`);
    assert.equal(h.fields['apps.new.total'], 95);
    assert.equal(h.fields['apps.result_total.total'], 95);
    assert.deepEqual(pick(h, five('review')), [1, 1, 0, 0, 2]);
    assert.deepEqual(pick(h, five('litigation_direct')), [1, 0, 0, 0, 1]);
    assert.deepEqual(pick(h, five('litigation_after_review')), [2, 0, 1, 0, 3]);
    assert.equal(h.fields['active.licensing.decisions'], 9487);
    const a = reports.get('huaian-shi-2024')!;
    assert.deepEqual(a.findings.filter((f) => f.severity === 'error'), []);
    assert.deepEqual(pick(a, ['apps.new.total', 'apps.carried_in.total', 'apps.result_total.total', 'apps.carried_out.total', 'apps.new.natural']), [3119, 34, 3050, 103, 3001]);
    assert.deepEqual(pick(a, ['apps.other.no_correction.total', 'apps.other.unpaid_fee.total', 'apps.other.misc.total']), [71, 6, 110]);
    assert.deepEqual(pick(a, five('review')), [72, 64, 178, 37, 351]);
    assert.deepEqual(pick(a, five('litigation_direct')), [13, 4, 8, 1, 26]);
    assert.deepEqual(pick(a, five('litigation_after_review')), [12, 1, 1, 6, 20]);
    assert.equal(a.fields['active.penalty.decisions'], 3985758);
    assert.equal(a.fields['active.fees.amount_10k_yuan'], 96171.6);
    for (const r of [h, a, reports.get('hongze-qu-2023')!]) {
      const prov = Object.entries(r.provenance).filter(([id]) => r.fields[id] !== null);
      assert.ok(prov.length > 150 && prov.every(([, p]) => typeof p.page === 'number' && p.page >= 1), 'every value has a page');
    }
  });

  it('each report matches the hand-checked expected JSON beside it (fixtures/pdf/real/*.expected.json)', () => {
    for (const name of FILES) {
      const e = JSON.parse(readFileSync(PDF_FIXTURES + `real/${name}.expected.json`, 'utf8')) as Expected;
      const r = reports.get(name)!;
      assert.equal(r.status, e.status, name);
      assert.equal(r.meta.format_version, e.format_version, name);
      assert.equal(r.meta.year, e.meta?.year, name);
      assert.deepEqual(r.tables_found, e.tables_found, name);
      for (const [id, v] of Object.entries(e.fields ?? {})) assert.equal(r.fields[id], v, `${name} ${id}`);
      assertFindings(r.findings, e.errors, 'error');
      assertFindings(r.findings, e.warnings, 'warning');
    }
  });
});
