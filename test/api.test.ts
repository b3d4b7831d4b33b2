// The library API: `import { extractReport } from 'gkreport'` gives the same
// report for a path and for a buffer, whatever the file is called.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../src/index.js';

const fx = (rel: string) => fileURLToPath(new URL(`../../fixtures/${rel}`, import.meta.url));

describe('api: extractReport', () => {
  for (const rel of ['text/xiuzhou-gongxiaoshe-2020.txt', 'html/shanghai-2019-gbk.html', 'html/huaian-2024-error-review-total.html', 'html/not-a-report-news-page.html']) {
    it(`${rel}: a buffer gives the report its path gives`, async () => {
      const byPath = await extractReport(fx(rel));
      const byBuffer = await extractReport({ buffer: readFileSync(fx(rel)) });
      assert.equal(byBuffer.source.path, '<buffer>');
      for (const k of ['status', 'meta', 'fields', 'provenance', 'findings', 'tables_found'] as const) assert.deepEqual(byBuffer[k], byPath[k], k);
      assert.deepEqual({ ...byBuffer.source, path: '' }, { ...byPath.source, path: '' });
    });
  }

  it('the format is decided by the bytes, not the name', async () => {
    const html = await extractReport({ path: 'report.pdf', buffer: readFileSync(fx('html/shanghai-bangongting-2019.html')) });
    assert.equal(html.source.format, 'html');
    assert.equal(html.fields['apps.new.total'], 859);
    const text = await extractReport({ path: 'report.html', buffer: readFileSync(fx('text/xiuzhou-gongxiaoshe-2020.txt')) });
    assert.equal(text.source.format, 'text');
    assert.equal(text.fields['active.procurement.amount_yuan'], 11000);
  });

  it('never throws for a bad input: empty, missing file', async () => {
    const empty = await extractReport({ buffer: Buffer.alloc(0) });
    assert.equal(empty.status, 'failed');
    assert.deepEqual(empty.findings.map((f) => f.rule), ['extract.failed']);
    const missing = await extractReport(fx('html/no-such-file.html'));
    assert.equal(missing.status, 'failed');
    assert.deepEqual(missing.findings.map((f) => f.rule), ['extract.failed']);
  });
});
