// Legacy Word (.doc) and WPS (.wps) reports, and password-protected DOCX
// (which Office stores as an OLE file). The OLE directory is read first
// (cfb.ts) so encrypted, Excel and PowerPoint files fail with their reason
// without starting LibreOffice; Word files are converted to DOCX (soffice.ts)
// and read by the DOCX extractor. RTF files take the same way: sites publish
// them under a .doc name, and as text they would reach the text extractor.
// MHT files (Word's single-file web page, also published as .doc) need no
// LibreOffice: their HTML part is read like any HTML report.
import { extname } from 'node:path';
import { failedExtraction, finding, result } from '../../result.js';
import type { Extractor, RawDocument } from '../../types.js';
import { decode, declaredCharset } from '../decode.js';
import { DOCX_VERSION, docxToRaw, failureMessage } from '../docx/index.js';
import { isMht, mhtHtml } from '../docx/mht.js';
import { htmlToRaw } from '../html/index.js';
import { parseHtml } from '../html/parse.js';
import { isOle } from '../sniff.js';
import { CfbError, oleKind, readCfb, type OleKind } from './cfb.js';
import { ConversionError, SOFFICE_HINT, convertToDocx, findSoffice } from './soffice.js';

export const OLE_VERSION = `ole-1+${DOCX_VERSION}`;
/** A fresh LibreOffice profile takes a few seconds to create; a report converts in a few more. */
export const DEFAULT_CONVERT_TIMEOUT_MS = 120_000;

const empty = (): RawDocument => ({ format: 'docx', tables: [], text: '' });
const fail = (message: string) => failedExtraction(empty(), 'extract.failed', message);

const REFUSED: Partial<Record<OleKind, string>> = {
  'encrypted-ooxml': 'Word file is encrypted (password-protected DOCX: an EncryptedPackage in an OLE container). Remove the password in Word or WPS and save again.',
  'encrypted-doc': 'Word file is encrypted (password-protected .doc: fEncrypted set in its FIB). Remove the password in Word or WPS and save again.',
  excel: 'Not a Word document: an OLE file holding an Excel workbook.',
  powerpoint: 'Not a Word document: an OLE file holding a PowerPoint presentation.',
};

/** RTF: "{\\rtf" at the start, after an optional BOM or white space. */
export function isRtf(buf: Buffer): boolean {
  return /^(\ufeff)?\s*\{\\rtf/.test(buf.subarray(0, 64).toString('latin1').replace(/^\xef\xbb\xbf/, ''));
}

/** What to call the input for LibreOffice, or the reason not to convert it. */
function classify(buffer: Buffer, path: string): { ext: string; label: string } | { refused: string } {
  if (isRtf(buffer)) return { ext: 'rtf', label: 'RTF' };
  let kind: OleKind;
  try {
    kind = oleKind(readCfb(buffer));
  } catch (err) {
    const msg = err instanceof CfbError ? err.message : String(err);
    return { refused: `Unreadable OLE (legacy Office) file: ${msg}.` };
  }
  const refused = REFUSED[kind];
  if (refused) return { refused };
  // A Word binary (WordDocument stream) is named .doc whatever its extension:
  // WPS writes that format too, and a .wps name would send LibreOffice to its
  // MS Works filter first. Other OLE files keep their extension as a hint.
  const wps = extname(path).toLowerCase() === '.wps';
  if (kind === 'word') return { ext: 'doc', label: wps ? 'WPS' : 'Word' };
  return { ext: wps ? 'wps' : 'doc', label: wps ? 'WPS' : 'Word' };
}

/** An MHT file's HTML part through the HTML extractor's table builder. */
async function readMht(buffer: Buffer) {
  const part = mhtHtml(buffer);
  if (!part) return fail('MHT file (single-file web page) without an HTML part.');
  const decoded = decode(part.bytes, part.charset ?? declaredCharset(part.bytes));
  const parsed = await parseHtml(decoded.value.text);
  const raw = htmlToRaw(parsed.value, 'html');
  const note = finding('extract.converted', 'info', 'MHT file (single-file web page, as Word saves it) read as the HTML it holds.');
  return result(raw.value, [note, ...decoded.findings, ...parsed.findings, ...raw.findings]);
}

export const oleExtractor: Extractor = {
  format: 'docx',
  version: OLE_VERSION,
  sniff: (buf) => isOle(buf) || isRtf(buf) || isMht(buf),
  async extract({ path, buffer, options }) {
    if (isMht(buffer)) return readMht(buffer);
    const what = classify(buffer, path);
    if ('refused' in what) return fail(what.refused);
    const soffice = await findSoffice();
    if (!soffice) return fail(`Cannot read a legacy Word/WPS/RTF file without LibreOffice. ${SOFFICE_HINT}`);
    try {
      // Most of the file's time budget; reading the DOCX afterwards takes well under a second.
      const budget = options?.timeoutMs ? Math.max(1000, options.timeoutMs * 0.9) : DEFAULT_CONVERT_TIMEOUT_MS;
      const docx = await convertToDocx(soffice, buffer, what.ext, budget);
      const raw = await docxToRaw(docx);
      const note = finding('extract.converted', 'info', `${what.label} file converted to DOCX by LibreOffice before reading.`);
      return result(raw.value, [note, ...raw.findings]);
    } catch (err) {
      if (err instanceof ConversionError) return fail(`${err.message}.`);
      return fail(failureMessage(err));
    }
  },
};
