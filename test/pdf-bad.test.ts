// PDFs that cannot give data: scans, undecodable text, truncated, corrupt,
// encrypted. Each gives one finding a person can act on and an empty
// document; nothing throws, nothing hangs; good files in the same batch are
// untouched. Also: text that only appears with cMaps.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractPdf, pdfExtractor } from '../src/extractors/pdf/index.js';
import { loadPdfjs } from '../src/extractors/pdf/load.js';
import { pickExtractor } from '../src/extractors/registry.js';
import { cmapFontPdf, fixture, PDF_FIXTURES, privateUsePdf, scannedPdf } from './pdf-helpers.js';

const rules = (r: { findings: { rule: string }[] }): string[] => r.findings.map((f) => f.rule);

describe('pdf extractor on bad PDFs', function () {
  this.timeout(60_000);

  it('is picked by the bytes, whatever the file is called', () => {
    assert.equal(pickExtractor(fixture('report-2021-sample.pdf'), 'report.html')?.format, 'pdf');
    assert.equal(pickExtractor(scannedPdf(), 'scan.bin')?.format, 'pdf');
  });

  it('a scanned PDF (an image, no text layer) gives extract.no_text and no tables: OCR off, or OCR finding nothing', async () => {
    const off = await extractPdf(scannedPdf(), 60_000, 'off');
    assert.deepEqual(rules(off), ['extract.no_text']);
    assert.match(off.findings[0]!.message, /only images \(a scan\); run with --ocr auto/);
    assert.deepEqual(off.value.tables, []);
    // The picture is a diagonal stroke: OCR reads no text in it either.
    const auto = await extractPdf(scannedPdf());
    assert.deepEqual(rules(auto), ['extract.no_text']);
    assert.match(auto.findings[0]!.message, /OCR found no text in it either/);
  });

  it('text decoding to private-use code points gives extract.no_text with OCR off, and is read by OCR with OCR on', async () => {
    const r = await extractPdf(privateUsePdf(), 60_000, 'off');
    assert.deepEqual(rules(r), ['extract.no_text']);
    assert.match(r.findings[0]!.message, /private-use/);
    const auto = await extractPdf(privateUsePdf());
    assert.deepEqual(rules(auto), ['ocr.page']);
  });

  it('a truncated PDF gives extract.failed saying it may be truncated', async () => {
    const r = await extractPdf(fixture('report-2021-sample.truncated.pdf'));
    assert.deepEqual(rules(r), ['extract.failed']);
    assert.match(r.findings[0]!.message, /truncated or damaged/);
  });

  it('garbage after a PDF header gives extract.failed', async () => {
    const junk = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251))]);
    const r = await extractPdf(junk);
    assert.deepEqual(rules(r), ['extract.failed']);
  });

  it('a user password gives extract.failed telling how to decrypt; an owner password alone still opens', async () => {
    const locked = await extractPdf(fixture('report-2021-sample.user-password.pdf'));
    assert.deepEqual(rules(locked), ['extract.failed']);
    assert.match(locked.findings[0]!.message, /user password.*qpdf/);
    const owner = await extractPdf(fixture('report-2021-sample.owner-password.pdf'));
    assert.deepEqual(owner.findings, []);
    assert.equal(owner.value.tables.length, 3);
  });

  it('gives up at the timeout with extract.failed instead of hanging', async () => {
    const t0 = Date.now();
    const r = await pdfExtractor.extract({ path: 'x.pdf', buffer: fixture('real/huaian-shi-2024.pdf'), options: { timeoutMs: 30 } });
    assert.deepEqual(rules(r), ['extract.failed']);
    assert.match(r.findings[0]!.message, /timeout/);
    assert.ok(Date.now() - t0 < 5000);
    // The process stays usable afterwards.
    assert.deepEqual((await extractPdf(fixture('report-2021-sample.pdf'))).findings, []);
  });

  it('Chinese in a non-embedded STSong-Light on UniGB-UCS2-H appears only with cMaps', async () => {
    const buf = cmapFontPdf(['二〇二三年政府信息公开工作年度报告', '收到申请21件']);
    const pdfjs = await loadPdfjs();
    const bare = await pdfjs.getDocument({ data: new Uint8Array(buf), isEvalSupported: false, verbosity: 0 }).promise;
    const withoutCmaps = ((await (await bare.getPage(1)).getTextContent()).items as { str: string }[]).map((i) => i.str).join('');
    await bare.destroy();
    assert.equal(withoutCmaps.replace(/\s/g, ''), '');
    const r = await extractPdf(buf);
    assert.deepEqual(r.findings.filter((f) => f.rule.startsWith('extract.') && f.severity === 'error'), []);
    assert.equal(r.value.title, '二〇二三年政府信息公开工作年度报告');
    assert.match(r.value.text, /收到申请21件/);
  });

  it('in a batch with good files, bad PDFs fail alone: exit status 1, good reports intact', function () {
    const dir = mkdtempSync(join(tmpdir(), 'gk-pdf-'));
    const out = join(dir, 'out');
    const input = join(dir, 'in');
    try {
      spawnSync('mkdir', ['-p', input]);
      copyFileSync(PDF_FIXTURES + 'real/hongze-qu-2024.pdf', join(input, 'good.pdf'));
      copyFileSync(PDF_FIXTURES + 'report-2021-sample.truncated.pdf', join(input, 'truncated.pdf'));
      copyFileSync(PDF_FIXTURES + 'report-2021-sample.user-password.pdf', join(input, 'locked.pdf'));
      writeFileSync(join(input, 'scan.pdf'), scannedPdf());
      const bin = fileURLToPath(new URL('../../bin/gkreport.js', import.meta.url));
      const run = spawnSync(process.execPath, [bin, 'extract', input, '--out', out, '--quiet'], { encoding: 'utf8', timeout: 50_000 });
      assert.equal(run.status, 1, run.stderr);
      const reports = readdirSync(join(out, 'reports')).map((f) => JSON.parse(readFileSync(join(out, 'reports', f), 'utf8')));
      const byName = new Map(reports.map((r) => [String(r.source.path).split('/').pop(), r]));
      assert.equal(byName.get('good.pdf').status, 'ok');
      assert.equal(byName.get('good.pdf').fields['apps.new.total'], 95);
      for (const [bad, rule] of [['truncated.pdf', 'extract.failed'], ['locked.pdf', 'extract.failed'], ['scan.pdf', 'extract.no_text']]) {
        assert.equal(byName.get(bad).status, 'failed', bad);
        // The pipeline may add its own table.missing; the extractor's finding is the one extract.* rule.
        assert.deepEqual(byName.get(bad).findings.map((f: { rule: string }) => f.rule).filter((x: string) => x.startsWith('extract.')), [rule], bad);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
