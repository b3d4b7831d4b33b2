// Table 四's sums with blank terms are not checked (a blank is not a zero),
// so on a scan a misread total could pass unseen. Page 4 of the Chromium
// print of shanghai-2019-govpage, grey at 100 dpi (pdftoppm -gray -r 100,
// img2pdf; fixtures/README.md): 未经复议直接起诉 prints 维持 8, 纠正 and 其他
// blank, 尚未审结 1, 总计 9, and the 9 reads 3. With the blanks as 0 the sum
// fails: ocr.uncertain on the cells, no error of the report.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../src/pipeline.js';

const OCR = fileURLToPath(new URL('../../fixtures/ocr/', import.meta.url));

describe('OCR: table 四 with blank terms', function () {
  this.timeout(900_000);

  it('shanghai-2019-govpage page 4 at grey 100 dpi: the misread 总计 of 未经复议直接起诉 is ocr.uncertain, not the report\'s error', async () => {
    const r = await extractReport(OCR + 'shanghai-2019-govpage-p4-grey-100dpi.pdf', { timeoutMs: 900_000 });
    assert.deepEqual([r.fields['litigation_direct.upheld'], r.fields['litigation_direct.corrected'], r.fields['litigation_direct.other'], r.fields['litigation_direct.pending']], [8, null, null, 1]);
    const doubt = r.findings.filter((f) => f.rule === 'ocr.uncertain' && f.fields.includes('litigation_direct.total'));
    assert.equal(doubt.length, 1);
    assert.equal(r.findings.filter((f) => f.rule === 'litigation_direct.total' && f.severity === 'error').length, 0);
    // 行政复议 (5, blank, blank, 2, 7) holds with its blanks as 0: no doubt there.
    assert.equal(r.fields['review.total'], 7);
    assert.equal(r.findings.filter((f) => f.rule === 'ocr.uncertain' && f.fields.includes('review.total')).length, 0);
  });
});
