// Two template tables on one page (fixtures/ocr-mixed, made by
// fixtures/ocr-mixed/make.sh from the real reports): a scan whose tables 三
// and 四 touch (one frame of rules), and a text PDF whose page holds table 三
// as text and table 四 as a picture under it (`--ocr auto` reads the picture
// only; the text table stays the text's), and the HTML page it was printed
// from (table 四 a picture beside the markup's tables).
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { tablesLacking } from '../src/template.js';
import { overTable } from '../src/extractors/raster/pdf-pictures.js';
import { extractReport } from '../src/pipeline.js';
import type { Report } from '../src/types.js';

const fixture = (p: string): string => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const LONG = { timeoutMs: 900_000 };
const TABLE_34 = (id: string): boolean => /^(apps|review|litigation_)/.test(id);
const TABLE_4 = (id: string): boolean => /^(review|litigation_)/.test(id);

const differences = (a: Report, b: Report, only: (id: string) => boolean): string[] =>
  Object.keys(a.fields)
    .filter((id) => only(id) && a.fields[id] !== b.fields[id])
    .map((id) => `${id}: ${a.fields[id]} → ${b.fields[id]} (read ${JSON.stringify(b.provenance[id]?.raw)})`);
const ocrPages = (r: Report): number[] => r.findings.filter((f) => f.rule === 'ocr.page').map((f) => f.place!.page!).sort();

describe('two template tables on one scanned page, touching (fixtures/ocr-mixed)', function () {
  this.timeout(900_000);
  let text: Report;
  let scan: Report;
  before(async () => {
    text = await extractReport(fixture('pdf/real/hongze-qu-2023.pdf'));
    scan = await extractReport(fixture('ocr-mixed/hongze-qu-2023-p3-4-tables-touching.pdf'), LONG);
  });

  it('page 2 (table 三\'s end and table 四 in one frame) gives the text form\'s tables 三 and 四, every value OCR with a confidence', () => {
    assert.equal(scan.status, 'ok');
    assert.deepEqual(differences(text, scan, TABLE_34), []);
    // What a person reads on the page: （七）总计 21, 结转下年度 0; table 四's 行政复议 结果维持 10, 结果纠正 1, 总计 0; 复议后起诉 结果维持 5.
    assert.equal(scan.fields['apps.result_total.total'], 21);
    assert.equal(scan.fields['apps.carried_out.total'], 0);
    assert.equal(scan.fields['review.upheld'], 10);
    assert.equal(scan.fields['review.corrected'], 1);
    assert.equal(scan.fields['review.total'], 0);
    assert.equal(scan.fields['litigation_after_review.upheld'], 5);
    const prov = Object.entries(scan.provenance).filter(([id]) => scan.fields[id] !== null).map(([, p]) => p);
    assert.ok(prov.length >= 150);
    assert.ok(prov.every((p) => p.ocr === true && typeof p.confidence === 'number'));
    assert.deepEqual(ocrPages(scan), [1, 2]);
  });

  it('the report\'s two source errors are found on the scan, and no other arithmetic error', () => {
    const errors = (r: Report): string[] => r.findings.filter((f) => f.severity === 'error').map((f) => f.rule).sort();
    assert.deepEqual(errors(scan), ['litigation_after_review.total', 'review.total']);
    assert.deepEqual(errors(scan), errors(text));
    assert.equal(scan.findings.some((f) => f.rule === 'ocr.uncertain'), false);
  });
});

describe('--ocr auto: a text table and a picture of the next table on one page (fixtures/ocr-mixed)', function () {
  this.timeout(900_000);
  let text: Report;
  let mixed: Report;
  const MIXED = fixture('ocr-mixed/shanghai-bangongting-2019-table4-picture.pdf');
  before(async () => {
    text = await extractReport(fixture('html/shanghai-bangongting-2019.html'));
    mixed = await extractReport(MIXED, LONG);
  });

  it('table 四, a picture under the text table 三 on page 3, is read by OCR: the HTML form\'s values, flagged', () => {
    assert.equal(mixed.status, 'ok');
    // The picture's row: 行政复议 5 · · 2 7, 未经复议直接起诉 8 · · 1 9, 复议后起诉 blank; blanks stay null.
    const read = { 'review.upheld': 5, 'review.corrected': null, 'review.other': null, 'review.pending': 2, 'review.total': 7, 'litigation_direct.upheld': 8, 'litigation_direct.pending': 1, 'litigation_direct.total': 9, 'litigation_after_review.total': null };
    for (const [id, v] of Object.entries(read)) assert.equal(mixed.fields[id], v, id);
    for (const id of Object.keys(mixed.fields).filter((id) => TABLE_4(id) && mixed.fields[id] !== null)) {
      const p = mixed.provenance[id]!;
      assert.equal(p.ocr, true, id);
      assert.ok(typeof p.confidence === 'number' && p.page === 3 && p.bbox !== undefined, id);
    }
    assert.deepEqual(differences(text, mixed, () => true), []);
    assert.equal(Object.keys(mixed.fields).length, Object.keys(text.fields).length);
  });

  it('the text layer\'s tables 二 and 三 are not read again by OCR, and page 3 is the only page OCR looked at', () => {
    const notOcr = Object.entries(mixed.provenance).filter(([id]) => !TABLE_4(id));
    assert.ok(notOcr.length >= 100);
    assert.deepEqual(notOcr.filter(([, p]) => p.ocr === true).map(([id]) => id), []);
    assert.equal(mixed.fields['apps.new.natural'], 821);
    assert.equal(mixed.fields['apps.new.total'], 859);
    assert.deepEqual(ocrPages(mixed), [3]);
    const page = mixed.findings.find((f) => f.rule === 'ocr.page')!;
    assert.match(page.message, /lacks the template's table\(s\) 四.*1 table-sized picture.*so are its 1 text table\(s\), which OCR did not read/);
    // The narrative is the text layer's: text.mismatch reads 均获维持 against table 四's (OCR) cells as for the HTML.
    const mismatches = (r: Report): string[] => r.findings.filter((f) => f.rule === 'text.mismatch').map((f) => f.message).sort();
    assert.deepEqual(mismatches(mixed), mismatches(text));
  });

  it('the same page as HTML (table 四 a picture beside the markup\'s tables 二 and 三): the picture is read, the markup\'s tables and narrative stay', async () => {
    const html = await extractReport(fixture('ocr-mixed/shanghai-bangongting-2019-table4-picture/index.html'), LONG);
    assert.equal(html.status, 'ok');
    assert.deepEqual(differences(text, html, () => true), []);
    assert.equal(html.fields['review.total'], 7);
    assert.equal(html.fields['litigation_direct.upheld'], 8);
    for (const [id, p] of Object.entries(html.provenance)) assert.equal(p.ocr === true, TABLE_4(id), id);
    assert.equal(html.findings.filter((f) => f.rule === 'ocr.page').length, 1);
    assert.equal(html.meta.title, text.meta.title);
    const mismatches = (r: Report): string[] => r.findings.filter((f) => f.rule === 'text.mismatch').map((f) => f.message).sort();
    assert.deepEqual(mismatches(html), mismatches(text));
  });

  it('the picture saved in 16 colours: an empty cell whose only ink is the border\'s dots stays blank (raster/stray.ts; they read "5" at 0.14 before)', async () => {
    const html = await extractReport(fixture('ocr-mixed/shanghai-bangongting-2019-table4-picture-16-colours/index.html'), LONG);
    // The picture's 行政复议 row: 结果维持 5, 结果纠正 and 其他结果 empty, 尚未审结 2, 总计 7.
    assert.equal(html.fields['review.upheld'], 5);
    assert.equal(html.fields['review.other'], null);
    assert.equal(html.fields['review.pending'], 2);
    assert.equal(html.fields['review.total'], 7);
    assert.equal(html.provenance['review.other']?.raw ?? '', '');
    assert.deepEqual(differences(text, html, (id) => id !== 'review.other'), []);
  });

  it('--ocr off: table 四 is missing and table.image names page 3 and the table', async () => {
    const off = await extractReport(MIXED, { ocr: 'off' });
    assert.deepEqual(ocrPages(off), []);
    assert.equal(off.fields['review.upheld'] ?? null, null);
    const image = off.findings.find((f) => f.rule === 'table.image');
    assert.ok(image, 'table.image');
    assert.match(image.message, /lacks the template's table\(s\) 四, but page\(s\) 3 hold 1 picture\(s\).*--ocr auto/);
    assert.equal(off.fields['apps.new.natural'], 821);
  });
});

describe('which tables a text lacks, and which pictures are clear of its tables', () => {
  it('tables are told by their cell words in either template version', () => {
    assert.deepEqual(tablesLacking(['第二十条第（一）项', '自然人', '行政复议']), []);
    assert.deepEqual(tablesLacking(['信息内容', '本年新收政府信息公开申请数量']), ['review']);
    assert.deepEqual(tablesLacking(['结果维持']), ['active', 'apps']);
    assert.deepEqual(tablesLacking([]), ['active', 'apps', 'review']);
  });

  it('a picture under or over a text table is not read; one below it is', () => {
    const page = { tables: [{ bbox: { x0: 60, y0: 28, x1: 540, y1: 406 } }] } as never;
    // Table 四 as printed under table 三 (page 3 of the fixture): clear of it.
    assert.equal(overTable({ box: { x0: 125, y0: 444, x1: 470, y1: 531 }, px: 690, py: 174 }, page), false);
    // A scan under its own text layer (a scanned PDF with an OCR layer), and a picture touching the table's edge by a point.
    assert.equal(overTable({ box: { x0: 0, y0: 0, x1: 595, y1: 842 }, px: 2480, py: 3508 }, page), true);
    assert.equal(overTable({ box: { x0: 60, y0: 405, x1: 540, y1: 500 }, px: 1000, py: 200 }, page), false);
  });
});
