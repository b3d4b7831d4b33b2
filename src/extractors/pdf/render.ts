// A PDF page drawn as PNG with pdfjs and @napi-rs/canvas (the canvas pdf-parse
// uses). Shared by `inspect` and the review app's page view, so both show the
// page the same way. The document must be opened with openPdf(…, {render: true}).
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The page as PNG at `scale` (1 = 72 dpi), or undefined when it cannot be rendered. */
export async function renderPng(doc: PDFDocumentProxy, pageNo: number, scale: number): Promise<Buffer | undefined> {
  try {
    const page = await doc.getPage(pageNo);
    // The canvas and the page's decoded resources are let go after each drawing: the review app draws page after page.
    try {
      const viewport = page.getViewport({ scale });
      type Made = { canvas: { toBuffer(mime: string): Buffer }; context: unknown };
      const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): Made; destroy?(m: Made): void } }).canvasFactory;
      const made = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      try {
        await page.render({ canvasContext: made.context as never, canvas: made.canvas as never, viewport }).promise;
        return made.canvas.toBuffer('image/png');
      } finally {
        factory.destroy?.(made);
      }
    } finally {
      page.cleanup();
    }
  } catch {
    return undefined;
  }
}
