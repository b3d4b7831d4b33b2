// The constructPath decoder of pdfjs-dist 5.4.296 and the rules it yields,
// on a PDF written here with every way a table border gets drawn. If pdfjs
// changes its path packing, these fail before any table goes wrong.
import assert from 'node:assert/strict';
import { mergeSegments } from '../src/extractors/pdf/grid.js';
import type { Segment } from '../src/extractors/pdf/geometry.js';
import { openPdf } from '../src/extractors/pdf/load.js';
import { decodePath, DRAW } from '../src/extractors/pdf/path-decode.js';
import { pageGraphics, pageText } from '../src/extractors/pdf/primitives.js';
import { makePdf } from './pdf-helpers.js';

const r1 = (s: Segment): string => `${s.axis} ${[s.x0, s.y0, s.x1, s.y1].map((v) => Math.round(v * 10) / 10).join(' ')}`;

describe('pdf path decoding (pdfjs-dist 5.4.296 constructPath)', function () {
  this.timeout(30_000);

  it('splits a DrawOPS buffer into subpaths; a lineTo after closePath starts at the closed start', () => {
    const { moveTo: M, lineTo: L, curveTo: C, closePath: Z } = DRAW;
    const paths = decodePath(new Float32Array([M, 0, 0, L, 10, 0, L, 10, 5, Z, L, 0, 5, M, 20, 20, C, 21, 21, 22, 22, 30, 20]));
    assert.deepEqual(paths, [
      { points: [[0, 0], [10, 0], [10, 5]], closed: true, curved: false },
      { points: [[0, 0], [0, 5]], closed: false, curved: false },
      { points: [[20, 20]], closed: false, curved: true },
      { points: [[30, 20]], closed: false, curved: true },
    ]);
    assert.deepEqual(decodePath(null), []);
    assert.throws(() => decodePath(new Float32Array([7, 0, 0])), /packing changed/);
  });

  it('turns strokes, rectangles, thin fills, one-path grids and forms into rules (top-left points)', async () => {
    const content = [
      '0.5 w 100 700 m 300 700 l S', // a stroked line
      '100 600 200 50 re S', // a stroked rectangle: four rules
      '0 g 100 500 200 1 re f', // a thin filled rectangle: one rule
      '100 400 200 50 re f', // a thick fill (cell shading): none
      '1 g 100 380 200 1 re f 0 g', // a white thin fill: invisible, none
      '100 300 m 150 350 200 350 250 300 c S', // a curve: none
      '400 300 m 500 300 l 500 200 l h S', // closed path: two axis rules, the diagonal dropped
      'q 1 0 0 1 50 0 cm 100 100 m 100 200 l S Q', // under a transform
      '100 750 m 300 750 l 100 780 m 300 780 l 100 750 m 100 780 l 300 750 m 300 780 l S', // one path, a whole grid
      '/Fm1 Do', // a form XObject with its own matrix
      '100 790 200 0 re S', // a zero-height rectangle is a line
    ].join('\n');
    const buf = makePdf(
      [
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Fm1 5 0 R >> >> /Contents 4 0 R >>',
        { dict: '', data: content },
        { dict: '/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 -20]', data: '400 100 m 500 100 l S' },
      ],
      [3],
    );
    const { pdfjs, doc, task } = await openPdf(buf);
    try {
      const page = await doc.getPage(1);
      const text = await pageText(page, 0);
      const g = await pageGraphics(pdfjs, doc, page, text, 0);
      const got = g.segments.map(r1).sort();
      const want = [
        'h 100 142 300 142',
        'h 100 242 300 242', 'h 100 192 300 192', 'v 100 192 100 242', 'v 300 192 300 242',
        'h 100 341.5 300 341.5',
        'h 400 542 500 542', 'v 500 542 500 642',
        'v 150 642 150 742',
        'h 100 92 300 92', 'h 100 62 300 62', 'v 100 62 100 92', 'v 300 62 300 92',
        'h 400 762 500 762',
        'h 100 52 300 52',
      ].sort();
      assert.deepEqual(got, want);
      assert.equal(g.images, 0);
    } finally {
      await task.destroy();
    }
  });

  it('merges collinear touching rules and drops specks', () => {
    const h = (x0: number, x1: number, y: number): Segment => ({ axis: 'h', x0, x1, y0: y, y1: y });
    const merged = mergeSegments([h(0, 50, 10), h(50.5, 100, 10.4), h(200, 300, 10), h(0, 0.5, 40)]).map(r1);
    assert.deepEqual(merged.sort(), ['h 0 10.1 100 10.1', 'h 200 10.1 300 10.1'].sort());
  });
});
