// Table pictures inside HTML and DOCX reports: where the markup lacks one of
// the template's tables (`--ocr auto`) or always (`force`), its pictures are
// read by OCR and their tables appended (the markup's own tables and, when
// it holds any of the template's, its narrative stay as they are); pictures
// that are not at hand (a web address, a file not saved beside the page)
// give `table.image`.
import { decodeImage, imageKind } from '../../ocr/decode.js';
import type { Gray } from '../../ocr/image.js';
import { finding } from '../../result.js';
import { lackingTables, TABLE_NUMBERS, tableNames } from '../../template.js';
import type { Finding, OcrMode, RawDocument, Result } from '../../types.js';
import { guessDpi, readRasterPages } from './document.js';

/** A picture of the document: its name as the markup gives it, and its bytes when they are at hand. */
export interface Picture {
  name: string;
  bytes?: Buffer;
  /** Why the bytes are not at hand. */
  missing?: string;
}

/** Most pictures read from one document, and the largest read (bytes): a page of icons is no report. */
export const MAX_PICTURES = 40;
export const MAX_PICTURE_BYTES = 30 * 1024 * 1024;

/** Reads the pictures into the document's tables; the document is returned unchanged when OCR is not wanted. */
export async function readPictures(doc: RawDocument, pictures: Picture[], mode: OcrMode, where: string): Promise<Result<RawDocument>> {
  const lacking = lackingTables(doc.tables);
  if (mode === 'off' || pictures.length === 0 || (mode === 'auto' && lacking.length === 0)) return { value: doc, findings: [] };
  const findings: Finding[] = [];
  const images: { image: Gray; dpi: number; name: string }[] = [];
  const missing: string[] = [];
  for (const p of pictures.slice(0, MAX_PICTURES)) {
    if (!p.bytes) {
      missing.push(`${p.name}${p.missing ? ` (${p.missing})` : ''}`);
      continue;
    }
    if (p.bytes.length > MAX_PICTURE_BYTES || !imageKind(p.bytes)) continue; // GIF, SVG, EMF: no table scans
    try {
      for (const [i, page] of (await decodeImage(p.bytes)).entries()) {
        // Icons, bullets and seals are too small to hold a table.
        if (page.image.width < 300 || page.image.height < 100) continue;
        images.push({ image: page.image, dpi: guessDpi(page.image, page.dpi), name: i > 0 ? `${p.name} page ${i + 1}` : p.name });
      }
    } catch (e) {
      findings.push(finding('ocr.failed', 'warning', `The picture ${p.name} in the ${where} could not be decoded: ${(e as Error).message}`));
    }
  }
  const out: RawDocument = { ...doc, tables: [...doc.tables] };
  if (images.length > 0) {
    const r = await readRasterPages(images, doc.tables.length);
    out.tables.push(...r.tables);
    // Markup that gives some of the template's tables gives the narrative too; the pictures' lines would only repeat it.
    const markupTables = lacking.length < Object.keys(TABLE_NUMBERS).length;
    if (r.text !== '' && !markupTables) out.text = [doc.text, r.text].filter((x) => x !== '').join('\n');
    findings.push(...r.findings);
  }
  const still = lackingTables(out.tables);
  if (missing.length > 0 && still.length > 0) {
    findings.push(finding('table.image', 'warning', `The ${where} lacks the template's table(s) ${tableNames(still)} but holds ${missing.length} picture(s) that are not at hand, which may be its tables: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}. Save the pictures beside the page (or give the page with its folder) to read them by OCR.`));
  }
  return { value: out, findings };
}
