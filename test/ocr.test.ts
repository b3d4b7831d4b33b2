// OCR end to end on scans made from the real reports (fixtures/ocr, made by
// fixtures/ocr/make.sh from fixtures/pdf/real): each gives the fields its
// text form gives, every OCR value flagged with a confidence, and the
// text form's own arithmetic errors and no others.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { valueRows } from '../src/output/rows.js';
import { VALUE_COLUMNS } from '../src/output/columns.js';
import { extractReport } from '../src/pipeline.js';
import type { Report } from '../src/types.js';

const OCR = fileURLToPath(new URL('../../fixtures/ocr/', import.meta.url));
const REAL = fileURLToPath(new URL('../../fixtures/pdf/real/', import.meta.url));
const PRINTS = fileURLToPath(new URL('../../fixtures/forms/chromium/', import.meta.url));
const LONG = { timeoutMs: 900_000 };

const errors = (r: Report): string[] => r.findings.filter((f) => f.severity === 'error').map((f) => f.rule).sort();
const text = new Map<string, Report>();

async function textForm(name: string): Promise<Report> {
  if (!text.has(name)) text.set(name, await extractReport(REAL + name + '.pdf'));
  return text.get(name)!;
}

/** Fields where the scan differs from the text form (id: text → scan). */
function differences(a: Report, b: Report, only?: (id: string) => boolean): string[] {
  return Object.keys(a.fields)
    .filter((id) => (only ? only(id) : true) && a.fields[id] !== b.fields[id])
    .map((id) => `${id}: ${a.fields[id]} → ${b.fields[id]} (read ${JSON.stringify(b.provenance[id]?.raw)})`);
}

describe('OCR of scanned reports (fixtures/ocr)', function () {
  this.timeout(900_000);

  it('hongze-qu-2023 scanned 1-bit at 200 dpi: the text form\'s fields, every one flagged, and its two source errors', async () => {
    const [t, s] = [await textForm('hongze-qu-2023'), await extractReport(OCR + 'hongze-qu-2023-scan-1bit-200dpi.pdf', LONG)];
    assert.equal(s.status, 'ok');
    assert.deepEqual(differences(t, s), []);
    // The bold title (报 lost, 作 read 乍 in 1-bit) is read against the template's name after its year.
    assert.equal(s.meta.title, '洪泽区人民政府2023年政府信息公开工作年度报告');
    assert.equal(s.meta.title, t.meta.title);
    assert.equal(s.meta.year, 2023);
    assert.equal(s.meta.format_version, t.meta.format_version);
    // The values a person reads in the document (fixtures/pdf/real/hongze-qu-2023.expected.json).
    assert.equal(s.fields['apps.new.total'], 21);
    assert.equal(s.fields['apps.unable.needs_creation.total'], 3);
    assert.equal(s.fields['active.fees.amount_10k_yuan'], 7730.28);
    assert.equal(s.fields['review.upheld'], 10);
    assert.ok(Object.values(s.provenance).every((p) => p.ocr === true && typeof p.confidence === 'number' && p.page !== undefined && p.bbox !== undefined));
    // The report's own errors (行政复议 总计 0, 复议后起诉 总计 0), still blamed on the report.
    assert.deepEqual(errors(s), ['litigation_after_review.total', 'review.total']);
    assert.ok(s.findings.some((f) => f.rule === 'ocr.page' && f.place?.page === 3));
  });

  it('hongze-qu-2024 with page 3 scanned inside the text PDF: OCR reads that page only', async () => {
    const [t, s] = [await textForm('hongze-qu-2024'), await extractReport(OCR + 'hongze-qu-2024-one-scanned-page.pdf', LONG)];
    assert.equal(s.status, 'ok');
    assert.deepEqual(differences(t, s), []);
    assert.deepEqual(s.findings.filter((f) => f.rule === 'ocr.page').map((f) => f.place?.page), [3]);
    for (const [id, p] of Object.entries(s.provenance)) assert.equal(p.ocr === true, p.page === 3, `${id} on page ${p.page}`);
    assert.deepEqual(errors(s), errors(t));
  });

  it('huaian-shi-2024 as a 1-bit multi-page TIFF (150 dpi): the text form\'s fields', async () => {
    const [t, s] = [await textForm('huaian-shi-2024'), await extractReport(OCR + 'huaian-shi-2024-scan-150dpi.tif', LONG)];
    assert.equal(s.source.format, 'image');
    assert.equal(s.status, 'ok');
    assert.deepEqual(differences(t, s), []);
    assert.equal(s.fields['active.licensing.decisions'], 447228);
    assert.equal(s.fields['active.fees.amount_10k_yuan'], 96171.6);
    assert.deepEqual(errors(s), errors(t));
  });

  it('page 3 of hongze-qu-2023 photographed turned 0.8°, noisy, JPEG 50: skew measured, its fields as the text form\'s page 3', async () => {
    const [t, s] = [await textForm('hongze-qu-2023'), await extractReport(OCR + 'hongze-qu-2023-p3-skewed-noisy.jpg', LONG)];
    const ocr = s.findings.find((f) => f.rule === 'ocr.page')!;
    assert.match(ocr.message, /skew 0\.[789]\d?° corrected/);
    const onPage3 = (id: string): boolean => t.provenance[id]?.page === 3;
    assert.ok(Object.keys(t.fields).filter(onPage3).length > 100);
    assert.deepEqual(differences(t, s, onPage3), []);
    assert.deepEqual(s.findings.filter((f) => f.rule === 'value.not_numeric'), []);
  });

  it('pages 3-4 of hongze-qu-2023 scanned at 100 dpi, turned -0.5°, JPEG 50: tables 三 and 四 as the text form, and the report\'s two source errors', async () => {
    const [t, s] = [await textForm('hongze-qu-2023'), await extractReport(OCR + 'hongze-qu-2023-p3-4-100dpi-jpeg.pdf', LONG)];
    const skews = s.findings.filter((f) => f.rule === 'ocr.page').map((f) => Number(f.message.match(/skew (\S+)°/)?.[1]));
    assert.equal(skews.length, 2);
    assert.ok(skews.every((d) => Math.abs(d + 0.5) <= 0.06), `skew measured ${skews}`);
    const onTables = (id: string): boolean => /^(apps|review|litigation)/.test(id);
    assert.equal(Object.keys(t.fields).filter(onTables).length, 176);
    // Labels misread at this size (2.没方现成信息商妥另行制修, （一）子以公开) are read as the template's words.
    assert.deepEqual(differences(t, s, onTables), []);
    assert.equal(s.fields['apps.unable.needs_creation.total'], 3);
    assert.equal(s.fields['apps.result_total.total'], 21);
    assert.deepEqual(errors(s).filter((r) => r !== 'table.missing'), ['litigation_after_review.total', 'review.total']);
    assert.deepEqual(s.findings.filter((f) => /^ocr\.(uncertain|corrected)$/.test(f.rule) || f.rule === 'value.not_numeric' || f.rule === 'label.unmapped'), []);
  });

  it('values.csv carries ocr and confidence for OCR values', async () => {
    const s = await extractReport(OCR + 'hongze-qu-2023-p3-skewed-noisy.jpg', LONG);
    const rows = valueRows(s);
    const [iOcr, iConf] = [VALUE_COLUMNS.indexOf('ocr'), VALUE_COLUMNS.indexOf('confidence')];
    assert.deepEqual(VALUE_COLUMNS.slice(-2), ['ocr', 'confidence']);
    const total = rows.find((r) => r[3] === 'apps.new.total')!;
    assert.equal(total[4], 21);
    assert.equal(total[iOcr], 1);
    assert.ok(Number(total[iConf]) > 0.9 && Number(total[iConf]) <= 1);
    const t = valueRows(await textForm('hongze-qu-2023')).find((r) => r[3] === 'apps.new.total')!;
    assert.equal(t[iOcr], undefined);
  });

  it('--ocr off leaves scans as before: extract.no_text, failed', async () => {
    const pdf = await extractReport(OCR + 'hongze-qu-2023-scan-1bit-200dpi.pdf', { ocr: 'off' });
    assert.equal(pdf.status, 'failed');
    assert.match(pdf.findings.find((f) => f.rule === 'extract.no_text')!.message, /--ocr auto/);
    const img = await extractReport(OCR + 'hongze-qu-2023-p3-smudged.png', { ocr: 'off' });
    assert.equal(img.status, 'failed');
    assert.equal(img.source.format, 'image');
    assert.ok(img.findings.some((f) => f.rule === 'extract.no_text'));
    assert.equal(img.extractor.version.endsWith('+ocr-off'), true);
  });

  it('an image that is not one: extract.failed, no crash', async () => {
    const bad = Buffer.concat([readFileSync(OCR + 'hongze-qu-2023-p3-smudged.png').subarray(0, 64)]);
    const r = await extractReport({ path: 'broken.png', buffer: bad });
    assert.equal(r.status, 'failed');
    assert.ok(r.findings.some((f) => f.rule === 'extract.failed' || f.rule === 'extract.no_text'));
  });
});

describe('a browser print scanned (fixtures/forms/chromium, one page at 150 dpi made here by pdftoppm)', function () {
  this.timeout(900_000);
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gkreport-print-scan-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function scanned(page: number): Promise<Report> {
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-png', '-f', String(page), '-l', String(page), PRINTS + 'hongze-qu-2024-hybrid.pdf', join(dir, 'p')]);
    return extractReport(join(dir, `p-${page}.png`), LONG);
  }

  it('page 1: the bold title over two lines is the report\'s title (its large strokes are not rules to erase)', async () => {
    const s = await scanned(1);
    assert.equal(s.meta.title, '淮安市洪泽区人民政府2024年政府信息公开工作年度报告');
    assert.equal(s.meta.agency, '淮安市洪泽区人民政府');
    assert.equal(s.meta.year, 2024);
    assert.equal(s.fields['active.normative.in_force'], 8);
    assert.equal(s.fields['active.licensing.decisions'], 9487);
    assert.equal(s.fields['active.penalty.decisions'], 2776);
  });

  it('page 4: table 四\'s lone digits set 1 px from their borders are read as printed, not put right by the arithmetic', async () => {
    const s = await scanned(4);
    const row = (g: string): (number | null | undefined)[] => ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => s.fields[`${g}.${c}`]);
    assert.deepEqual(row('review'), [1, 1, 0, 0, 2]);
    assert.deepEqual(row('litigation_direct'), [1, 0, 0, 0, 1]);
    assert.deepEqual(row('litigation_after_review'), [2, 0, 1, 0, 3]);
    assert.ok(s.provenance['review.total']?.ocr && s.provenance['litigation_after_review.upheld']?.ocr);
    assert.deepEqual(s.findings.filter((f) => f.rule.startsWith('ocr.') && f.rule !== 'ocr.page').map((f) => f.rule), []);
    // One page of four: tables 二 and 三 are elsewhere, and no identity fails.
    assert.deepEqual(errors(s), ['table.missing', 'table.missing']);
  });
});

describe('the arithmetic as OCR\'s proof-reader (fixtures/ocr)', function () {
  this.timeout(900_000);

  it('a 0 with its right side rubbed out is read as "C"; only 0 makes its row add up: ocr.corrected', async () => {
    const r = await extractReport(OCR + 'hongze-qu-2023-p3-rubbed-out.png', LONG);
    assert.equal(r.fields['apps.carried_in.natural'], 0);
    const c = r.findings.find((f) => f.rule === 'ocr.corrected')!;
    assert.deepEqual(c.fields, ['apps.carried_in.natural']);
    assert.equal(c.actual, 'C');
    assert.equal(c.expected, 0);
    assert.equal(r.provenance['apps.carried_in.natural']!.raw, 'C');
    // One page of the report: table 四 is on another page (table.missing), nothing else is wrong.
    assert.deepEqual(r.findings.filter((f) => f.rule === 'value.not_numeric' || (f.severity === 'error' && f.rule !== 'table.missing')), []);
  });

  it('"21" with its 1 under a smudge is read as no number: no reading adds up, so null, ocr.uncertain and no error blamed on the report', async () => {
    const r = await extractReport(OCR + 'hongze-qu-2023-p3-smudged.png', LONG);
    // The smudge (60 % grey over the 1) turns to ink with the mid-tones darkened: the cell reads as no number, never as 21 or a guess.
    assert.equal(r.fields['apps.new.total'], null);
    assert.ok(r.provenance['apps.new.total']!.confidence! < 0.9);
    const u = r.findings.find((f) => f.rule === 'ocr.uncertain')!;
    assert.ok(u.fields.includes('apps.new.total'));
    assert.deepEqual(r.findings.filter((f) => f.severity === 'error' && f.rule !== 'table.missing'), []);
  });
});

describe('tables pasted as pictures (fixtures/ocr/hongze-qu-2024-pictures*)', function () {
  this.timeout(900_000);
  const PICTURES = OCR + 'hongze-qu-2024-pictures/';

  it('an HTML page whose tables are pictures beside it (and one inline data: URI) gives the text form\'s fields, all flagged', async () => {
    const [t, s] = [await textForm('hongze-qu-2024'), await extractReport(PICTURES + 'index-data-uri.html', LONG)];
    assert.equal(s.source.format, 'html');
    assert.equal(s.status, 'ok');
    assert.deepEqual(differences(t, s), []);
    assert.ok(Object.values(s.provenance).every((p) => p.ocr === true && p.confidence !== undefined));
    assert.equal(s.findings.filter((f) => f.rule === 'ocr.page').length, 5);
    assert.ok(s.findings.some((f) => f.rule === 'ocr.page' && /data: URI/.test(f.message)));
    assert.deepEqual(errors(s), errors(t));
  });

  it('a DOCX whose tables are pictures (word/media) gives the text form\'s fields', async () => {
    const [t, s] = [await textForm('hongze-qu-2024'), await extractReport(OCR + 'hongze-qu-2024-pictures.docx', LONG)];
    assert.equal(s.source.format, 'docx');
    assert.equal(s.status, 'ok');
    assert.deepEqual(differences(t, s), []);
    assert.ok(s.findings.some((f) => f.rule === 'ocr.page' && /word\/media\//.test(f.message)));
  });

  it('the page without its pictures: table.image names them, no bare table.missing guess at values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-pictures-'));
    try {
      copyFileSync(PICTURES + 'index.html', join(dir, 'index.html'));
      const r = await extractReport(join(dir, 'index.html'), LONG);
      const f = r.findings.find((x) => x.rule === 'table.image')!;
      assert.match(f.message, /table-1-1\.png/);
      assert.match(f.message, /no such file beside the page/);
      assert.equal(r.status, 'failed');
      assert.ok(Object.values(r.fields).every((v) => v === null));
      // --ocr off: the pictures are not looked at.
      const off = await extractReport(PICTURES + 'index.html', { ocr: 'off' });
      assert.equal(off.findings.some((x) => x.rule.startsWith('ocr.') || x.rule === 'table.image'), false);
      assert.equal(off.status, 'failed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('inspect on an OCR page', function () {
  this.timeout(900_000);
  it('draws the deskewed raster, the rules found in it, and each cell\'s reading with its confidence', async () => {
    const { runInspect } = await import('../src/cli/inspect.js');
    const dir = mkdtempSync(join(tmpdir(), 'gk-inspect-ocr-'));
    try {
      assert.equal(await runInspect([OCR + 'hongze-qu-2023-scan-1bit-200dpi.pdf', '--page', '3', '--out', dir]), 0);
      const svg = readFileSync(join(dir, 'hongze-qu-2023-scan-1bit-200dpi-p3.svg'), 'utf8');
      assert.match(svg, /<image href="hongze-qu-2023-scan-1bit-200dpi-p3\.png"/);
      assert.ok((svg.match(/class="rule"/g) ?? []).length >= 30);
      // 一、本年新收 总计 21, read by OCR, with its confidence.
      assert.match(svg, /data-field="apps\.new\.total"[^>]*>[\s\S]*?class="ocr"[^>]*>21 <tspan[^>]*>(0\.9\d|1\.00)<\/tspan>/);
      assert.ok(readFileSync(join(dir, 'hongze-qu-2023-scan-1bit-200dpi-p3.png')).length > 10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
