// npm run bench (OCR part): the real PDFs of fixtures/pdf/real rasterised
// with Debian tools (pdftoppm, ImageMagick, img2pdf) at several resolutions,
// grey and 1-bit, and degraded (turned, noise, JPEG artefacts), each read by
// OCR in its own process and compared field by field with its text form.
// Prints a Markdown table for BENCHMARKS.md. BENCH_OCR_DOCS (comma list of
// stems) and BENCH_OCR_VARIANTS (variant names separated by `;`: names hold commas) narrow it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../dist/src/pipeline.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = (process.env.BENCH_OCR_DOCS ?? 'hongze-qu-2023,hongze-qu-2024,huaian-shi-2024').split(',');
const sh = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8' });

/** Variant name → shell steps turning the PDF into a scanned PDF (in dir, as scan.pdf). */
const VARIANTS = {
  'grey 100 dpi': (pdf) => [['pdftoppm', ['-r', '100', '-gray', '-png', pdf, 'p']], 'pdf:p-*.png'],
  'grey 150 dpi': (pdf) => [['pdftoppm', ['-r', '150', '-gray', '-png', pdf, 'p']], 'pdf:p-*.png'],
  'grey 200 dpi': (pdf) => [['pdftoppm', ['-r', '200', '-gray', '-png', pdf, 'p']], 'pdf:p-*.png'],
  'grey 300 dpi': (pdf) => [['pdftoppm', ['-r', '300', '-gray', '-png', pdf, 'p']], 'pdf:p-*.png'],
  '1-bit 150 dpi': (pdf) => [['pdftoppm', ['-r', '150', '-mono', pdf, 'p']], 'g4:150', 'pdf:p-*.tif'],
  '1-bit 200 dpi': (pdf) => [['pdftoppm', ['-r', '200', '-mono', pdf, 'p']], 'g4:200', 'pdf:p-*.tif'],
  '1-bit 300 dpi': (pdf) => [['pdftoppm', ['-r', '300', '-mono', pdf, 'p']], 'g4:300', 'pdf:p-*.tif'],
  'grey 150 dpi, turned 0.8°, noise, JPEG q40': (pdf) => [['pdftoppm', ['-r', '150', '-gray', '-png', pdf, 'p']], 'degrade:0.8', 'pdf:p-*.jpg'],
  // What most scanners write: a JPEG per page (these pages take the native JPEG path of raster/render.ts).
  'grey 200 dpi, JPEG q75': (pdf) => [['pdftoppm', ['-r', '200', '-gray', '-png', pdf, 'p']], 'scanjpeg:200', 'pdf:p-*.jpg'],
  'grey 300 dpi, JPEG q75': (pdf) => [['pdftoppm', ['-r', '300', '-gray', '-png', pdf, 'p']], 'scanjpeg:300', 'pdf:p-*.jpg'],
  'grey 100 dpi, turned -0.5°, JPEG q50': (pdf) => [['pdftoppm', ['-r', '100', '-gray', '-png', pdf, 'p']], 'jpeg:-0.5', 'pdf:p-*.jpg'],
};
const only = process.env.BENCH_OCR_VARIANTS?.split(';').map((s) => s.trim());

function make(dir, pdf, steps) {
  for (const s of steps) {
    if (Array.isArray(s)) sh(s[0], s[1], dir);
    else if (s.startsWith('g4:')) for (const f of readdirSync(dir).filter((x) => x.endsWith('.pbm'))) sh('convert', [f, '-units', 'PixelsPerInch', '-density', s.slice(3), '-compress', 'Group4', f.replace(/\.pbm$/, '.tif')], dir);
    else if (s.startsWith('degrade:')) for (const f of readdirSync(dir).filter((x) => x.endsWith('.png'))) sh('convert', [f, '-background', 'white', '-rotate', s.slice(8), '-seed', '7', '-attenuate', '0.6', '+noise', 'Gaussian', '-colorspace', 'Gray', '-quality', '40', '-units', 'PixelsPerInch', '-density', '150', f.replace(/\.png$/, '.jpg')], dir);
    else if (s.startsWith('jpeg:')) for (const f of readdirSync(dir).filter((x) => x.endsWith('.png'))) sh('convert', [f, '-background', 'white', '-rotate', s.slice(5), '-colorspace', 'Gray', '-quality', '50', '-units', 'PixelsPerInch', '-density', '100', f.replace(/\.png$/, '.jpg')], dir);
    else if (s.startsWith('scanjpeg:')) for (const f of readdirSync(dir).filter((x) => x.endsWith('.png'))) sh('convert', [f, '-colorspace', 'Gray', '-quality', '75', '-units', 'PixelsPerInch', '-density', s.slice(9), f.replace(/\.png$/, '.jpg')], dir);
    else if (s.startsWith('pdf:')) {
      const ext = s.slice(s.lastIndexOf('.'));
      const files = readdirSync(dir).filter((x) => x.startsWith('p-') && x.endsWith(ext)).sort();
      sh('img2pdf', ['-o', 'scan.pdf', ...files], dir);
    }
  }
  return join(dir, 'scan.pdf');
}

const rows = [];
const tmp = mkdtempSync(join(tmpdir(), 'gkreport-ocr-bench-'));
process.stderr.write(`load average at start: ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
try {
  for (const stem of DOCS) {
    const pdf = join(ROOT, 'fixtures/pdf/real', `${stem}.pdf`);
    const textJson = join(tmp, `${stem}.text.json`);
    writeFileSync(textJson, JSON.stringify(await extractReport(pdf)));
    for (const [name, steps] of Object.entries(VARIANTS)) {
      if (only && !only.includes(name)) continue;
      const dir = mkdtempSync(join(tmp, 'v-'));
      const scan = make(dir, pdf, steps(pdf));
      const out = JSON.parse(sh(process.execPath, [join(ROOT, 'bench/ocr-one.mjs'), scan, textJson]));
      rows.push({ stem, name, ...out });
      process.stderr.write(`${stem} | ${name}: ${out.exact}/${out.total} exact, ${(out.seconds / out.pages).toFixed(1)} s/page (CPU ${(out.cpuSeconds / out.pages).toFixed(1)} s), ${out.maxRssMb} MB ${out.wrong.join(' ')}\n`);
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.stdout.write('| report | scan | fields exact | same errors as text | meta same | ocr.corrected / ocr.uncertain | s per page (wall) | CPU s per page | peak RSS MB |\n|---|---|---|---|---|---|---|---|---|\n');
for (const r of rows) process.stdout.write(`| ${r.stem} | ${r.name} | ${r.exact}/${r.total} | ${r.sameErrors ? 'yes' : 'no'} | ${r.metaSame ? 'yes' : 'no'} | ${r.corrected} / ${r.uncertain} | ${(r.seconds / Math.max(1, r.pages)).toFixed(1)} | ${(r.cpuSeconds / Math.max(1, r.pages)).toFixed(1)} | ${r.maxRssMb} |\n`);
const exact = rows.reduce((s, r) => s + r.exact, 0), total = rows.reduce((s, r) => s + r.total, 0);
process.stdout.write(`\nAll: ${exact}/${total} fields exact (${((100 * exact) / Math.max(1, total)).toFixed(2)} %). Load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
