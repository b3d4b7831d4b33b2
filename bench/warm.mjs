// Warm, in one process, alternating: gkreport's whole pipeline (extractReport)
// vs the pdfjs floor on the same PDFs. `node bench/warm.mjs [rounds]`; with
// --cpu-prof, the profile shows where gkreport's extra time goes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../dist/src/pipeline.js';
import { floorOne } from './floor.mjs';
import { median, round } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PDFS = ['hongze-qu-2023.pdf', 'hongze-qu-2024.pdf', 'huaian-shi-2024.pdf'].map((f) => `${ROOT}fixtures/pdf/real/${f}`);
const rounds = Number(process.argv[2] ?? 5);
const gk = [];
const fl = [];
for (let r = -1; r < rounds; r++) {
  for (const path of PDFS) {
    const buffer = readFileSync(path);
    let t = performance.now();
    const rep = await extractReport({ path, buffer });
    const a = performance.now() - t;
    t = performance.now();
    await floorOne(path);
    const b = performance.now() - t;
    if (r >= 0) {
      gk.push(a);
      fl.push(b);
    }
    if (rep.status !== 'ok') throw new Error(`${path}: ${rep.status}`);
  }
}
process.stdout.write(`warm, one process, ${rounds} rounds × ${PDFS.length} PDFs: gkreport median ${round(median(gk))} ms, floor ${round(median(fl))} ms → ${round(median(gk) / median(fl), 2)}×\n`);
