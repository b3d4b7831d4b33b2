// OCR's mark on a raw cell: `ocr: true` and a confidence in its provenance,
// and its other readings for the proof-reader.
import { alternatives, type OcrReading } from '../../ocr/reading.js';
import type { RawCell } from '../../types.js';

export function withOcr(cell: RawCell, ocr: OcrReading | undefined): RawCell {
  if (!ocr) return cell;
  cell.prov.ocr = true;
  cell.prov.confidence = Math.round(ocr.confidence * 1000) / 1000;
  const alts = alternatives(cell.text, ocr);
  if (alts.length > 0) cell.alternatives = alts;
  return cell;
}
