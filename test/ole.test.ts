// Legacy Word (.doc) through LibreOffice, and OLE files refused before it.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { docxExtractor } from '../src/extractors/docx/index.js';
import { readCfb } from '../src/extractors/ole/cfb.js';
import { oleExtractor } from '../src/extractors/ole/index.js';
import { ConversionError, convertToDocx, findSoffice } from '../src/extractors/ole/soffice.js';
import iconv from 'iconv-lite';
import { htmlExtractor } from '../src/extractors/html/index.js';
import { pickExtractor } from '../src/extractors/registry.js';
import { extractReport } from '../src/pipeline.js';
import { isOle } from '../src/extractors/sniff.js';
import { cellKeys, fixture, mht, readFixture } from './docx-helpers.js';

const DOC = 'docx/report-2021-sample.doc';

async function failure(buffer: Buffer, path = 'x.doc'): Promise<string> {
  const r = await oleExtractor.extract({ path, buffer });
  const failed = r.findings.filter((f) => f.rule === 'extract.failed');
  assert.equal(failed.length, 1, JSON.stringify(r.findings));
  return failed[0]!.message;
}

describe('ole: legacy .doc with LibreOffice', function () {
  this.timeout(120_000);
  let soffice: string | undefined;
  before(async function () {
    soffice = await findSoffice();
    if (!soffice) {
      console.log('      (soffice is not on PATH: install libreoffice-writer to run these)');
      this.skip();
    }
  });

  it('gives the same cells and fields as the DOCX of the same report', async () => {
    const fromDoc = await oleExtractor.extract({ path: fixture(DOC), buffer: readFixture(DOC) });
    assert.ok(fromDoc.findings.some((f) => f.rule === 'extract.converted'));
    const docx = await extractReport(fixture('docx/report-2021-sample.docx'));
    const doc = await extractReport(fixture(DOC));
    assert.equal(doc.status, 'ok');
    assert.equal(doc.source.format, 'docx');
    assert.deepEqual(doc.fields, docx.fields);
    assert.deepEqual(doc.meta, docx.meta);
    assert.equal(doc.fields['apps.new.total'], 134);
    const viaDocx = (await docxExtractor.extract({ path: 'a.docx', buffer: readFixture('docx/report-2021-sample.docx') })).value.tables;
    assert.deepEqual(fromDoc.value.tables.map(cellKeys), viaDocx.map(cellKeys));
  });

  it('an RTF file (often published under a .doc name) gives the same fields too', async () => {
    const rtf = await extractReport({ path: 'report.doc', buffer: readFixture('docx/report-2021-sample.rtf') });
    const docx = await extractReport(fixture('docx/report-2021-sample.docx'));
    assert.equal(rtf.status, 'ok');
    assert.deepEqual(rtf.fields, docx.fields);
    assert.ok(rtf.findings.some((f) => f.rule === 'extract.converted' && /^RTF file/.test(f.message)));
  });

  it('runs conversions in parallel, each with its own profile', async () => {
    const results = await Promise.all([1, 2, 3].map(() => extractReport(fixture(DOC))));
    for (const r of results) assert.equal(r.fields['apps.result_total.total'], 129);
  });

  it('stops a conversion at its time limit and leaves no temporary directory', async () => {
    const before = readdirSync(tmpdir()).filter((d) => d.startsWith('gkreport-soffice-')).length;
    await assert.rejects(convertToDocx(soffice!, readFixture(DOC), 'doc', 50), (e: unknown) => e instanceof ConversionError && /did not finish converting within 0 s/.test(e.message));
    assert.equal(readdirSync(tmpdir()).filter((d) => d.startsWith('gkreport-soffice-')).length, before);
    // Nothing of that conversion runs on (its command lines name its gkreport-soffice- directory).
    await new Promise((r) => setTimeout(r, 300));
    const left = await promisify(execFile)('pgrep', ['-f', 'gkreport-soffice-']).then((r) => r.stdout.trim(), () => '');
    assert.equal(left, '', `processes left: ${left}`);
  });
});

describe('ole: without LibreOffice', () => {
  it('a .doc or .rtf gives extract.failed saying how to install it (PATH without soffice)', async function () {
    this.timeout(30_000);
    const empty = mkdtempSync(join(tmpdir(), 'gk-nopath-'));
    try {
      const files = [fixture(DOC), fixture('docx/report-2021-sample.rtf')];
      const script = `
        const { oleExtractor } = await import(${JSON.stringify(new URL('../src/extractors/ole/index.js', import.meta.url).href)});
        const fs = await import('node:fs');
        const out = [];
        for (const f of ${JSON.stringify(files)}) out.push((await oleExtractor.extract({ path: 'r.doc', buffer: fs.readFileSync(f) })).findings);
        process.stdout.write(JSON.stringify(out));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: empty } });
      const results = JSON.parse(stdout) as { rule: string; message: string }[][];
      assert.equal(results.length, 2);
      for (const findings of results) {
        assert.equal(findings.length, 1);
        assert.equal(findings[0]!.rule, 'extract.failed');
        assert.match(findings[0]!.message, /without LibreOffice.*apt-get install libreoffice-writer/);
      }
      assert.ok(!isOle(readFixture('docx/report-2021-sample.rtf')) && oleExtractor.sniff(readFixture('docx/report-2021-sample.rtf'), 'r.doc'), 'RTF takes the same way');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('ole: refused before conversion', () => {
  it('an encrypted .doc (fEncrypted in the FIB)', async () => {
    const buf = Buffer.from(readFixture(DOC));
    const word = readCfb(buf).entries.find((e) => e.name === 'WordDocument')!;
    const sectorSize = 1 << buf.readUInt16LE(0x1e);
    const fib = (word.start + 1) * sectorSize;
    assert.equal(buf.readUInt16LE(fib), 0xa5ec, 'FIB found');
    buf.writeUInt16LE(buf.readUInt16LE(fib + 0x0a) | 0x0100, fib + 0x0a);
    assert.match(await failure(buf), /encrypted \(password-protected \.doc/);
  });

  it('a damaged OLE file', async () => {
    const buf = Buffer.alloc(4096, 0xff);
    readFixture(DOC).copy(buf, 0, 0, 8);
    assert.match(await failure(buf), /Unreadable OLE \(legacy Office\) file/);
    assert.match(await failure(readFixture(DOC).subarray(0, 300)), /shorter than its 512-byte header/);
  });

  it('reads the stream names of a real .doc', () => {
    const names = readCfb(readFixture(DOC)).entries.map((e) => e.name);
    for (const n of ['Root Entry', 'WordDocument', '1Table']) assert.ok(names.includes(n), names.join(', '));
  });
});

describe('ole: MHT (single-file web page) published as .doc', () => {
  const HTML = 'docx/src/report-2021-sample.html';
  let expected: Awaited<ReturnType<typeof extractReport>>;
  before(async () => (expected = await extractReport(fixture(HTML))));

  it('UTF-8 MHT gives the fields of the HTML report, without LibreOffice', async () => {
    const buffer = mht(readFixture(HTML));
    assert.equal(pickExtractor(buffer, 'r.doc'), oleExtractor);
    const r = await extractReport({ path: 'r.doc', buffer });
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.fields, expected.fields);
    assert.deepEqual(r.meta, expected.meta);
  });

  it('GB2312 MHT (as Word writes Chinese documents) gives the same fields', async () => {
    const gbk = iconv.encode(readFixture(HTML).toString('utf8').replace('charset="utf-8"', 'charset="gb2312"'), 'gb18030');
    const r = await extractReport({ path: 'r.doc', buffer: mht(gbk, 'gb2312') });
    assert.deepEqual(r.fields, expected.fields);
  });

  it('is needed: read as plain HTML, the quoted-printable text gives no numbers', async () => {
    const raw = await htmlExtractor.extract({ path: 'r.doc', buffer: mht(readFixture(HTML)) });
    assert.doesNotMatch(raw.value.text, /本年新收政府信息公开申请数量/);
  });
});
