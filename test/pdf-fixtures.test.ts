// LibreOffice-made PDFs of one invented report (fixtures/pdf/src/*.html):
// the PDF forms give the fields of the HTML form, whatever draws the
// borders (strokes or filled rectangles) and however table 三 breaks.
import assert from 'node:assert/strict';
import { pdfExtractor } from '../src/extractors/pdf/index.js';
import { extractReport } from '../src/pipeline.js';
import type { RawDocument, Report } from '../src/types.js';
import { fixture, PDF_FIXTURES, values } from './pdf-helpers.js';

async function raw(name: string): Promise<RawDocument> {
  const r = await pdfExtractor.extract({ path: name, buffer: fixture(name) });
  assert.deepEqual(r.findings, []);
  return r.value;
}

/** Texts and spans of every cell, without provenance (it differs between forms). */
function shape(d: RawDocument): string[][] {
  return d.tables.map((t) => t.cells.map((c) => `${c.row},${c.col},${c.rowSpan},${c.colSpan}:${c.text}`));
}

const nonNull = (r: Report): number => Object.values(r.fields).filter((v) => v !== null).length;

describe('pdf extractor on LibreOffice fixtures (fixtures/pdf)', function () {
  this.timeout(120_000);
  let html: Report;
  before(async () => {
    html = await extractReport(PDF_FIXTURES + 'src/report-2021-sample.html');
    assert.equal(html.status, 'ok');
  });

  for (const name of ['report-2021-sample.pdf', 'report-2021-filled.pdf', 'report-2021-broken.pdf', 'report-2021-three-line.pdf', 'report-2021-unruled.pdf']) {
    it(`${name} gives the same fields as the HTML form`, async () => {
      const pdf = await extractReport(PDF_FIXTURES + name);
      assert.equal(pdf.status, 'ok');
      assert.equal(pdf.meta.format_version, html.meta.format_version);
      assert.equal(pdf.meta.year, 2022);
      assert.equal(pdf.meta.title, '示例市测试区人民政府2022年政府信息公开工作年度报告');
      assert.deepEqual(pdf.fields, html.fields);
      assert.ok(nonNull(pdf) > 180);
      // Blank cells of 7.属于行政执法案卷 stay null, never 0.
      assert.equal(pdf.fields['apps.denied.enforcement_case.natural'], null);
      assert.deepEqual(pdf.findings.filter((f) => f.severity === 'error'), html.findings.filter((f) => f.severity === 'error'));
    });
  }

  it('borders drawn as thin filled rectangles give the same cells as stroked borders', async () => {
    const stroked = await raw('report-2021-sample.pdf');
    const filled = await raw('report-2021-filled.pdf');
    assert.deepEqual(shape(filled), shape(stroked));
    assert.equal(stroked.tables.length, 3);
  });

  it('table 三 crossing pages 1→2 is one table of 28 rows; blank cells are empty cells', async () => {
    const d = await raw('report-2021-sample.pdf');
    const t = d.tables.find((x) => x.cells.some((c) => c.text === '自然人'))!;
    assert.deepEqual(t.pages, [1, 2]);
    assert.equal(t.nRows, 28);
    assert.deepEqual(values(t, '7.属于行政执法案卷', 7), ['', '', '', '', '', '', '']);
    assert.deepEqual(values(t, '本年新收', 7), ['120', '8', '1', '0', '3', '2', '134']);
  });

  it('three-line tables (no vertical rules) are rebuilt from text alignment, wrapped labels and values joined', async () => {
    const d = await raw('report-2021-three-line.pdf');
    assert.equal(d.tables.length, 3);
    const t = d.tables.find((x) => x.cells.some((c) => c.text === '自然人'))!;
    assert.deepEqual(values(t, '5.要求行政机关确认或重新出具已获取信息', 7), ['0', '0', '0', '0', '0', '0', '0']);
    assert.deepEqual(values(t, '7.属于行政执法案卷', 7), ['', '', '', '', '', '', '']);
    const two = d.tables.find((x) => x.cells.some((c) => c.text === '规章'))!;
    assert.deepEqual(values(two, '行政规范性文件', 3), ['12（其中修订3件）', '3', '87']);
  });

  it('a header repeated on the continuation page is dropped', async () => {
    const d = await raw('report-2021-broken.pdf');
    const t = d.tables.find((x) => x.cells.some((c) => c.text === '自然人'))!;
    assert.equal(t.pages!.length, 2, `pages ${t.pages}`);
    assert.equal(t.nRows, 28);
    assert.equal(t.cells.filter((c) => c.text === '申请人情况').length, 1);
    assert.equal(t.cells.filter((c) => c.text === '自然人').length, 1);
    // The repeated header really is in the PDF: its continuation page shows 申请人情况 again.
    const { openPdf } = await import('../src/extractors/pdf/load.js');
    const { doc, task } = await openPdf(fixture('report-2021-broken.pdf'));
    const page = await doc.getPage(t.pages![1]!);
    const items = (await page.getTextContent()).items as { str: string }[];
    assert.ok(items.some((i) => i.str.includes('申请人情况')));
    await task.destroy();
  });
});
