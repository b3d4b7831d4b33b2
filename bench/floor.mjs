// The pdfjs floor: what pdfjs itself costs on a PDF — open it, then
// getTextContent + getOperatorList on every page — with the same options
// gkreport's PDF extractor uses (cMaps, standard fonts, no eval).
// `node bench/floor.mjs FILE.pdf` is the one-file process of the floor.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.dirname(require.resolve('pdfjs-dist/package.json'));
let pdfjs;

export async function floorOne(file) {
  pdfjs ??= await import(pathToFileURL(path.join(ROOT, 'legacy/build/pdf.mjs')).href);
  const buf = await readFile(file);
  const t0 = performance.now();
  const task = pdfjs.getDocument({
    data: new Uint8Array(buf),
    cMapUrl: path.join(ROOT, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(ROOT, 'standard_fonts') + path.sep,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const doc = await task.promise;
  let items = 0;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    items += (await page.getTextContent()).items.length;
    items += (await page.getOperatorList()).fnArray.length;
    page.cleanup();
  }
  const pages = doc.numPages;
  await task.destroy();
  return { ms: performance.now() - t0, pages, items };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2]) {
  await floorOne(process.argv[2]);
}
