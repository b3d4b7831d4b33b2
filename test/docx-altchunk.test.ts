// DOCX files whose content is an embedded HTML or MHT chunk (w:altChunk), as
// web systems export "Word" reports: mammoth alone sees an empty body.
import { strict as assert } from 'node:assert';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { mhtHtml } from '../src/extractors/docx/mht.js';
import { docxExtractor } from '../src/extractors/docx/index.js';
import { extractReport } from '../src/pipeline.js';
import { fixture, mht, readFixture } from './docx-helpers.js';

const HTML = 'docx/src/report-2021-sample.html';

async function withChunk(name: string, data: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFixture('docx/report-2021-sample.docx'));
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body><w:altChunk r:id="gkChunk1"/><w:sectPr/></w:body></w:document>`);
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  const rel = `<Relationship Id="gkChunk1" Type="${R}/aFChunk" Target="${name}"/>`;
  zip.file('word/_rels/document.xml.rels', rels.replace('</Relationships>', `${rel}</Relationships>`));
  zip.file(`word/${name}`, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('docx: w:altChunk (embedded HTML or MHT)', () => {
  let expected: Awaited<ReturnType<typeof extractReport>>;
  before(async () => (expected = await extractReport(fixture(HTML))));

  it('is needed: mammoth alone gives an empty body', async () => {
    const out = await mammoth.convertToHtml({ buffer: await withChunk('afchunk.htm', readFixture(HTML)) });
    assert.doesNotMatch(out.value, /<table/);
  });

  it('an HTML chunk gives the fields of the HTML report', async () => {
    const buffer = await withChunk('afchunk.htm', readFixture(HTML));
    const raw = await docxExtractor.extract({ path: 'chunk.docx', buffer });
    assert.equal(raw.value.tables.length, 3);
    assert.deepEqual(raw.value.tables.map((t) => t.cells[0]!.prov.table), [0, 1, 2]);
    assert.ok(raw.findings.some((f) => f.rule === 'extract.docx_altchunk' && /Read 1 embedded HTML chunk/.test(f.message)));
    const r = await extractReport({ path: 'chunk.docx', buffer });
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.fields, expected.fields);
    assert.equal(r.meta.agency, '示例市测试区人民政府');
  });

  it('an MHT chunk (quoted-printable, as Word writes it) gives the same fields', async () => {
    const r = await extractReport({ path: 'chunk.docx', buffer: await withChunk('afchunk.mht', mht(readFixture(HTML))) });
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.fields, expected.fields);
  });

  it('decodes the MHT HTML part to the original text (MIME line ends are CRLF)', () => {
    const html = readFixture(HTML);
    assert.equal(mhtHtml(mht(html))?.bytes.toString('utf8').replace(/\r\n/g, '\n'), html.toString('utf8'));
    assert.equal(mhtHtml(mht(html))?.charset, 'utf-8');
  });
});
