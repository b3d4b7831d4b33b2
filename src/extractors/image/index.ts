// Image files (PNG, JPEG, TIFF, multi-page TIFF): a scanned report read by
// OCR page by page. With `--ocr off` an image is `extract.no_text`.
import { decodeImage, imageKind } from '../../ocr/decode.js';
import { failedExtraction, result } from '../../result.js';
import type { Extractor, RawDocument, Result } from '../../types.js';
import { guessDpi, readRasterPages, toDocument } from '../raster/document.js';

export const IMAGE_EXTRACTOR_VERSION = 'image-1';

const empty = (): RawDocument => ({ format: 'image', tables: [], text: '' });

export async function extractImage(buffer: Buffer, path: string, ocr: 'auto' | 'off' | 'force'): Promise<Result<RawDocument>> {
  if (ocr === 'off') return failedExtraction(empty(), 'extract.no_text', 'the file is an image (a scan or a picture of a report) and OCR is off; run with --ocr auto to read it');
  let decoded;
  try {
    decoded = await decodeImage(buffer);
  } catch (e) {
    return failedExtraction(empty(), 'extract.failed', `the image could not be decoded: ${(e as Error).message}`);
  }
  const name = path.split(/[\\/]/).pop() ?? path;
  const pages = decoded.map((d, i) => ({ image: d.image, dpi: guessDpi(d.image, d.dpi), name: decoded.length > 1 ? `${name} page ${i + 1}` : name }));
  const r = await readRasterPages(pages);
  if (r.tables.length === 0 && r.text.trim() === '') return failedExtraction(empty(), 'extract.no_text', 'OCR found no text in the image');
  return result(toDocument(r, 'image'), r.findings);
}

export const imageExtractor: Extractor = {
  format: 'image',
  version: IMAGE_EXTRACTOR_VERSION,
  sniff: (buf) => imageKind(buf) !== undefined,
  extract: ({ buffer, path, options }) => extractImage(buffer, path, options?.ocr ?? 'auto'),
};
