// A PDF page drawn into grey pixels (pdfjs with @napi-rs/canvas, the canvas
// pdf-parse already brings), at the resolution of the page's picture, so a
// scan's pixels map one to one (resampling a 1-bit scan smears it); only
// below 100 dpi it is drawn larger, and above 300 smaller (time).
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { fromRgba, type Gray } from '../../ocr/image.js';

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

export async function renderPage(doc: PDFDocumentProxy, pageNo: number, dpi: number): Promise<Gray> {
  const page = await doc.getPage(pageNo);
  try {
    const viewport = page.getViewport({ scale: dpi / 72 });
    const w = Math.ceil(viewport.width), h = Math.ceil(viewport.height);
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
