// Linear time on hostile input (issue 9, item 2): fast-check picks a hostile
// shape (deep nesting, many spans, many tables, long lines, broken bytes),
// builds it at two sizes, and the cost per byte at eight times the size must
// stay within a generous factor of the cost at the smaller one. Ratios, not
// absolute times: the machine is shared, and bench/ measures speed.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import JSZip from 'jszip';
import { decode } from '../src/extractors/decode.js';
import { docxExtractor } from '../src/extractors/docx/index.js';
import { htmlExtractor } from '../src/extractors/html/index.js';
import type { Extractor } from '../src/types.js';
import { readFixture } from './docx-helpers.js';

/** Growth of the size between the two measurements. */
const STEP = 8;
/** Cost per byte at 8× the size over cost per byte at 1×: quadratic work gives ≈ 8, linear ≈ 1 (up to ≈ 2 with GC and cache effects, measured). */
const MAX_RATIO = 3.5;
const RUNS = Number(process.env.GKREPORT_LINEAR_RUNS ?? 4);

/** The least time of three runs (noise on a shared machine only ever adds time). */
async function bestMs(f: () => Promise<unknown>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

async function perByteRatio(build: (k: number) => Promise<Buffer> | Buffer, k: number, read: (b: Buffer) => Promise<unknown>): Promise<{ ratio: number; detail: string }> {
  const small = await build(k);
  const large = await build(STEP * k);
  await read(small); // warm-up: lazy imports, JIT
  let out = { ratio: Number.POSITIVE_INFINITY, detail: '' };
  // Measured again once when over the bound: a busy machine only ever adds time.
  for (let attempt = 0; attempt < 2 && out.ratio >= MAX_RATIO; attempt++) {
    const a = (await bestMs(() => read(small))) / small.length;
    const b = (await bestMs(() => read(large))) / large.length;
    if (b / a < out.ratio) out = { ratio: b / a, detail: `${small.length} B: ${(a * 1e6).toFixed(0)} ns/B, ${large.length} B: ${(b * 1e6).toFixed(0)} ns/B` };
  }
  return out;
}

const extract = (x: Extractor, path: string) => (buffer: Buffer) => x.extract({ path, buffer, options: {} });

// HTML: an opening and closing pair, repeated nested, side by side, or never closed.
const htmlTag = fc.constantFrom('div', 'span', 'p', 'b', 'font', 'td', 'li', 'table', 'a');
const htmlShape = fc.record({
  tag: htmlTag,
  attrs: fc.constantFrom('', ' class="x"', ' style="a:b" title=">"', ' rowspan="100000"'),
  text: fc.constantFrom('', '1', '总计', '\t|\t', '　'),
  mode: fc.constantFrom('nested', 'flat', 'unclosed'),
});
type HtmlShape = { tag: string; attrs: string; text: string; mode: string };
function htmlOf(s: HtmlShape, k: number): Buffer {
  const open = `<${s.tag}${s.attrs}>`;
  const close = `</${s.tag}>`;
  const body = s.mode === 'nested' ? `${open.repeat(k)}${s.text}${close.repeat(k)}` : s.mode === 'flat' ? `${open}${s.text}${close}`.repeat(k) : `${open}${s.text}`.repeat(k);
  return Buffer.from(`<html><body><p>报告</p>${body}</body></html>`);
}

describe('linear time: HTML extractor', function () {
  this.timeout(600_000);
  it('nested, side-by-side and unclosed tags of every kind', async () => {
    await fc.assert(
      fc.asyncProperty(htmlShape, async (s) => {
        const { ratio, detail } = await perByteRatio((k) => htmlOf(s, k), 3_000, extract(htmlExtractor, 'x.html'));
        assert.ok(ratio < MAX_RATIO, `${JSON.stringify(s)}: ${ratio.toFixed(2)}× per byte (${detail})`);
      }),
      { numRuns: RUNS, seed: 9 },
    );
  });

  it('many tables, and long lines of digits, TABs and |', async () => {
    const cases: Array<[string, (k: number) => Buffer]> = [
      ['many tables', (k) => Buffer.from(`<p>报告</p>${'<table><tr><td>总计</td><td>1</td><td>2</td></tr></table>'.repeat(k)}`)],
      ['one table of many rows', (k) => Buffer.from(`<p>报告</p><table>${'<tr><td>总计</td><td>1</td></tr>'.repeat(k)}</table>`)],
      ['a line of digits', (k) => Buffer.from(`<p>${'1234567890'.repeat(k)}</p>`)],
      ['a line of TABs and |', (k) => Buffer.from(`<p>${'\t|\t| '.repeat(2 * k)}</p>`)],
    ];
    for (const [name, build] of cases) {
      const { ratio, detail } = await perByteRatio(build, 2_000, extract(htmlExtractor, 'x.html'));
      assert.ok(ratio < MAX_RATIO, `${name}: ${ratio.toFixed(2)}× per byte (${detail})`);
    }
  });
});

describe('linear time: DOCX extractor', function () {
  this.timeout(600_000);
  let base: JSZip;
  before(async () => {
    base = await JSZip.loadAsync(readFixture('docx/report-2021-sample.docx'));
  });
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  async function docx(body: string): Promise<Buffer> {
    base.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}<w:sectPr/></w:body></w:document>`);
    return base.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  }
  const run = '<w:r><w:t>1</w:t></w:r>';
  const shapes: Record<string, (k: number) => string> = {
    'nested runs': (k) => `<w:p>${'<w:r>'.repeat(k)}${run}${'</w:r>'.repeat(k)}</w:p>`,
    'nested hyperlinks': (k) => `<w:p>${'<w:hyperlink>'.repeat(k)}${run}${'</w:hyperlink>'.repeat(k)}</w:p>`,
    'many runs in one paragraph': (k) => `<w:p>${run.repeat(k)}</w:p>`,
    'many paragraphs': (k) => `<w:p>${run}</w:p>`.repeat(k),
    'many tables': (k) => `<w:tbl><w:tr><w:tc><w:p>${run}</w:p></w:tc></w:tr></w:tbl><w:p/>`.repeat(k),
    'nested tables': (k) => `${'<w:tbl><w:tr><w:tc>'.repeat(k)}<w:p>${run}</w:p>${'</w:tc></w:tr></w:tbl><w:p/>'.repeat(k)}`,
    'a long text run': (k) => `<w:p><w:r><w:t>${'1\t|'.repeat(8 * k)}</w:t></w:r></w:p>`,
  };
  it('nested runs, hyperlinks and tables; many runs, paragraphs and tables; long text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(shapes)), async (name) => {
        const { ratio, detail } = await perByteRatio((k) => docx(shapes[name]!(k)), 500, extract(docxExtractor, 'x.docx'));
        assert.ok(ratio < MAX_RATIO, `${name}: ${ratio.toFixed(2)}× per byte (${detail})`);
      }),
      { numRuns: Object.keys(shapes).length + 1, seed: 9 },
    );
  });
});

describe('linear time: charset decoding', () => {
  it('UTF-8, GBK and broken bytes in any mix', async () => {
    const piece = fc.constantFrom(Buffer.from('总计 1\n'), Buffer.from([0xff]), Buffer.from([0xe4, 0xb8]), Buffer.from([0xd7, 0xdc, 0xbc, 0xc6]), Buffer.from('<meta charset="utf-8">'));
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 8 }), async (pieces) => {
        const unit = Buffer.concat(pieces);
        const { ratio, detail } = await perByteRatio((k) => Buffer.concat(Array.from({ length: k }, () => unit)), 10_000, async (b) => decode(b, 'utf-8'));
        assert.ok(ratio < MAX_RATIO, `${ratio.toFixed(2)}× per byte (${detail})`);
      }),
      { numRuns: RUNS, seed: 9 },
    );
  });
});
