// The one registry of extractors (Docling's backends): adding a format means
// one extractor file, one line here, one fixture folder and one test.
// Order matters: the first extractor whose `sniff` accepts the bytes wins.
import type { Extractor } from '../types.js';
import { docxExtractor } from './docx/index.js';
import { htmlExtractor } from './html/index.js';
import { imageExtractor } from './image/index.js';
import { oleExtractor } from './ole/index.js';
import { pdfExtractor } from './pdf/index.js';
import { textExtractor } from './text/index.js';

export const EXTRACTORS: Extractor[] = [
  pdfExtractor,
  docxExtractor,
  oleExtractor,
  imageExtractor,
  htmlExtractor,
  textExtractor,
];

export function pickExtractor(buffer: Buffer, path: string): Extractor | undefined {
  return EXTRACTORS.find((e) => e.sniff(buffer, path));
}
