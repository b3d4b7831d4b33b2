// A PDF page drawn as PNG with pdfjs and @napi-rs/canvas (the canvas pdf-parse
// uses). Shared by `inspect` and the review app's page view, so both show the
// page the same way. The document must be opened with openPdf(…, {render: true}).
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The page as PNG at `scale` (1 = 72 dpi), or undefined when it cannot be rendered. */
export async function renderPng(doc: PDFDocumentProxy, pageNo: number, scale: number): Promise<Buffer | undefined> {
  try {
    const page = await doc.getPage(pageNo);
    const viewport = page.getViewport({ scale });
    const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: { toBuffer(mime: string): Buffer }; context: unknown } } }).canvasFactory;
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
    return canvas.toBuffer('image/png');
  } catch {
    return undefined;
  }
}
