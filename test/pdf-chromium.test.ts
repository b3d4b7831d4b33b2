// Browser-printed PDFs (issue 10 part 5): headless Chromium's Skia/PDF
// output, as fixtures/forms/make.sh prints the HTML fixtures. Its cell
// borders are bevelled trapezoids, a row-spanning label column broken across
// pages has only its side rules on the middle page, a row moved to the next
// page leaves an empty strip at the foot, and a table wider than the paper is
// clipped at the printable area. And, for any PDF, a run that crosses a
// column rule is split where its glyphs are drawn.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillGrid, partitionRuns } from '../src/extractors/pdf/cells.js';
import { findGrids } from '../src/extractors/pdf/grid.js';
import { readPdf } from '../src/extractors/pdf/index.js';
import { openPdf } from '../src/extractors/pdf/load.js';
import { fillSegments } from '../src/extractors/pdf/path-decode.js';
import { pageGraphics, pageText } from '../src/extractors/pdf/primitives.js';
import { splitRun } from '../src/extractors/pdf/text-join.js';
import { extractReport } from '../src/pipeline.js';
import { FIXTURES } from './fixture-harness.js';
import { onePage } from './pdf-helpers.js';

const chromium = (name: string): string => join(FIXTURES, 'forms', 'chromium', `${name}.pdf`);

describe('pdf: browser-printed (Chromium) PDFs and runs crossing column rules', function () {
  this.timeout(60_000);

  it('a run crossing a column rule is split where its glyphs are drawn, not spread evenly', async () => {
    // Two cells ruled at x = 60, 111.5, 200; one Helvetica string "iiiii11111" from x = 100:
    // i is 2.22 pt wide at 10 pt, 1 is 5.56 pt, so the i's end at 111.1, left of the rule.
    const content = ['0 G 0.5 w', '60 700 m 200 700 l S', '60 730 m 200 730 l S', '60 700 m 60 730 l S', '111.5 700 m 111.5 730 l S', '200 700 m 200 730 l S', 'BT /F1 10 Tf 100 710 Td (iiiii11111) Tj ET'].join('\n');
    const buf = onePage(content, '<< /Font << /F1 5 0 R >> >>', ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']);
    const { pdfjs, doc, task } = await openPdf(buf);
    try {
      const page = await doc.getPage(1);
      const text = await pageText(page, 0);
      const g = await pageGraphics(pdfjs, doc, page, text, 0);
      const [grid] = findGrids(g.segments);
      assert.ok(grid);
      assert.equal(text.runs.length, 1, 'pdfjs gives the string as one run');
      const { inside } = partitionRuns(text.runs, [grid.bbox], g.placed);
      assert.deepEqual(fillGrid(1, grid, inside).cells.map((c) => c.text), ['iiiii', '11111']);
      // Spread evenly over the run's width (all the estimate had), two i's would cross the rule.
      const even = fillGrid(1, grid, splitRun(text.runs[0]!));
      assert.deepEqual(even.cells.map((c) => c.text), ['iii', 'ii11111']);
    } finally {
      await task.destroy();
    }
  });

  it('a cell border drawn as a thin bevelled trapezoid (Chromium\'s inset border) is a rule; a thin diamond is not', () => {
    // Chromium's path for the right border of a cell, in its own units (× 0.75 = pt): no closing h.
    const trapezoid = { points: [[424, 1965], [424, 2024], [425, 2024], [425, 1964]] as [number, number][], closed: false, curved: false };
    const diamond = { points: [[0, 1], [50, 0], [100, 1], [50, 2]] as [number, number][], closed: true, curved: false };
    const m: [number, number, number, number, number, number] = [0.75, 0, 0, 0.75, 0, 0];
    assert.deepEqual(fillSegments([trapezoid], m), [{ axis: 'v', x0: 318.375, x1: 318.375, y0: 1473, y1: 1518 }]);
    assert.deepEqual(fillSegments([diamond], m), []);
  });

  it('huaian-shi-2024 printed by Chromium: table 三 joined over pages 2–4, row labels give their numbers', async () => {
    const { doc, task, pdfjs } = await openPdf(readFileSync(chromium('huaian-shi-2024-template2021')));
    try {
      const reading = await readPdf({ doc, task, pdfjs });
      const t3 = reading.tables.find((t) => t.cells.some((c) => c.text.includes('本年新收')));
      assert.ok(t3);
      assert.deepEqual(t3.pages, [2, 3, 4]);
    } finally {
      await task.destroy();
    }
    const r = await extractReport(chromium('huaian-shi-2024-template2021'));
    // Page 2: 一、本年新收 3001 53 0 0 61 4 3119. Page 4, first row (its top left as an empty strip on page 3):
    // （六）其他处理 3.其他 108 2 0 0 0 0 110; then （七）总计 2932 53 0 0 61 4 3050.
    const row = (prefix: string): (number | null)[] => ['natural', 'commercial', 'research', 'nonprofit', 'legal_service', 'other_org', 'total'].map((c) => r.fields[`${prefix}.${c}`] ?? null);
    assert.deepEqual(row('apps.new'), [3001, 53, 0, 0, 61, 4, 3119]);
    assert.deepEqual(row('apps.other.misc'), [108, 2, 0, 0, 0, 0, 110]);
    assert.deepEqual(row('apps.result_total'), [2932, 53, 0, 0, 61, 4, 3050]);
    assert.equal(r.fields['apps.unable.not_held.total'], 769);
    assert.deepEqual([r.meta.agency, r.meta.year], ['淮安市人民政府', 2024]);
    assert.ok(!r.findings.some((f) => f.severity === 'error'), 'no error: the source has none');
  });

  it('the table page gate keeps a page whose table 二 starts below a long narrative (Chromium: one run per glyph, radicals)', async () => {
    // fixtures/pdf/src/report-2021-narrative.html printed by Chromium: page 1 is narrative down to
    // y ≈ 670 pt, then 第二十条第（一）项, 信息内容…, 规章 2 1 15 — three numbers, written ⼆⼗ and ⾏.
    const buf = readFileSync(join(FIXTURES, 'pdf', 'report-2021-chromium-narrative.pdf'));
    const { doc, task, pdfjs } = await openPdf(buf);
    try {
      const reading = await readPdf({ doc, task, pdfjs });
      assert.equal(reading.pages[0]!.tables.length, 1, 'page 1 was read for rules');
      assert.deepEqual(reading.tables[0]!.pages, [1, 2], 'table 二 joined over pages 1–2');
    } finally {
      await task.destroy();
    }
    const r = await extractReport(join(FIXTURES, 'pdf', 'report-2021-chromium-narrative.pdf'));
    assert.deepEqual(['issued', 'repealed', 'in_force'].map((c) => r.fields[`active.regulations.${c}`]), [2, 1, 15]);
    assert.deepEqual(['issued', 'repealed', 'in_force'].map((c) => r.fields[`active.normative.${c}`]), [12, 3, 87]);
  });

  it('huaian-shi-2024 printed on A5: table 四\'s row of 15 narrow cells alone on page 7 is read and joined to its header on page 6', async () => {
    const file = join(FIXTURES, 'pdf', 'chromium-a5-huaian-shi-2024.pdf');
    const { doc, task, pdfjs } = await openPdf(readFileSync(file));
    try {
      const reading = await readPdf({ doc, task, pdfjs });
      const t4 = reading.tables.find((t) => t.cells.some((c) => c.text === '未经复议直接起诉'));
      assert.ok(t4);
      assert.deepEqual(t4.pages, [6, 7]);
    } finally {
      await task.destroy();
    }
    const r = await extractReport(file);
    const row = (prefix: string): (number | null)[] => ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => r.fields[`${prefix}.${c}`] ?? null);
    // Page 7: 72 64 178 37 351 | 13 4 8 1 26 | 12 1 1 6 20.
    assert.deepEqual(row('review'), [72, 64, 178, 37, 351]);
    assert.deepEqual(row('litigation_direct'), [13, 4, 8, 1, 26]);
    assert.deepEqual(row('litigation_after_review'), [12, 1, 1, 6, 20]);
    assert.deepEqual(['natural', 'total'].map((c) => r.fields[`apps.other.misc.${c}`]), [108, 110]);
  });

  it('shanghai-2019-govpage printed by Chromium: totals cut at the paper\'s edge are null with extract.clipped, not 85 for 859', async () => {
    const r = await extractReport(chromium('shanghai-2019-govpage'));
    // The page shows "85" where the HTML says 859: the 9 lies beyond the printable area and is not in the file.
    assert.equal(r.fields['apps.new.total'], null);
    assert.equal(r.fields['apps.result_total.total'], null);
    assert.equal(r.fields['apps.new.natural'], 821);
    assert.equal(r.fields['apps.new.commercial'], 35);
    assert.ok(r.findings.some((f) => f.rule === 'extract.clipped' && f.severity === 'warning'));
    assert.ok(!r.findings.some((f) => f.rule === 'apps.balance' && f.severity === 'error'), 'no false apps.balance');
    // The page's menu (…政府信息公开年报办事服务…) and breadcrumb are not its title.
    assert.deepEqual([r.meta.title, r.meta.agency], ['2019年上海市人民政府办公厅政府信息公开工作年度报告', '上海市人民政府办公厅']);
  });
});
