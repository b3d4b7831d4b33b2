// A report's title as OCR reads it on page 1 of browser prints scanned 1-bit
// (fixtures/ocr/*-p1-1bit-200dpi.pdf, made by fixtures/ocr/make-prints.sh):
// free reading gives 工作年库报告, or 报生 for a 告 wrapped alone; the title's
// word spelt against the model's probabilities gives what is printed.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../src/pipeline.js';

const OCR = fileURLToPath(new URL('../../fixtures/ocr/', import.meta.url));

describe('OCR: a printed page\'s title', function () {
  this.timeout(900_000);

  it('shanghai-2019-govpage page 1 at 1-bit 200 dpi: the title as printed, its body and year', async () => {
    const r = await extractReport(OCR + 'shanghai-2019-govpage-p1-1bit-200dpi.pdf', { timeoutMs: 900_000 });
    assert.equal(r.meta.title, '2019年上海市人民政府办公厅政府信息公开工作年度报告');
    assert.equal(r.meta.agency, '上海市人民政府办公厅');
    assert.equal(r.meta.year, 2019);
    assert.equal(r.meta.region_code, '310000');
  });

  it('huaian-shi-2024-template2021 page 1 at 1-bit 200 dpi: the title\'s 告, wrapped alone onto the next line and read 生, is spelt as the template\'s name ends', async () => {
    const r = await extractReport(OCR + 'huaian-shi-2024-template2021-p1-1bit-200dpi.pdf', { timeoutMs: 900_000 });
    assert.equal(r.meta.title, '淮安市人民政府2024年政府信息公开工作年度报告');
    assert.equal(r.meta.agency, '淮安市人民政府');
    assert.equal(r.meta.year, 2024);
  });
});
