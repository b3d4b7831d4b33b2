// Damage costs only what it touches (issue 9, item 1): the real reports with
// one bad byte, deep nesting after their tables, damaged DOCX parts, and a
// table cut short, each asserting the values that survive and the finding
// that says what was lost.
import { strict as assert } from 'node:assert';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { decode } from '../src/extractors/decode.js';
import { ZipArchive } from '../src/extractors/docx/zip.js';
import { extractReport } from '../src/pipeline.js';
import type { Report } from '../src/types.js';
import { readFixture } from './docx-helpers.js';

const expected = (rel: string) => JSON.parse(readFixture(rel).toString('utf8')) as { fields: Record<string, number | null> };
const TEXT = 'text/xiuzhou-gongxiaoshe-2020.txt';
const HTML = 'html/shanghai-bangongting-2019.html';
const DOCX = 'docx/from-html/shanghai-bangongting-2019.docx';
const rules = (r: Report) => r.findings.map((f) => f.rule);
const one = (r: Report, rule: string) => {
  const f = r.findings.filter((x) => x.rule === rule);
  assert.equal(f.length, 1, `${rule} in ${JSON.stringify(r.findings.map((x) => x.rule))}`);
  return f[0]!;
};

/** The file with 0xFF written over the first byte of `text` (a narrative sentence). */
function withBadByte(rel: string, text: string): { buffer: Buffer; at: number } {
  const buffer = Buffer.from(readFixture(rel));
  const at = buffer.indexOf(Buffer.from(text));
  assert.ok(at > 0, text);
  buffer[at] = 0xff;
  return { buffer, at };
}

describe('damage: one bad byte in a UTF-8 report', () => {
  it('the real text report stays UTF-8: ok, every value, and encoding.damaged says where', async () => {
    const { buffer, at } = withBadByte(TEXT, '本年度');
    const r = await extractReport({ path: 'x.txt', buffer });
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.fields, expected('text/xiuzhou-gongxiaoshe-2020.expected.json').fields);
    const f = one(r, 'encoding.damaged');
    assert.equal(f.severity, 'warning');
    // 0xFF over the first byte of a three-byte character: 0xFF and the two orphaned continuation bytes.
    assert.equal(f.actual, '3 invalid');
    const line = buffer.subarray(0, at).toString('latin1').split('\n').length;
    assert.equal(f.place?.line, line);
    assert.match(f.message, new RegExp(`^3 byte sequence\\(s\\) are not valid UTF-8.*at byte ${at} \\(line ${line}\\)`));
  });

  it('the real HTML report stays UTF-8: ok, every value', async () => {
    const { buffer, at } = withBadByte(HTML, '信息公开类行政复议');
    const r = await extractReport({ path: 'x.html', buffer });
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.fields, expected('html/shanghai-bangongting-2019.expected.json').fields);
    assert.match(one(r, 'encoding.damaged').message, new RegExp(`at byte ${at} `));
    assert.ok(!rules(r).includes('encoding.mismatch'));
  });

  it('ten bad bytes: each counted, the first ten named', () => {
    // 0xFF inserted at the end of twelve lines.
    const lines = readFixture(TEXT).toString('utf8').split('\n');
    const buf = Buffer.concat(lines.flatMap((l, i) => [Buffer.from(l), ...(i % 5 === 1 && i < 60 ? [Buffer.from([0xff])] : []), Buffer.from(i < lines.length - 1 ? '\n' : '')]));
    const d = decode(buf);
    assert.equal(d.value.encoding, 'utf-8');
    assert.match(d.findings[0]!.message, /^12 byte sequence\(s\).* and 2 more\./);
    assert.equal(d.value.text.split('\uFFFD').length - 1, 12);
  });

  it('GBK stays GBK: declared as UTF-8 (encoding.mismatch), and with no declaration (no finding)', () => {
    const gbkSaysUtf8 = decode(readFixture('html/shanghai-2019-gbk-declared-utf8.html'), 'utf-8');
    assert.equal(gbkSaysUtf8.value.encoding, 'gb18030');
    assert.deepEqual(gbkSaysUtf8.findings.map((f) => f.rule), ['encoding.mismatch']);
    assert.match(gbkSaysUtf8.value.text, /上海市人民政府办公厅/);
    const gbk = decode(readFixture('text/xiuzhou-gongxiaoshe-2020-gbk.txt'));
    assert.equal(gbk.value.encoding, 'gb18030');
    assert.deepEqual(gbk.findings, []);
    assert.match(gbk.value.text, /^秀洲区供销合作总社2020年度政府信息公开工作年度报告\n/);
  });

  it('UTF-16 with its mark (Notepad\'s "Unicode"), little- and big-endian: the real text and HTML reports, every value', async () => {
    for (const [rel, exp, path] of [
      [TEXT, 'text/xiuzhou-gongxiaoshe-2020.expected.json', 'x.txt'],
      [HTML, 'html/shanghai-bangongting-2019.expected.json', 'x.html'],
    ] as const) {
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFixture(rel).toString('utf8'), 'utf16le')]);
      const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le.subarray(2)).swap16()]);
      for (const buffer of [le, be]) {
        const r = await extractReport({ path, buffer });
        assert.equal(r.status, 'ok', `${rel}: ${JSON.stringify(r.findings.slice(0, 2))}`);
        assert.deepEqual(r.fields, expected(exp).fields);
      }
    }
  });

  it('a page that declares GBK but is clean UTF-8 is read as UTF-8, with encoding.mismatch', () => {
    const d = decode(readFixture(HTML), 'gbk');
    assert.equal(d.value.encoding, 'utf-8');
    assert.deepEqual(d.findings.map((f) => f.rule), ['encoding.mismatch']);
    assert.equal(decode(iconv.encode('示例', 'gbk'), 'gbk').value.text, '示例');
  });

  it('GB18030 reads as iconv-lite reads it: the real GBK page, the 18 codes whose mapping changed in 2022, damaged and cut sequences', () => {
    const page = readFixture('text/xiuzhou-gongxiaoshe-2020-gbk.txt');
    // A6D9 and FE59 are vertical forms and ideographs in the 2022 table, private-use characters in iconv-lite's.
    const changed = Buffer.concat([page.subarray(0, 200), Buffer.from([0xa6, 0xd9, 0xfe, 0x59]), page.subarray(200)]);
    const damaged = Buffer.concat([page.subarray(0, 300), Buffer.from([0x81, 0x30, 0xff, 0xff, 0x80]), page.subarray(300)]);
    const cut = page.subarray(0, page.indexOf(Buffer.from(iconv.encode('报告', 'gbk'))) + 1);
    for (const [what, buf] of [['page', page], ['2022 codes', changed], ['damaged', damaged], ['cut', cut]] as const) {
      const d = decode(buf, 'gbk');
      assert.equal(d.value.encoding, 'gb18030', what);
      assert.equal(d.value.text, iconv.decode(buf, 'gb18030'), what);
    }
    assert.match(decode(changed, 'gbk').value.text, /\ue78d\ue81e/);
  });
});

describe('damage: deep nesting after the tables', function () {
  this.timeout(120_000);
  const html = readFixture(HTML).toString('utf8');
  for (const n of [5_000, 30_000, 200_000]) {
    for (const tag of ['div', 'span']) {
      it(`${n.toLocaleString('en')} nested <${tag}>: ok, every value, extract.nesting`, async () => {
        const page = `${html}${`<${tag}>`.repeat(n)}深处的文字${`</${tag}>`.repeat(n)}`;
        const r = await extractReport({ path: 'x.html', buffer: Buffer.from(page) });
        assert.equal(r.status, 'ok');
        assert.deepEqual(r.fields, expected('html/shanghai-bangongting-2019.expected.json').fields);
        const f = one(r, 'extract.nesting');
        assert.equal(f.actual, n);
        assert.match(f.message, new RegExp(`${n} levels deep; the ${n - 256} tag\\(s\\) opened below level 256 were dropped`));
      });
    }
  }

  async function docxWith(extra: string, base = DOCX): Promise<Buffer> {
    const zip = await JSZip.loadAsync(readFixture(base));
    const doc = await zip.file('word/document.xml')!.async('string');
    const at = doc.lastIndexOf('<w:sectPr');
    zip.file('word/document.xml', doc.slice(0, at) + extra + doc.slice(at));
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  }

  for (const [what, open, close, n] of [
    ['runs', '<w:r>', '</w:r>', 2_000],
    ['runs', '<w:r>', '</w:r>', 20_000],
    ['hyperlinks', '<w:hyperlink>', '</w:hyperlink>', 5_000],
  ] as const) {
    it(`DOCX with ${n.toLocaleString('en')} nested ${what}: ok, every value, the deep text kept`, async () => {
      const r = await extractReport({ path: 'x.docx', buffer: await docxWith(`<w:p>${open.repeat(n)}<w:r><w:t>深处的文字</w:t></w:r>${close.repeat(n)}</w:p>`) });
      assert.equal(r.status, 'ok');
      assert.deepEqual(r.fields, expected('html/shanghai-bangongting-2019.expected.json').fields);
      assert.match(one(r, 'extract.nesting').message, /^word\/document\.xml nests its elements \d+ levels deep/);
    });
  }

  it('DOCX with tables nested 2,000 deep after the report: ok, every value', async () => {
    const deep = `${'<w:tbl><w:tr><w:tc>'.repeat(2000)}<w:p><w:r><w:t>x</w:t></w:r></w:p>${'</w:tc></w:tr></w:tbl><w:p/>'.repeat(2000)}`;
    const r = await extractReport({ path: 'x.docx', buffer: await docxWith(deep) });
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.fields, expected('html/shanghai-bangongting-2019.expected.json').fields);
    assert.ok(rules(r).includes('extract.nesting'));
  });
});

describe('damage: DOCX parts besides the body', function () {
  this.timeout(60_000);
  async function damaged(part: string, how: (xml: string) => string): Promise<Report> {
    const zip = await JSZip.loadAsync(readFixture(DOCX));
    zip.file(part, how(await zip.file(part)!.async('string')));
    return extractReport({ path: 'x.docx', buffer: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }) });
  }
  const cut = (xml: string) => xml.slice(0, xml.length >> 1);

  for (const [part, loss] of [
    ['word/styles.xml', /losing its styles \(formatting only/],
    ['word/_rels/document.xml.rels', /losing the links from the body to its other parts/],
    ['[Content_Types].xml', /losing the list of content types/],
    ['_rels/.rels', /losing the package index/],
  ] as const) {
    it(`${part} cut in half: ok from the body, every value, a warning naming the part and the loss`, async () => {
      const r = await damaged(part, cut);
      assert.equal(r.status, 'ok');
      assert.deepEqual(r.fields, expected('html/shanghai-bangongting-2019.expected.json').fields);
      const f = one(r, 'extract.docx_part');
      assert.equal(f.severity, 'warning');
      assert.ok(f.message.startsWith(`The part ${part} is cut short or garbled: not well-formed XML; the document was read from its body without it`), f.message);
      assert.match(f.message, loss);
      assert.doesNotMatch(JSON.stringify(r.findings), /xmldom|@#\[line/);
    });
  }

  it('styles.xml that fails its CRC: read without it', async () => {
    const buf = Buffer.from(readFixture(DOCX));
    const e = ZipArchive.open(buf).entries.get('word/styles.xml')!;
    buf[e.localOffset + 30 + e.name.length + 20]! ^= 0x55;
    const r = await extractReport({ path: 'x.docx', buffer: buf });
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.fields, expected('html/shanghai-bangongting-2019.expected.json').fields);
    assert.match(one(r, 'extract.docx_part').message, /^The part word\/styles\.xml does not unzip/);
  });

  it('a body cut in half is read up to the cut: table 二 survives, the tables after the cut are lost and said to be', async () => {
    const r = await damaged('word/document.xml', cut);
    assert.equal(r.status, 'partial');
    const want = expected('html/shanghai-bangongting-2019.expected.json').fields;
    const active = Object.keys(want).filter((id) => id.startsWith('active.'));
    assert.ok(active.length > 20);
    for (const id of active) assert.equal(r.fields[id], want[id], id);
    const f = one(r, 'extract.docx_part');
    assert.match(f.message, /^The body, word\/document\.xml, is cut short or garbled: not well-formed XML; it was read up to the damage \(its first \d+ paragraphs and tables\)/);
    assert.match(f.message, /Text and tables after the damage are lost\.$/);
    assert.deepEqual(r.findings.filter((x) => x.rule === 'table.missing').length, 2);
    assert.doesNotMatch(JSON.stringify(r.findings), /xmldom|@#\[line/);
  });

  it('a body that does not unzip fails the document, naming word/document.xml', async () => {
    const buf = Buffer.from(readFixture(DOCX));
    const e = ZipArchive.open(buf).entries.get('word/document.xml')!;
    buf[e.localOffset + 30 + e.name.length + 200]! ^= 0x55;
    const r = await extractReport({ path: 'x.docx', buffer: buf });
    assert.equal(r.status, 'failed');
    assert.match(one(r, 'extract.failed').message, /word\/document\.xml/);
  });
});

describe('damage: an ok report with template fields never read', () => {
  it('table 三 without its block （五）不予处理: fields.missing counts the 35 unread fields', async () => {
    const html = readFixture('html/huaian-shi-2024-template2021.html').toString('utf8');
    const from = html.indexOf('<tr><td rowspan="5"><p>（五）不予处理');
    const to = html.indexOf('<tr><td rowspan="3"><p>（六）其他处理');
    assert.ok(from > 0 && to > from);
    const r = await extractReport({ path: 'x.html', buffer: Buffer.from(html.slice(0, from) + html.slice(to)) });
    assert.equal(r.status, 'ok');
    const f = one(r, 'fields.missing');
    assert.equal(f.severity, 'warning');
    assert.equal(f.fields.length, 35);
    assert.ok(f.fields.every((id) => id.startsWith('apps.not_processed.') && r.fields[id] === null), f.fields.join());
    assert.match(f.message, /^35 of the 200 fields of the 2021 template were not read \(table 三: 35\)/);
    // What was not cut is still read.
    assert.equal(r.fields['apps.unable.not_held.natural'], 746);
    assert.equal(r.fields['apps.other.misc.natural'], 108);
  });

  it('the reference report gives no fields.missing', async () => {
    const r = await extractReport({ path: 'x.html', buffer: readFixture('html/huaian-shi-2024-template2021.html') });
    assert.ok(!rules(r).includes('fields.missing'));
  });
});
