// Browser prints scanned 1-bit (fixtures/ocr/*-1bit-*, made by
// fixtures/ocr/make-prints.sh from the Chromium prints of the HTML
// fixtures): Chromium's thin serif digits and its light grey bevelled
// borders, which a 1-bit scan dithers into dots. The values asserted are
// those printed on the page.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { despeckle, eraseDots, findRules } from '../src/extractors/raster/rules.js';
import { gray, type Gray } from '../src/ocr/image.js';
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

describe('rules of a 1-bit scan\'s dots (raster/rules.ts)', () => {
  const DPI = 200;
  const page = (): Gray => gray(600, 400);
  const ink = (g: Gray, x: number, y: number): void => {
    g.data[y * g.width + x] = 0;
  };
  const found = (g: Gray): { axis: string; at: number; from: number; to: number }[] =>
    findRules(despeckle(g), DPI, g).map((r) => ({ axis: r.axis, at: r.a0, from: r.b0, to: r.b1 }));

  it('huaian-2024-error-apps-balance page 2 at 200 dpi: a serif 2 alone in its cell, read N centred, is read 2 with tight margins', async () => {
    const s = await extractReport(OCR + 'huaian-2024-error-apps-balance-p2-1bit-200dpi.pdf', LONG);
    // Table 三, row 1.属于国家秘密: 2 in 自然人 and in 总计.
    assert.deepEqual(pick(s, ['apps.denied.state_secret.natural', 'apps.denied.state_secret.total']), [2, 2]);
    assert.equal(s.findings.filter((f) => f.rule === 'ocr.uncertain').length, 0);
  });

  it('shanghai-2019-cell-variants page 3 at 200 dpi: a slash marking a blank cell, read I, stays blank', async () => {
    const s = await extractReport(OCR + 'shanghai-2019-cell-variants-p3-1bit-200dpi.pdf', LONG);
    // Table 三, row 一: ８２１ 35 / — 2 1 859件 (the source's full-width digits, slash, dash and unit).
    const cols = ['natural', 'commercial', 'research', 'nonprofit', 'legal_service', 'other_org', 'total'];
    assert.deepEqual(pick(s, cols.map((c) => `apps.new.${c}`)), [821, 35, null, null, 2, 1, 859]);
  });

  it('a row of lone dots every 2nd pixel over 1.5 in is a rule; despeckled alone it is nothing', () => {
    const g = page();
    for (let x = 100; x < 400; x += 2) ink(g, x, 200);
    assert.deepEqual(findRules(despeckle(g), DPI), []);
    assert.deepEqual(found(g), [{ axis: 'h', at: 200, from: 100, to: 398 }]);
  });

  it('the same dots over 0.5 in are too short for a rule, and a dithered grey block (dots every 4 px both ways) gives none', () => {
    const g = page();
    for (let x = 100; x < 200; x += 2) ink(g, x, 100);
    for (let y = 200; y < 380; y += 4) for (let x = 100 + (y % 8 === 0 ? 0 : 2); x < 500; x += 4) ink(g, x, y);
    assert.deepEqual(found(g), []);
  });

  it('erasing: dots within the strip of a rule go, a stroke reaching out of it stays whole', () => {
    const g = page();
    for (let x = 100; x < 400; x += 2) ink(g, x, 200);
    for (let x = 100; x < 400; x += 3) ink(g, x, 203); // the dither's second row, 3 px off the first
    for (let y = 202; y < 230; y++) ink(g, 250, y); // a stroke of a digit set 2 px under the border
    const out = eraseDots(g, findRules(despeckle(g), DPI, g), 4);
    let left = 0;
    for (let i = 0; i < out.data.length; i++) if (out.data[i]! < 128) left++;
    assert.equal(left, 28);
    for (let y = 202; y < 230; y++) assert.equal(out.data[y * out.width + 250], 0);
  });
});
