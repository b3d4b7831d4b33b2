// 1-bit scans at 300 dpi (fixtures/ocr/huaian-shi-2024-template2021-p2-1bit-300dpi.pdf,
// made by fixtures/ocr/make-prints.sh from the Chromium print of the HTML
// fixture): a light grey border dithered into sparse dashes, and a 1-bit page
// read at 150 dpi once its rules are erased. The values asserted are those
// printed on the page.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { despeckle, findRules } from '../src/extractors/raster/rules.js';
import { gray, type Gray } from '../src/ocr/image.js';
import { extractReport } from '../src/pipeline.js';
import type { Report } from '../src/types.js';

const OCR = fileURLToPath(new URL('../../fixtures/ocr/', import.meta.url));
const LONG = { timeoutMs: 900_000 };

const pick = (r: Report, ids: string[]): (number | string | null | undefined)[] => ids.map((id) => r.fields[id]);
const COLS = ['natural', 'commercial', 'research', 'nonprofit', 'legal_service', 'other_org', 'total'];

describe('a print scanned 1-bit at 300 dpi (fixtures/ocr, make-prints.sh)', function () {
  this.timeout(900_000);

  it('huaian-shi-2024-template2021 page 2: the border of sparse dashes under 4.保护第三方合法权益 divides the rows, and every row of table 三 is read', async () => {
    const s = await extractReport(OCR + 'huaian-shi-2024-template2021-p2-1bit-300dpi.pdf', LONG);
    const row = (r: string): (number | string | null | undefined)[] => pick(s, COLS.map((c) => `apps.${r}.${c}`));
    assert.deepEqual(row('new'), [3001, 53, 0, 0, 61, 4, 3119]);
    assert.deepEqual(row('carried_in'), [34, 0, 0, 0, 0, 0, 34]);
    assert.deepEqual(row('granted'), [1288, 21, 0, 0, 50, 3, 1362]);
    assert.deepEqual(row('partial'), [447, 7, 0, 0, 0, 0, 454]);
    assert.deepEqual(row('denied.state_secret'), [2, 0, 0, 0, 0, 0, 2]);
    assert.deepEqual(row('denied.law_forbidden'), [30, 1, 0, 0, 0, 0, 31]);
    assert.deepEqual(row('denied.safety_stability'), [5, 0, 0, 0, 0, 0, 5]);
    // Before, this row's bottom border went unseen (7 fields null): the table's last row had no rule closing it.
    assert.deepEqual(row('denied.third_party'), [6, 0, 0, 0, 0, 0, 6]);
    assert.equal(s.fields['active.fees.amount_10k_yuan'], 96171.6);
    for (const id of ['apps.denied.third_party.natural', 'apps.new.total']) assert.equal(s.provenance[id]?.ocr, true, id);
    // One page of three: table 四 is on the next (table.missing); nothing else is an error.
    assert.deepEqual(s.findings.filter((f) => f.severity === 'error' && f.rule !== 'table.missing'), []);
  });
});

describe('sparse dotted rules of a 1-bit scan (raster/rules.ts)', () => {
  const DPI = 300;
  const page = (): Gray => gray(900, 600);
  const ink = (g: Gray, x: number, y: number): void => {
    g.data[y * g.width + x] = 0;
  };
  const found = (g: Gray): { axis: string; at: number; from: number; to: number }[] =>
    findRules(despeckle(g), DPI, g).map((r) => ({ axis: r.axis, at: r.a0, from: r.b0, to: r.b1 }));

  it('dashes of 3 px with gaps of 5 px over 2 in are a rule at 300 dpi', () => {
    const g = page();
    for (let x = 100; x < 700; x += 8) for (let k = 0; k < 3; k++) ink(g, x + k, 300);
    assert.deepEqual(found(g), [{ axis: 'h', at: 300, from: 100, to: 694 }]);
  });

  it('the same dashes along the edge of a dithered grey block (dots every 4 px both ways) are no rule', () => {
    const g = page();
    for (let x = 100; x < 700; x += 8) for (let k = 0; k < 3; k++) ink(g, x + k, 300);
    for (let y = 260; y < 296; y += 4) for (let x = 100 + (y % 8 === 0 ? 0 : 2); x < 700; x += 4) ink(g, x, y);
    assert.deepEqual(found(g), []);
  });
});
