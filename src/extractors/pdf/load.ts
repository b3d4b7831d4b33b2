// Opening a PDF with the one pdfjs of the process (pdfjs-dist 5.4.296, the
// version pdf-parse 2.4.5 pins; two versions in one process fail with "API
// version does not match Worker version"). The legacy build runs in Node 20
// (the modern one needs DOMMatrix); in Node it always uses its "fake worker":
// it imports ./pdf.worker.mjs beside pdf.mjs on the calling thread, so no
// workerSrc has to be set.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const require = createRequire(import.meta.url);
/** Folder of the installed pdfjs-dist, resolved like Node resolves the import. */
export const PDFJS_ROOT = path.dirname(require.resolve('pdfjs-dist/package.json'));

let pdfjsPromise: Promise<Pdfjs> | undefined;

/** Imported lazily: HTML-only runs should not pay for 3 MB of pdfjs. */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsPromise ??= import(pathToFileURL(path.join(PDFJS_ROOT, 'legacy/build/pdf.mjs')).href) as Promise<Pdfjs>;
  return pdfjsPromise;
}

export class PdfOpenError extends Error {
  constructor(message: string, readonly kind: 'password' | 'invalid' | 'timeout' | 'other') {
    super(message);
  }
}

/** Rejects with a timeout error after `ms`, calling `onTimeout` first (to destroy the loading task). */
export function deadline<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new PdfOpenError(`gave up after ${Math.round(ms / 1000)} s (timeout); the file may be damaged or very large`, 'timeout'));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export interface OpenedPdf {
  pdfjs: Pdfjs;
  doc: PDFDocumentProxy;
  task: PDFDocumentLoadingTask;
}

/**
 * A do-nothing document for pdfjs's FontLoader. In Node pdfjs defaults to
 * disableFontFace: true and then compiles every glyph outline of every font
 * into canvas paths while building operator lists; we never draw, so we
 * let it "load" fonts as CSS rules into this stub instead (without one it
 * fails, falls back to a standard font and is slower still). Measured by
 * bench/pdfjs-fontface.mjs: text content + operator lists of the three real
 * reports 829 → 513 ms median.
 */
const FONT_STUB_DOCUMENT = {
  fonts: undefined,
  createElement: () => ({ remove() {}, sheet: { insertRule() {}, cssRules: [] } }),
  documentElement: { getElementsByTagName: () => [{ append() {} }] },
};

/**
 * Opens the bytes; maps pdfjs's exceptions to messages a person can act on.
 * `render`: the document will be drawn on a canvas (inspect's PNG), which in
 * Node needs pdfjs's glyph paths, so the font stub is not used.
 */
export async function openPdf(buffer: Buffer, opts: { render?: boolean } = {}): Promise<OpenedPdf> {
  const pdfjs = await loadPdfjs();
  // pdfjs refuses Node Buffers and may transfer (detach) the array: give it a copy.
  const data = new Uint8Array(buffer.byteLength);
  data.set(buffer);
  const task = pdfjs.getDocument({
    data,
    // Chinese text in non-embedded fonts with predefined CMaps (UniGB-UCS2-H…)
    // comes out empty without these; the trailing slash is required.
    cMapUrl: path.join(PDFJS_ROOT, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(PDFJS_ROOT, 'standard_fonts') + path.sep,
    isEvalSupported: false,
    useSystemFonts: false,
    // pdfjs prints warnings with console.log; stdout belongs to the CLI's output.
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...(opts.render ? {} : { disableFontFace: false, ownerDocument: FONT_STUB_DOCUMENT as unknown as Document }),
  });
  try {
    const doc = await task.promise;
    return { pdfjs, doc, task };
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw describeOpenError(e);
  }
}

function describeOpenError(e: unknown): PdfOpenError {
  const name = (e as { name?: string })?.name ?? '';
  const msg = (e as { message?: string })?.message ?? String(e);
  if (name === 'PasswordException') {
    return new PdfOpenError('the PDF is encrypted with a user password; open it with the password and save an unprotected copy (e.g. `qpdf --password=… --decrypt in.pdf out.pdf`)', 'password');
  }
  if (name === 'InvalidPDFException' || /Invalid PDF|No password given|XRef|startxref/i.test(msg)) {
    return new PdfOpenError(`the file is not a readable PDF (${msg}); it may be truncated or damaged: download it again`, 'invalid');
  }
  return new PdfOpenError(`pdfjs could not open the file (${name || 'Error'}: ${msg})`, 'other');
}
