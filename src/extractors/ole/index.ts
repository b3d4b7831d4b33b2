// Legacy Word (.doc) and WPS (.wps) reports, and password-protected DOCX
// (which Office stores as an OLE file). The OLE directory is read first
// (cfb.ts) so encrypted, Excel and PowerPoint files fail with their reason
// without starting LibreOffice; Word files are converted to DOCX (soffice.ts)
// and read by the DOCX extractor.
import { extname } from 'node:path';
import { failedExtraction, finding, result } from '../../result.js';
import type { Extractor, RawDocument } from '../../types.js';
import { DOCX_VERSION, docxToRaw, failureMessage } from '../docx/index.js';
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

export const oleExtractor: Extractor = {
  format: 'docx',
  version: OLE_VERSION,
  sniff: (buf) => isOle(buf),
  async extract({ path, buffer, options }) {
    let kind: OleKind;
    try {
      kind = oleKind(readCfb(buffer));
    } catch (err) {
      const msg = err instanceof CfbError ? err.message : String(err);
      return fail(`Unreadable OLE (legacy Office) file: ${msg}.`);
    }
    const refused = REFUSED[kind];
    if (refused) return fail(refused);
    const soffice = await findSoffice();
    if (!soffice) return fail(`Cannot read a legacy Word/WPS file without LibreOffice. ${SOFFICE_HINT}`);
    const ext = extname(path).toLowerCase() === '.wps' ? 'wps' : 'doc';
    try {
      // Most of the file's time budget; reading the DOCX afterwards takes well under a second.
      const budget = options?.timeoutMs ? Math.max(1000, options.timeoutMs * 0.9) : DEFAULT_CONVERT_TIMEOUT_MS;
      const docx = await convertToDocx(soffice, buffer, ext, budget);
      const raw = await docxToRaw(docx);
      const note = finding('extract.converted', 'info', `Legacy ${ext === 'wps' ? 'WPS' : 'Word'} file converted to DOCX by LibreOffice before reading.`);
      return result(raw.value, [note, ...raw.findings]);
    } catch (err) {
      if (err instanceof ConversionError) return fail(`${err.message}.`);
      return fail(failureMessage(err));
    }
  },
};
