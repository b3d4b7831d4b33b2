// Browser prints scanned 1-bit (fixtures/ocr/*-1bit-*, made by
// fixtures/ocr/make-prints.sh from the Chromium prints of the HTML
// fixtures): Chromium's thin serif digits and its light grey bevelled
// borders, which a 1-bit scan dithers into dots. The values asserted are
// those printed on the page.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../src/pipeline.js';
import type { Report } from '../src/types.js';

const OCR = fileURLToPath(new URL('../../fixtures/ocr/', import.meta.url));
const LONG = { timeoutMs: 900_000 };

const pick = (r: Report, ids: string[]): (number | string | null | undefined)[] => ids.map((id) => r.fields[id]);

describe('browser prints scanned 1-bit (fixtures/ocr, make-prints.sh)', function () {
  this.timeout(900_000);

  it('shanghai-2019-govpage page 3 at 200 dpi: rows divided only by a dotted grey border stay apart, lone serif 0s are read, blanks stay blank', async () => {
    const s = await extractReport(OCR + 'shanghai-2019-govpage-p3-1bit-200dpi.pdf', LONG);
    // Table 二: 行政许可 and 其他对外管理服务事项 (and 行政处罚, 行政强制) are each a row of three 0s.
    for (const row of ['licensing', 'other_services', 'penalty', 'coercion']) {
      assert.deepEqual(pick(s, [`active.${row}.prev_items`, `active.${row}.change`, `active.${row}.decisions`]), [0, 0, 0], row);
    }
    assert.deepEqual(pick(s, ['active.fees.prev_items', 'active.fees.change', 'active.procurement.items', 'active.procurement.amount_yuan']), [0, 0, 6, 251000]);
    // Table 三's first rows, under a header whose cells the dotted borders divide; 科研机构 and 社会公益组织 are empty.
    const cols = ['natural', 'commercial', 'research', 'nonprofit', 'legal_service', 'other_org'];
    assert.deepEqual(pick(s, cols.map((c) => `apps.new.${c}`)), [821, 35, null, null, 2, 1]);
    assert.deepEqual(pick(s, cols.map((c) => `apps.carried_in.${c}`)), [18, null, null, null, null, null]);
    assert.deepEqual(pick(s, cols.map((c) => `apps.granted.${c}`)), [258, 12, null, null, 1, 1]);
    for (const id of ['active.licensing.decisions', 'apps.new.natural']) assert.equal(s.provenance[id]?.ocr, true, id);
    // The 总计 column runs past the paper's edge, as in the print itself.
    assert.ok(s.findings.some((f) => f.rule === 'extract.clipped'));
    assert.deepEqual(s.findings.filter((f) => f.rule === 'ocr.uncertain' || f.rule === 'ocr.corrected'), []);
  });

  it('hongze-qu-2024-hybrid page 1 at 300 dpi: the table\'s frame, dithered into a band of dots, is found and erased', async () => {
    const s = await extractReport(OCR + 'hongze-qu-2024-hybrid-p1-1bit-300dpi.pdf', LONG);
    assert.equal(s.meta.title, '淮安市洪泽区人民政府2024年政府信息公开工作年度报告');
    assert.deepEqual(pick(s, ['active.regulations.issued', 'active.regulations.repealed', 'active.regulations.in_force']), [0, 0, 0]);
    assert.deepEqual(pick(s, ['active.normative.issued', 'active.normative.repealed', 'active.normative.in_force']), [3, 0, 8]);
    // Before, the frame's dots beside the cell read as 1s: 9487 came out 948711111111111200.
    assert.equal(s.fields['active.licensing.decisions'], 9487);
    assert.equal(s.fields['active.penalty.decisions'], 2776);
    assert.deepEqual(s.findings.filter((f) => f.rule === 'label.unmapped'), []);
  });
});
