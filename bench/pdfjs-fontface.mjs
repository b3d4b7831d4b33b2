// Where the pdfjs floor's time goes, warm, in one process (bench evidence for
// the PDF extractor): `default` = getTextContent + getOperatorList as the floor
// does; `noface` = the same with disableFontFace: false and a stub document,
// so pdfjs does not compile every glyph outline into canvas paths (its Node
// default, for rendering without FontFace) — same operators; `textonly` = no
// operator lists. `node bench/pdfjs-fontface.mjs`
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const require = createRequire(import.meta.url);
const ROOT = path.dirname(require.resolve('pdfjs-dist/package.json'));
const pdfjs = await import(pathToFileURL(path.join(ROOT, 'legacy/build/pdf.mjs')).href);
const stubDoc = { fonts: undefined, createElement: () => ({ remove() {}, sheet: { insertRule() {}, cssRules: [] } }), documentElement: { getElementsByTagName: () => [{ append() {} }] } };
async function one(file, variant) {
  const buf = await readFile(file);
  const t0 = performance.now();
  const opts = { data: new Uint8Array(buf), cMapUrl: path.join(ROOT, 'cmaps') + path.sep, cMapPacked: true, standardFontDataUrl: path.join(ROOT, 'standard_fonts') + path.sep, isEvalSupported: false, useSystemFonts: false, verbosity: 0 };
  if (variant === 'noface') Object.assign(opts, { disableFontFace: false, ownerDocument: stubDoc });
  const task = pdfjs.getDocument(opts);
  const doc = await task.promise;
  let n = 0; let segs = 0;
  const ops = variant === 'textonly' ? false : true;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    n += (await page.getTextContent()).items.length;
    if (ops) { const ol = await page.getOperatorList(); n += ol.fnArray.length; segs += ol.fnArray.filter((f) => f === pdfjs.OPS.constructPath).length; }
  }
  await task.destroy();
  return { ms: performance.now() - t0, n, segs };
}
const files = ['hongze-qu-2023.pdf', 'hongze-qu-2024.pdf', 'huaian-shi-2024.pdf'].map((f) => `fixtures/pdf/real/${f}`);
const res = { default: [], noface: [], textonly: [] };
for (let r = 0; r < 6; r++) for (const f of files) for (const v of Object.keys(res)) { const o = await one(f, v); if (r > 0) res[v].push(o.ms); if (r === 0) console.log(v, f, o.n, o.segs); }
const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
for (const [k, v] of Object.entries(res)) console.log(k, Math.round(med(v)), 'ms median');
