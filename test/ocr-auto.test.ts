// `--ocr auto` on a PDF whose narrative is text but whose tables are
// pictures (fixtures/ocr/hongze-qu-2024-pictures-printed.pdf: Chromium's
// print of the pictures page made from hongze-qu-2024, see
// fixtures/ocr/make.sh; and LibreOffice Writer's export of the same page's
// DOCX): the pictures are read for the tables, the text
// layer for the narrative; a text PDF with text tables is never OCR'd.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tableSized } from '../src/extractors/raster/pdf-pictures.js';
import { extractReport } from '../src/pipeline.js';
import type { Report } from '../src/types.js';

const fixture = (p: string): string => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const PRINTED = fixture('ocr/hongze-qu-2024-pictures-printed.pdf');
const TEXT = fixture('pdf/real/hongze-qu-2024.pdf');
const EXPECTED = JSON.parse(readFileSync(fixture('pdf/real/hongze-qu-2024.expected.json'), 'utf8')) as { fields: Record<string, number>; meta: { year: number } };
const LONG = { timeoutMs: 900_000 };

const ocrPages = (r: Report): number[] => r.findings.filter((f) => f.rule === 'ocr.page').map((f) => f.place!.page!).sort();

describe('--ocr auto: table pictures on pages with a text layer', function () {
  this.timeout(900_000);
  let text: Report;
  let printed: Report;
  before(async () => {
    text = await extractReport(TEXT);
    printed = await extractReport(PRINTED, LONG);
  });

  it('the printed pictures page gives the text form\'s table fields, every one read by OCR with a confidence', () => {
    assert.equal(printed.status, 'ok');
    for (const [id, v] of Object.entries(EXPECTED.fields)) assert.equal(printed.fields[id], v, id);
    const differ = Object.keys(text.fields).filter((id) => text.fields[id] !== printed.fields[id]);
    assert.deepEqual(differ.map((id) => `${id}: ${text.fields[id]} → ${printed.fields[id]}`), []);
    assert.equal(Object.keys(printed.fields).length, Object.keys(text.fields).length);
    const prov = Object.values(printed.provenance);
    assert.ok(prov.length >= 180);
    assert.ok(prov.every((p) => p.ocr === true && typeof p.confidence === 'number' && p.page !== undefined && p.bbox !== undefined));
    // The same arithmetic and narrative findings as the text form, nothing blamed on the report that it lacks.
    const rules = (r: Report): string[] => r.findings.filter((f) => !f.rule.startsWith('ocr.')).map((f) => f.rule).sort();
    assert.deepEqual(rules(printed), rules(text));
  });

  it('the narrative and meta come from the text layer', () => {
    assert.equal(printed.meta.agency, text.meta.agency);
    assert.equal(printed.meta.agency, '淮安市洪泽区人民政府');
    assert.equal(printed.meta.year, EXPECTED.meta.year);
    assert.equal(printed.meta.title, text.meta.title);
    // text.mismatch reads the narrative's 受理…申请17件 (text layer) against table 三's 95 (OCR).
    assert.ok(printed.findings.some((f) => f.rule === 'text.mismatch' && f.message.includes('17件')));
  });

  it('only the pages whose pictures stand in for tables are read by OCR (page 1 is narrative only)', () => {
    assert.deepEqual(ocrPages(printed), [2, 3, 4]);
    const byText = printed.findings.filter((f) => f.rule === 'ocr.page' && /narrative is the text layer's/.test(f.message)).map((f) => f.place!.page);
    assert.deepEqual(byText.sort(), [2, 4]);
  });

  it('the DOCX with picture tables exported by LibreOffice Writer reads the same', async () => {
    const writer = await extractReport(fixture('ocr/hongze-qu-2024-pictures-docx-writer.pdf'), LONG);
    assert.equal(writer.status, 'ok');
    for (const [id, v] of Object.entries(EXPECTED.fields)) assert.equal(writer.fields[id], v, id);
    assert.deepEqual(Object.keys(text.fields).filter((id) => text.fields[id] !== writer.fields[id]), []);
    assert.ok(Object.values(writer.provenance).every((p) => p.ocr === true && typeof p.confidence === 'number'));
    assert.equal(writer.meta.agency, text.meta.agency);
    assert.equal(writer.meta.year, 2024);
    assert.deepEqual(ocrPages(writer), [2, 3, 4]);
  });

  it('a text PDF whose text gives the tables is not OCR\'d', () => {
    assert.equal(text.status, 'ok');
    assert.deepEqual(ocrPages(text), []);
    assert.ok(Object.values(text.provenance).every((p) => p.ocr !== true));
  });

  it('--ocr off keeps today\'s reading and points to --ocr auto where pictures stand in for the tables', async () => {
    const off = await extractReport(PRINTED, { ocr: 'off' });
    assert.deepEqual(ocrPages(off), []);
    assert.ok(Object.values(off.provenance).every((p) => p.ocr !== true));
    assert.ok(off.findings.some((f) => f.rule === 'table.missing'));
    const image = off.findings.find((f) => f.rule === 'table.image');
    assert.ok(image, 'table.image');
    assert.match(image.message, /page\(s\) 2, 3, 4 hold 5 picture\(s\).*--ocr auto/);
    assert.equal(off.meta.agency, '淮安市洪泽区人民政府');
  });
});

describe('which PDF pictures can hold a table', () => {
  const a4 = { width: 595, height: 842 };
  it('table pictures of the printed page are, seals, logos and thin banners are not', () => {
    // Table 四 as Chromium printed it on a Letter page: 926 × 315 px at 122 dpi (page 4 of fixtures/ocr/hongze-qu-2024-pictures-printed.pdf).
    assert.equal(tableSized({ box: { x0: 32.5, y0: 330.5, x1: 580.1, y1: 516.8 }, px: 926, py: 315 }, { width: 612, height: 792 }), true);
    // A 4 cm round seal at 300 dpi: too narrow.
    assert.equal(tableSized({ box: { x0: 400, y0: 600, x1: 513, y1: 713 }, px: 472, py: 472 }, a4), false);
    // A banner across the page but 30 pt high; a full-width picture of 200 × 80 px (an icon stretched).
    assert.equal(tableSized({ box: { x0: 0, y0: 0, x1: 595, y1: 30 }, px: 2480, py: 125 }, a4), false);
    assert.equal(tableSized({ box: { x0: 30, y0: 100, x1: 565, y1: 300 }, px: 200, py: 80 }, a4), false);
  });
});
