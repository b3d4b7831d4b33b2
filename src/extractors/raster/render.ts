// A PDF page drawn into grey pixels at the resolution of the page's picture,
// so a scan's pixels map one to one (resampling a 1-bit scan smears it); only
// below 100 dpi it is drawn larger, and above 300 smaller (time). A page that
// only places one JPEG picture, or one 8-bit Flate or Group 4 fax picture at
// its own resolution, is drawn from the picture's bytes decoded natively
// (page-picture.ts); every other page by pdfjs with @napi-rs/canvas (the
// canvas pdf-parse already brings).
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { decodeGroup4 } from '../../ocr/ccitt.js';
import { checkStructure } from '../../ocr/decode.js';
import { fromRgba, placeAt, type Gray } from '../../ocr/image.js';
import { pdfFileOf } from '../pdf/primitives.js';
import { findPagePicture, flateGray } from './page-picture.js';

export const MIN_DPI = 100;
export const MAX_DPI = 300;
/** When the page holds no picture (force on a text page), or its size is unknown. */
export const DEFAULT_DPI = 200;

export function dpiFor(imageDpi: number | undefined): number {
  if (!imageDpi) return DEFAULT_DPI;
  return Math.min(MAX_DPI, Math.max(MIN_DPI, Math.round(imageDpi)));
}

interface CanvasFactory {
  create(w: number, h: number): { canvas: unknown; context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
  destroy?(c: unknown): void;
}

/** The page from its one picture, or undefined when the page is not that simple (pdfjs draws it then). */
async function drawPicture(doc: PDFDocumentProxy, page: PDFPageProxy, dpi: number, w: number, h: number): Promise<Gray | undefined> {
  if (page.rotate % 360 !== 0 || page.userUnit !== 1 || !page.ref) return undefined;
  const pdf = await pdfFileOf(doc);
  const pic = pdf && findPagePicture(pdf, page.ref.num, page.view);
  if (!pic) return undefined;
  const k = dpi / 72;
  const [x, y, dw, dh] = [pic.x * k, pic.y * k, pic.w * k, pic.h * k];
  // At its own resolution (the page's size in points is rounded) the picture is copied pixel for pixel: a scale of
  // 1.0000002 would resample it all, and Skia's 'high' (Mitchell) filter blurs even at scale 1.
  const oneToOne = Math.abs(dw - pic.width) < 1 && Math.abs(dh - pic.height) < 1;
  if (pic.kind !== 'jpeg') {
    if (!oneToOne) return undefined;
    const pixels = pic.kind === 'flate' ? flateGray(pic) : decodeGroup4(pic.data, pic.width, pic.height, pic.blackIs1);
    return placeAt(pixels, Math.round(x), Math.round(y), w, h);
  }
  checkStructure(pic.jpeg, 'jpeg'); // a cut JPEG crashes the native decoder
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const img = await loadImage(pic.jpeg);
  if (img.width !== pic.width || img.height !== pic.height) return undefined;
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  if (oneToOne) ctx.drawImage(img, Math.round(x), Math.round(y));
  else {
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(img, x, y, dw, dh);
  }
  return fromRgba(ctx.getImageData(0, 0, w, h).data, w, h);
}

export async function renderPage(doc: PDFDocumentProxy, pageNo: number, dpi: number): Promise<Gray> {
  const page = await doc.getPage(pageNo);
  try {
    const viewport = page.getViewport({ scale: dpi / 72 });
    const w = Math.ceil(viewport.width), h = Math.ceil(viewport.height);
    const native = await drawPicture(doc, page, dpi, w, h).catch(() => undefined);
    if (native) return native;
    const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
    const made = factory.create(w, h);
    await page.render({ canvasContext: made.context as never, canvas: made.canvas as never, viewport, background: '#ffffff' }).promise;
    const img = fromRgba(made.context.getImageData(0, 0, w, h).data, w, h);
    factory.destroy?.(made);
    return img;
  } finally {
    page.cleanup();
  }
}
