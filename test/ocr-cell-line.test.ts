// A table cell's line of large type is read squeezed across (ocr/cell-line.ts);
// a reading with digits or Latin letters is read again at the line's own width,
// since squeezed, a repeated digit's two copies run together. The lines are
// drawn here in Noto Serif CJK (Debian fonts-noto-cjk, which .ci/run installs;
// its default face is the Japanese one, so no character here differs there)
// at 32 px, as a 16 pt label is at 150 dpi: squeezed alone, 0517-87222589 read
// 0517-8722589.
import assert from 'node:assert/strict';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { readCellLine } from '../src/ocr/cell-line.js';
import type { Gray } from '../src/ocr/image.js';
import { TEMPLATE_LEXICON } from '../src/extractors/raster/labels.js';

const PX = 32;

function drawn(text: string): Gray {
  const family = GlobalFonts.families.map((f) => f.family).find((f) => /^Noto Serif CJK/.test(f));
  assert.ok(family, 'Noto Serif CJK is installed (Debian fonts-noto-cjk)');
  const probe = createCanvas(10, 10).getContext('2d');
  probe.font = `${PX}px "${family}"`;
  const width = Math.ceil(probe.measureText(text).width) + 16, height = PX + 24;
  const g = createCanvas(width, height).getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#000';
  g.font = `${PX}px "${family}"`;
  g.textBaseline = 'top';
  g.fillText(text, 8, 8);
  const rgba = g.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[4 * i]!;
  return { width, height, data };
}

describe('OCR: a cell\'s long line of large type', function () {
  this.timeout(120_000);

  for (const text of ['联系电话：0517-87222589（办公室）', '不予公开占比33.9%，较上年有所下降', '5.要求行政机关确认或重新出具已获取信息', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）']) {
    it(`reads ${text} as drawn`, async () => {
      assert.equal((await readCellLine(drawn(text), PX, TEMPLATE_LEXICON)).text, text);
    });
  }
});
