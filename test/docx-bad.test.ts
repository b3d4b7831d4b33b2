// Bad Word files (issue 4): each one → extract.failed with a clear message,
// bounded memory, no throw, no hang.
import { strict as assert } from 'node:assert';
import JSZip from 'jszip';
import { docxExtractor, docxToRaw } from '../src/extractors/docx/index.js';
import { ZipArchive, unsafePath } from '../src/extractors/docx/zip.js';
import { oleExtractor } from '../src/extractors/ole/index.js';
import { extractReport } from '../src/pipeline.js';
import type { Extractor } from '../src/types.js';
import { handMadeDocx, paraXml, readFixture, zipOf } from './docx-helpers.js';

async function failure(buffer: Buffer, extractor: Extractor = docxExtractor): Promise<string> {
  const r = await extractor.extract({ path: 'bad.docx', buffer });
  const failed = r.findings.filter((f) => f.rule === 'extract.failed');
  assert.equal(failed.length, 1, `expected one extract.failed, got ${JSON.stringify(r.findings)}`);
  assert.equal(failed[0]!.severity, 'error');
  assert.deepEqual(r.value.tables, []);
  return failed[0]!.message;
}

/** The bomb fixture with its document.xml declared as `size` bytes in the central directory. */
function lyingBomb(size: number): Buffer {
  const buf = Buffer.from(readFixture('docx/bad/bomb.docx'));
  const name = Buffer.from('word/document.xml');
  for (let p = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])); p > 0; p--) {
    if (buf.readUInt32LE(p) === 0x02014b50 && buf.subarray(p + 46, p + 46 + name.length).equals(name)) {
      buf.writeUInt32LE(size, p + 24);
      return buf;
    }
  }
  throw new Error('central directory entry not found');
}

async function sampleWithout(entry: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFixture('docx/report-2021-sample.docx'));
  zip.remove(entry);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('docx: bad Word files give extract.failed', () => {
  it('a ZIP that is not a Word document', async () => {
    const msg = await failure(await zipOf({ 'readme.txt': 'hello', 'data/a.csv': '1,2' }));
    assert.match(msg, /a ZIP archive but not a Word document: no word\/document\.xml \(entries: readme\.txt, data\/a\.csv\)/);
  });

  it('a DOCX without word/document.xml', async () => {
    assert.match(await failure(await sampleWithout('word/document.xml')), /not a Word document \(no main document part, word\/document\.xml\)/);
  });

  it('a ZIP bomb that declares its size (300 MiB document.xml) is refused before inflating', async () => {
    const t = Date.now();
    assert.match(await failure(readFixture('docx/bad/bomb.docx')), /"word\/document\.xml" declares 300\.0 MiB uncompressed, above the limit of 64\.0 MiB \(ZIP bomb\?\)/);
    assert.ok(Date.now() - t < 1000, 'no inflating');
  });

  it('a ZIP bomb that lies about its size stops at the declared size, memory bounded', async () => {
    const before = process.memoryUsage().rss;
    const msg = await failure(lyingBomb(1000));
    assert.match(msg, /"word\/document\.xml" inflates past its declared 1000 bytes \(ZIP bomb\?\)/);
    assert.ok(process.memoryUsage().rss - before < 100 * 1024 * 1024, 'the 300 MiB were never held');
  });

  it('a document.xml too large to hold as a tree (9 MiB, inside the ZIP limits)', async () => {
    const zip = await JSZip.loadAsync(readFixture('docx/report-2021-sample.docx'));
    const xml = await zip.file('word/document.xml')!.async('string');
    const filler = paraXml('填充').repeat(Math.ceil((9 << 20) / Buffer.byteLength(paraXml('填充'))));
    zip.file('word/document.xml', xml.replace('<w:body>', `<w:body>${filler}`));
    const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const t = Date.now();
    const msg = await failure(buffer);
    assert.match(msg, /"word\/document\.xml" holds 9\.\d MiB of XML, above the 8\.0 MiB read from one part/);
    assert.ok(Date.now() - t < 5000, 'refused before mammoth parses it');
  });

  it('too many entries, or too much in total', async () => {
    const many = await zipOf(Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [`f${i}.xml`, 'x'])));
    assert.match(await failure(many), /lists 5001 entries, above the limit of 5000/);
    const small = { maxEntries: 10, maxEntryBytes: 1 << 20, maxTotalBytes: 1000 };
    await assert.rejects(docxToRaw(readFixture('docx/report-2021-sample.docx'), small), /declare more than 0\.0 MiB uncompressed in total/);
  });

  it('entries with ../ paths', async () => {
    const doc = (await JSZip.loadAsync(readFixture('docx/report-2021-sample.docx'))).file('word/document.xml')!;
    const evil = await zipOf({ 'word/document.xml': await doc.async('nodebuffer'), '../../etc/cron.d/x': 'boom' });
    assert.match(await failure(evil), /unsafe path "\.\.\/\.\.\/etc\/cron\.d\/x"/);
    assert.equal(unsafePath('word\\..\\..\\x'), true);
    assert.equal(unsafePath('/abs.xml'), true);
    assert.equal(unsafePath('word/document.xml'), false);
  });

  it('a password-protected DOCX (an encrypted OLE container)', async () => {
    assert.match(await failure(readFixture('docx/report-2021-sample.encrypted.docx'), oleExtractor), /encrypted \(password-protected DOCX/);
  });

  it('a truncated DOCX and a DOCX with damaged data', async () => {
    const good = readFixture('docx/report-2021-sample.docx');
    assert.match(await failure(good.subarray(0, good.length >> 1)), /no end-of-central-directory record/);
    const damaged = Buffer.from(good);
    const zip = ZipArchive.open(good);
    const e = zip.entries.get('word/document.xml')!;
    // Inside the entry's compressed data: after its 30-byte local header and name.
    damaged.fill(0x55, e.localOffset + 30 + e.name.length + 40, e.localOffset + 30 + e.name.length + 60);
    assert.match(await failure(damaged), /word\/document\.xml/);
  });

  it('tables nested thousands deep are unwrapped past 100 levels, their text kept (issue 9)', async () => {
    let body = paraXml('最深处');
    for (let i = 0; i < 3000; i++) body = `<w:tbl><w:tr><w:tc>${body}</w:tc></w:tr></w:tbl><w:p/>`;
    const r = await docxExtractor.extract({ path: 'deep.docx', buffer: await handMadeDocx(body) });
    assert.deepEqual(r.findings.filter((f) => f.severity === 'error'), []);
    assert.match(r.findings.find((f) => f.rule === 'extract.nesting')!.message, /^word\/document\.xml nests its elements 9005 levels deep/);
    assert.match(r.value.text + r.value.tables.flatMap((t) => t.cells.map((c) => c.text)).join(' '), /最深处/);
  });

  it('in the pipeline each gives status failed, never a throw', async () => {
    const inputs = [
      await zipOf({ 'readme.txt': 'hello' }),
      await sampleWithout('word/document.xml'),
      readFixture('docx/bad/bomb.docx'),
      lyingBomb(1000),
      readFixture('docx/report-2021-sample.encrypted.docx'),
    ];
    for (const buffer of inputs) {
      const r = await extractReport({ path: 'bad.docx', buffer });
      assert.equal(r.status, 'failed');
      assert.ok(r.findings.some((f) => f.rule === 'extract.failed'));
    }
  });
});
