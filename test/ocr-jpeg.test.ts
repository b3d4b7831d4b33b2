// A browser print scanned as a noisy JPEG (fixtures/ocr/*-noisy-jpeg.pdf,
// made by fixtures/ocr/make-prints.sh from the Chromium print of an HTML
// fixture): Chromium draws each cell's own light bevelled border inside the
// table's rules, and the JPEG breaks that light line into pieces beside
// them. The values asserted are those printed on the page.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { mergeSegments } from '../src/extractors/pdf/grid.js';
import type { Segment } from '../src/extractors/pdf/geometry.js';
import { lightRules } from '../src/extractors/raster/light-rules.js';
import type { PixelRule } from '../src/extractors/raster/rules.js';
import { dropStrays } from '../src/extractors/raster/stray.js';
import { pickExtractor } from '../src/extractors/registry.js';
import { normalize, type Normalized } from '../src/normalizers/index.js';
import { dropUnsure } from '../src/proofread/unsure.js';
import { gray, type Gray } from '../src/ocr/image.js';
import { extractReport } from '../src/pipeline.js';
import type { Report } from '../src/types.js';

const OCR = fileURLToPath(new URL('../../fixtures/ocr/', import.meta.url));
const HTML = fileURLToPath(new URL('../../fixtures/html/shanghai-bangongting-2019.html', import.meta.url));
const LONG = { timeoutMs: 900_000 };

const pick = (r: Report, ids: string[]): (number | string | null | undefined)[] => ids.map((id) => r.fields[id]);
const COLS = ['natural', 'commercial', 'research', 'nonprofit', 'legal_service', 'other_org'];
const row = (r: Report, id: string): (number | string | null | undefined)[] => pick(r, COLS.map((c) => `${id}.${c}`));

describe('a browser print scanned as a noisy JPEG (fixtures/ocr, make-prints.sh)', function () {
  this.timeout(900_000);

  it('shanghai-bangongting-2019 page 3, grey 150 dpi, turned 0.8°, noise, JPEG q40: blank cells stay blank, numbers beside the broken borders read whole', async () => {
    const s = await extractReport(OCR + 'shanghai-bangongting-2019-p3-noisy-jpeg.pdf', LONG);
    // Pieces of the light inner borders read as 1 or 9 in these blank cells; 821 read `821 ]`, 12 read `12 85`.
    assert.deepEqual(row(s, 'apps.new'), [821, 35, null, null, 2, 1]);
    assert.deepEqual(row(s, 'apps.granted'), [258, 12, null, null, 1, 1]);
    assert.deepEqual(row(s, 'apps.partial'), [3, null, null, null, null, null]);
    assert.deepEqual(row(s, 'apps.not_processed.complaint'), [148, 1, null, null, null, null]);
    assert.deepEqual(row(s, 'apps.not_processed.confirm'), [null, null, null, null, null, null]);
    assert.deepEqual(row(s, 'apps.result_total'), [767, 35, null, null, 2, 1]);
    assert.deepEqual(row(s, 'apps.carried_out'), [72, null, null, null, null, null]);
    assert.deepEqual(pick(s, ['apps.new.total', 'apps.result_total.total', 'apps.carried_out.total']), [859, 805, 72]);
    // Read surely: the page's line height is that of its type again, not of the border's 1 px pieces (which capped every cell at 0.8).
    assert.ok((s.provenance['apps.result_total.natural']?.confidence ?? 0) > 0.9);
    assert.equal(s.provenance['apps.result_total.natural']?.ocr, true);
    assert.deepEqual(s.findings.filter((f) => (f.rule.startsWith('apps.') && f.severity !== 'info') || f.rule === 'ocr.uncertain' || f.rule === 'ocr.corrected'), []);
  });
});

describe('border remnants in a cell (raster/stray.ts)', () => {
  const DPI = 150;
  const cell = (): Gray => gray(60, 30);
  const paint = (g: Gray, x0: number, y0: number, x1: number, y1: number, v: number): void => {
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) g.data[y * g.width + x] = v;
  };
  const inked = (g: Gray): number => g.data.filter((v) => v < 150).length;

  it('a light 1 px line along the bottom and a short light stroke at the right edge go', () => {
    const g = cell();
    paint(g, 4, 27, 50, 27, 130);
    paint(g, 56, 3, 56, 6, 120);
    assert.equal(inked(dropStrays(g, DPI)), 0);
  });

  it('a dark `1` set 1 px from the left border, a light glyph in the middle and a dark rule-long line with its core stay', () => {
    const g = cell();
    paint(g, 1, 8, 2, 20, 20); // a `1`: thin, at the edge, but as tall as type and dark
    paint(g, 25, 8, 30, 20, 130); // light ink away from the sides: not this module's to judge
    paint(g, 10, 28, 40, 28, 40); // a dark stroke along the bottom: as long as a glyph and dark
    const out = dropStrays(g, DPI);
    assert.equal(inked(out), inked(g));
  });
});

describe('a number OCR read unsure needs the arithmetic (proofread/unsure.ts)', () => {
  // The text form's fields of shanghai-bangongting-2019, with one cell given as OCR read it.
  const read = async (id: string, raw: string, confidence: number): Promise<Normalized> => {
    const { readFileSync } = await import('node:fs');
    const buffer = readFileSync(HTML);
    const n = normalize((await pickExtractor(buffer, HTML)!.extract({ path: HTML, buffer, options: {} })).value).value;
    return { ...n, fields: { ...n.fields, [id]: Number(raw) }, provenance: { ...n.provenance, [id]: { ...n.provenance[id]!, raw, kind: 'number', ocr: true, confidence } } };
  };

  it('a 5 read at 0.14 in the blank 其他结果 cell of 行政复议 (a 16-colour picture\'s border dots did): no identity holds with it, so null with ocr.uncertain', async () => {
    const r = dropUnsure(await read('review.other', '5', 0.14));
    assert.equal(r.value.fields['review.other'], null);
    assert.deepEqual(r.findings.map((f) => [f.rule, f.fields]), [['ocr.uncertain', ['review.other']]]);
    assert.match(r.findings[0]!.message, /no identity of its table confirms it: left null/);
  });

  it('自然人\'s 821 new applications read at 0.3: 821 + 18 = 767 + 72 holds with it, so it stays', async () => {
    const r = dropUnsure(await read('apps.new.natural', '821', 0.3));
    assert.equal(r.value.fields['apps.new.natural'], 821);
    assert.deepEqual(r.findings, []);
  });
});

describe('light rules of a grey scan (raster/light-rules.ts)', () => {
  const DPI = 100;
  // A table frame 300 × 200 px found dark; inside it, drawn at the given grey (after the midtones were darkened).
  const page = (): Gray => gray(400, 300);
  const paint = (g: Gray, x0: number, y0: number, x1: number, y1: number, v: number): void => {
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) g.data[y * g.width + x] = v;
  };
  const frame: PixelRule[] = [
    { axis: 'h', a0: 50, a1: 51, b0: 50, b1: 350 },
    { axis: 'h', a0: 250, a1: 251, b0: 50, b1: 350 },
    { axis: 'v', a0: 50, a1: 51, b0: 50, b1: 251 },
    { axis: 'v', a0: 349, a1: 350, b0: 50, b1: 251 },
  ];
  const table = [{ x0: 50, y0: 50, x1: 350, y1: 251 }];

  it('a light grey column rule (180, lighter than the ink threshold) inside the table is found; the inner line beside the frame is not', () => {
    const g = page();
    paint(g, 200, 52, 201, 249, 180);
    paint(g, 54, 52, 54, 249, 180); // a cell's own light border 3 px inside the frame
    assert.deepEqual(lightRules(g, DPI, frame, table).map((r) => [r.axis, r.a0, r.a1, r.b0, r.b1]), [['v', 200, 201, 52, 249]]);
  });

  it('a line of type (blocks of ink 12 px high, 1 px apart) gives no rule, nor does a light rule outside the tables', () => {
    const g = page();
    for (let x = 60; x < 340; x += 13) paint(g, x, 100, x + 11, 111, 120);
    paint(g, 360, 20, 361, 280, 180);
    assert.deepEqual(lightRules(g, DPI, frame, table), []);
  });

  it('a table shaded light grey (190) inside its frame, with a dark stroke down it, gives no rule: a light rule has white paper beside it', () => {
    const g = page();
    paint(g, 52, 52, 348, 249, 190);
    paint(g, 150, 120, 151, 140, 30);
    assert.deepEqual(lightRules(g, DPI, frame, table), []);
  });
});

describe('grid lines from a scan\'s rules (pdf/grid.ts)', () => {
  it('rules at 366.2, 367.4 and 368.2 pt (a chain whose mean is more than 1 pt from its end) all keep a line', () => {
    const v = (x: number, y0: number, y1: number): Segment => ({ axis: 'v', x0: x, x1: x, y0, y1 });
    const merged = mergeSegments([v(366.2, 77, 411), v(366.5, 48, 76), v(367.4, 503, 527), v(368.2, 463, 527)]);
    assert.ok(merged.every((s) => Number.isFinite(s.x0) && Number.isFinite(s.x1)), JSON.stringify(merged));
    assert.deepEqual(merged.map((s) => [s.y0, s.y1]).sort((a, b) => a[0]! - b[0]!), [[48, 411], [463, 527]]);
  });
});
