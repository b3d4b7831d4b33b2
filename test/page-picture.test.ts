// The native JPEG path of OCR rendering (raster/page-picture.ts, render.ts):
// which pages it takes (one plain JPEG placed upright) and which it leaves to
// pdfjs, on the OCR fixtures (fixtures/ocr, made by make.sh from the real
// reports) and on small PDFs written here around the fixture's own JPEG.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { loadPdfjs, openPdf } from '../src/extractors/pdf/load.js';
import { pageGraphics, pageText } from '../src/extractors/pdf/primitives.js';
import { findPagePicture, singleDo } from '../src/extractors/raster/page-picture.js';
import { PdfFile } from '../src/extractors/raster/pdf-objects.js';
import { renderPage } from '../src/extractors/raster/render.js';
import { decodeImage } from '../src/ocr/decode.js';
import { decodeGroup4 } from '../src/ocr/ccitt.js';
import { crop, fromRgba } from '../src/ocr/image.js';

const OCR = fileURLToPath(new URL('../../fixtures/ocr/', import.meta.url));
const REAL = fileURLToPath(new URL('../../fixtures/pdf/real/', import.meta.url));

async function pictures(file: string): Promise<(string | undefined)[]> {
  const buf = readFileSync(file);
  const { doc, task } = await openPdf(buf);
  const pdf = new PdfFile(buf);
  const out: (string | undefined)[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const pic = findPagePicture(pdf, page.ref!.num, page.view);
    out.push(pic && `${pic.width}x${pic.height}`);
  }
  await task.destroy();
  return out;
}

/** A one-page PDF (A4 at 150 dpi: 1240×1754 px would fill it) painting `content`, its XObject /Im0 a JPEG with `extra` in its dictionary. */
function onePagePdf(content: Buffer, jpeg: Buffer, extra = '', contentFilter = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const obj = (n: number, body: Buffer | string) => parts.push(Buffer.from(`${n} 0 obj\n`), Buffer.from(body), Buffer.from('\nendobj\n'));
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /XObject << /Im0 5 0 R >> >> >>');
  obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.2 841.92] /Contents 4 0 R >>');
  obj(4, Buffer.concat([Buffer.from(`<< /Length ${content.length}${contentFilter} >>\nstream\n`), content, Buffer.from('\nendstream')]));
  obj(5, Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width 839 /Height 1180 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode${extra} /Length 6 0 R >>\nstream\n`), jpeg, Buffer.from('\nendstream')]));
  obj(6, String(jpeg.length));
  parts.push(Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n'));
  return Buffer.concat(parts);
}

/** A PNG's image data (its IDAT chunks joined: one zlib stream) and its size, colour type and depth. */
function pngData(png: Buffer): { data: Buffer; width: number; height: number; colourType: number; depth: number } {
  const idat: Buffer[] = [];
  let off = 8;
  while (off + 12 <= png.length) {
    const len = png.readUInt32BE(off), type = png.toString('latin1', off + 4, off + 8);
    if (type === 'IDAT') idat.push(png.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  return { data: Buffer.concat(idat), width: png.readUInt32BE(16), height: png.readUInt32BE(20), depth: png[24]!, colourType: png[25]! };
}

/** The PNG with only its IHDR, IDAT and IEND chunks: libpng then applies no gamma (a PDF's samples are taken as they are). */
function bare(png: Buffer): Buffer {
  const keep: Buffer[] = [png.subarray(0, 8)];
  for (let off = 8; off + 12 <= png.length; ) {
    const len = png.readUInt32BE(off), type = png.toString('latin1', off + 4, off + 8);
    if (type === 'IHDR' || type === 'IDAT' || type === 'IEND') keep.push(png.subarray(off, off + 12 + len));
    off += 12 + len;
  }
  return Buffer.concat(keep);
}

/** A one-page PDF placing a grey PNG's data as img2pdf stores it (Flate with PNG predictors), `dpi` pixels an inch. */
function pngPdf(png: Buffer, dpi: number): Buffer {
  const { data, width, height } = pngData(png);
  const [w, h] = [(width * 72) / dpi, (height * 72) / dpi];
  const content = Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`);
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const obj = (n: number, body: Buffer | string) => parts.push(Buffer.from(`${n} 0 obj\n`), Buffer.from(body), Buffer.from('\nendobj\n'));
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  obj(3, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>`);
  obj(4, Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]));
  obj(5, Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns ${width} >> /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]));
  parts.push(Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n'));
  return Buffer.concat(parts);
}

describe('OCR rendering from the page\'s own PNG data (raster/page-picture.ts)', function () {
  this.timeout(120_000);
  // ImageMagick's 8-bit grey PNG of page 3 of hongze-qu-2023 at 150 dpi (make.sh step 4): rows filtered None, Sub, Up, Average and Paeth.
  const png = readFileSync(OCR + 'hongze-qu-2023-p3-smudged.png');

  it('draws the page pixel for pixel as libpng decodes the PNG (its gamma chunks left out), at its own resolution', async () => {
    const info = pngData(png);
    assert.deepEqual([info.width, info.height, info.colourType, info.depth], [1240, 1755, 0, 8]);
    const buf = pngPdf(png, 150);
    const pic = findPagePicture(new PdfFile(buf), 3, [0, 0, 595.2, 842.4]);
    assert.deepEqual(pic && [pic.kind, pic.width, pic.height], ['flate', 1240, 1755]);
    const { doc, task } = await openPdf(buf);
    const drawn = await renderPage(doc, 1, 150);
    // Drawn smaller, it is pdfjs's to resample (the native path copies pixels only).
    const small = await renderPage(doc, 1, 100);
    await task.destroy();
    const [decoded] = await decodeImage(bare(png));
    // 595.2 pt at 150 dpi is 1240.0000001 px: the page is drawn a pixel wider (white), as pdfjs would.
    assert.deepEqual([drawn.width, drawn.height], [1241, 1755]);
    assert.ok(Buffer.from(crop(drawn, 0, 0, 1240, 1755).data).equals(Buffer.from(decoded!.image.data)), 'the drawn page differs from the decoded PNG');
    assert.ok(crop(drawn, 1240, 0, 1241, 1755).data.every((v) => v === 255));
    assert.deepEqual([small.width, small.height], [827, 1170]);
  });

  it('counts a scanned page\'s one picture and its resolution without an operator list, as pdfimages -list does', async () => {
    const pdfjs = await loadPdfjs();
    for (const [file, dpi] of [[pngPdf(png, 150), 150], [readFileSync(OCR + 'hongze-qu-2023-scan-1bit-200dpi.pdf'), 200]] as const) {
      const { doc, task } = await openPdf(file);
      const page = await doc.getPage(1);
      const g = await pageGraphics(pdfjs, doc, page, await pageText(page, 0), 0);
      await task.destroy();
      assert.deepEqual([g.images, g.imageDpi, g.segments.length], [1, dpi, 0]);
    }
  });
});

describe('OCR rendering from the page\'s own JPEG (raster/page-picture.ts)', function () {
  this.timeout(120_000);
  const jpegScan = OCR + 'hongze-qu-2023-p3-4-100dpi-jpeg.pdf';

  it('finds the JPEG of each page of a JPEG scan, and only the scanned page of a text PDF', async () => {
    // 839×1180: the size of each JPEG in the PDF (pdfimages -list shows it).
    assert.deepEqual(await pictures(jpegScan), ['839x1180', '839x1180']);
    assert.deepEqual(await pictures(OCR + 'hongze-qu-2024-one-scanned-page.pdf'), [undefined, undefined, '1240x1755', undefined, undefined]);
  });

  it('takes the Group 4 pictures of a 1-bit scan, and leaves text pages to pdfjs', async () => {
    // 1653×2339: the size of each CCITT picture in the PDF (pdfimages -list shows it).
    assert.deepEqual(await pictures(OCR + 'hongze-qu-2023-scan-1bit-200dpi.pdf'), Array(5).fill('1653x2339'));
    assert.deepEqual(await pictures(REAL + 'hongze-qu-2023.pdf'), [undefined, undefined, undefined, undefined, undefined]);
  });

  it('draws a Group 4 page pixel for pixel as pdfjs paints it, and refuses fax data cut short', async () => {
    const buf = readFileSync(OCR + 'hongze-qu-2023-scan-1bit-200dpi.pdf');
    const { doc, task } = await openPdf(buf);
    const drawn = await renderPage(doc, 3, 200);
    const page = await doc.getPage(3);
    const viewport = page.getViewport({ scale: 200 / 72 });
    const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } } } }).canvasFactory;
    const made = factory.create(drawn.width, drawn.height);
    await page.render({ canvasContext: made.context as never, canvas: made.canvas as never, viewport, background: '#ffffff' }).promise;
    const painted = fromRgba(made.context.getImageData(0, 0, drawn.width, drawn.height).data, drawn.width, drawn.height);
    const pic = findPagePicture(new PdfFile(buf), page.ref!.num, page.view)!;
    await task.destroy();
    assert.ok(Buffer.from(drawn.data).equals(Buffer.from(painted.data)), 'the drawn page differs from pdfjs\'s painting');
    // Table 三 is on this page: a good share of it is ink.
    assert.ok(drawn.data.filter((v) => v === 0).length > 0.02 * drawn.data.length);
    assert.equal(pic.kind, 'ccitt');
    if (pic.kind === 'ccitt') assert.throws(() => decodeGroup4(pic.data.subarray(0, pic.data.length >> 1), pic.width, pic.height, pic.blackIs1), /fax data/);
  });

  it('draws the page pixel for pixel as the JPEG decodes', async () => {
    const buf = readFileSync(jpegScan);
    const { doc, task } = await openPdf(buf);
    const page = await doc.getPage(1);
    const pic = findPagePicture(new PdfFile(buf), page.ref!.num, page.view)!;
    assert.equal(pic.kind, 'jpeg');
    const [decoded] = await decodeImage(pic.kind === 'jpeg' ? pic.jpeg : Buffer.alloc(0));
    const drawn = await renderPage(doc, 1, 100);
    await task.destroy();
    assert.deepEqual([drawn.width, drawn.height], [839, 1180]);
    assert.ok(Buffer.from(drawn.data).equals(Buffer.from(decoded!.image.data)), 'the drawn page differs from the decoded JPEG');
  });

  it('takes a plain placement, plain or Flate-compressed, and nothing else', async () => {
    const buf = readFileSync(jpegScan);
    const { doc, task } = await openPdf(buf);
    const page = await doc.getPage(1);
    const pic = findPagePicture(new PdfFile(buf), page.ref!.num, page.view)!;
    const bytes = pic.kind === 'jpeg' ? pic.jpeg : Buffer.alloc(0);
    await task.destroy();
    const view = [0, 0, 595.2, 841.92];
    const found = (pdf: Buffer) => findPagePicture(new PdfFile(pdf), 3, view);
    const plain = Buffer.from('q 595.2 0 0 841.92 0 0 cm /Im0 Do Q');
    const placed = (pdf: Buffer) => {
      const p = found(pdf);
      return p && [p.width, p.height, p.x, p.y, p.w, p.h].map((v) => Math.round(v * 100) / 100);
    };
    assert.deepEqual(placed(onePagePdf(plain, bytes)), [839, 1180, 0, 0, 595.2, 841.92]);
    assert.ok(found(onePagePdf(deflateSync(plain), bytes, '', ' /Filter /FlateDecode')));
    // Half the page, moved: still one picture, drawn where it lands.
    assert.deepEqual(placed(onePagePdf(Buffer.from('q 1 0 0 1 100 200 cm q 297.6 0 0 420.96 0 0 cm /Im0 Do Q Q'), bytes)), [839, 1180, 100, 220.96, 297.6, 420.96]);
    for (const [why, content, extra] of [
      ['turned', 'q 0 841.92 -595.2 0 595.2 0 cm /Im0 Do Q', ''],
      ['upside down', 'q 595.2 0 0 -841.92 0 841.92 cm /Im0 Do Q', ''],
      ['text beside it', 'q 595.2 0 0 841.92 0 0 cm /Im0 Do Q BT /F1 12 Tf (x) Tj ET', ''],
      ['drawn twice', 'q 595.2 0 0 841.92 0 0 cm /Im0 Do Q q 595.2 0 0 841.92 0 0 cm /Im0 Do Q', ''],
      ['a graphics state', '/GS0 gs q 595.2 0 0 841.92 0 0 cm /Im0 Do Q', ''],
      ['a soft mask', 'q 595.2 0 0 841.92 0 0 cm /Im0 Do Q', ' /SMask 7 0 R'],
      ['a Decode array', 'q 595.2 0 0 841.92 0 0 cm /Im0 Do Q', ' /Decode [1 0]'],
    ] as const) assert.equal(found(onePagePdf(Buffer.from(content), bytes, extra)), undefined, why);
    assert.equal(singleDo(Buffer.from('q 1 0 0 1 0 0 cm Q')), undefined);
    // Encrypted: the stored bytes are ciphertext.
    assert.equal(found(Buffer.concat([onePagePdf(plain, bytes), Buffer.from('trailer\n<< /Root 1 0 R /Encrypt 7 0 R >>\n')])), undefined);
  });
});
