// npm run bench (OCR part): the real PDFs of fixtures/pdf/real and the
// Chromium prints of the HTML fixtures (fixtures/forms/chromium, made by
// fixtures/forms/make.sh) rasterised with Debian tools (pdftoppm, ImageMagick,
// img2pdf) at several resolutions, grey and 1-bit, and degraded (turned,
// noise, JPEG artefacts), each read by OCR in its own process and compared
// field by field with its text form (the text PDF; for a print, the HTML
// source). The HTML fixtures that print alike (the shanghai-2019 encodings,
// the huaian-2024 error copies) run at two variants, the distinct layouts at
// all. Prints Markdown tables for BENCHMARKS.md: one row per scan, then one
// per variant. BENCH_OCR_SET (pdf, html or all), BENCH_OCR_DOCS (comma list
// of stems) and BENCH_OCR_VARIANTS (variant names separated by `;`: names
// hold commas) narrow it; BENCH_OCR_KEEP=dir keeps each scan there.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../dist/src/pipeline.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SET = process.env.BENCH_OCR_SET ?? 'all';
const DOCS = process.env.BENCH_OCR_DOCS?.split(',');
const KEEP = process.env.BENCH_OCR_KEEP;
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
const ALL = Object.keys(VARIANTS);
/** HTML fixtures whose print is a layout of its own: every variant. */
const FULL = ['shanghai-2019-govpage', 'shanghai-bangongting-2019', 'shanghai-2019-msword', 'huaian-shi-2024-template2021', 'huaian-shi-2024-table3-split', 'hongze-qu-2024-hybrid'];
const FEW = ['grey 150 dpi', '1-bit 200 dpi'];

/** Each document: its PDF to scan, its text form, the variants it runs at. */
const docs = [];
if (SET !== 'html') for (const stem of ['hongze-qu-2023', 'hongze-qu-2024', 'huaian-shi-2024']) {
  const pdf = join(ROOT, 'fixtures/pdf/real', `${stem}.pdf`);
  docs.push({ set: 'pdf', stem, pdf, text: pdf, variants: ALL });
}
if (SET !== 'pdf') for (const f of readdirSync(join(ROOT, 'fixtures/forms/chromium')).filter((x) => x.endsWith('.pdf')).sort()) {
  const stem = f.slice(0, -4);
  docs.push({ set: 'html', stem, pdf: join(ROOT, 'fixtures/forms/chromium', f), text: join(ROOT, 'fixtures/html', `${stem}.html`), variants: FULL.includes(stem) ? ALL : FEW });
}

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
  if (KEEP) mkdirSync(KEEP, { recursive: true });
  for (const { set, stem, pdf, text, variants } of docs) {
    if (DOCS && !DOCS.includes(stem)) continue;
    const textJson = join(tmp, `${stem}.text.json`);
    writeFileSync(textJson, JSON.stringify(await extractReport(text)));
    for (const name of variants) {
      if (only && !only.includes(name)) continue;
      const dir = mkdtempSync(join(tmp, 'v-'));
      const scan = make(dir, pdf, VARIANTS[name](pdf));
      if (KEEP) copyFileSync(scan, join(KEEP, `${stem} ${name}.pdf`));
      const out = JSON.parse(sh(process.execPath, [join(ROOT, 'bench/ocr-one.mjs'), scan, textJson]));
      rows.push({ set, stem, name, ...out });
      process.stderr.write(`${stem} | ${name}: ${out.exact}/${out.total} exact, errors ${out.sameErrors ? 'same' : 'DIFFER'}, meta ${out.metaSame ? 'same' : 'DIFFERS'}, ${out.corrected}/${out.uncertain}, CPU ${(out.cpuSeconds / Math.max(1, out.pages)).toFixed(1)} s/page, ${(out.tablePageCpuSeconds / Math.max(1, out.tablePages)).toFixed(1)} s/table page (prose ${(out.tablePageProseCpuSeconds / Math.max(1, out.tablePages)).toFixed(1)}), ${out.maxRssMb} MB ${out.wrong.join(' ')}${out.misread.length ? ` | misread: ${out.misread.map((m) => `${m.id}=${m.value}≠${m.text}${m.flagged ? ' (ocr.uncertain)' : ''}`).join(' ')}` : ''}\n`);
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
/** Values read but not the text's: how many, and in brackets how many no ocr.uncertain names. */
const misread = (r) => `${r.misread.length} (${r.misread.filter((m) => !m.flagged).length})`;
const pct = (a, b) => `${((100 * a) / Math.max(1, b)).toFixed(2)} %`;
process.stdout.write('| report | scan | fields exact | values misread (of them not flagged) | same errors as text | meta same | ocr.corrected / ocr.uncertain | s per page (wall) | CPU s per page | peak RSS MB | CPU s per table page | of which its tables / its prose |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n');
for (const r of rows) process.stdout.write(`| ${r.set === 'html' ? `${r.stem} (HTML print)` : r.stem} | ${r.name} | ${r.exact}/${r.total} | ${misread(r)} | ${r.sameErrors ? 'yes' : 'no'} | ${r.metaSame ? 'yes' : 'no'} | ${r.corrected} / ${r.uncertain} | ${(r.seconds / Math.max(1, r.pages)).toFixed(1)} | ${(r.cpuSeconds / Math.max(1, r.pages)).toFixed(1)} | ${r.maxRssMb} | ${(r.tablePageCpuSeconds / Math.max(1, r.tablePages)).toFixed(1)} (${r.tablePages}) | ${((r.tablePageCpuSeconds - r.tablePageProseCpuSeconds) / Math.max(1, r.tablePages)).toFixed(1)} / ${(r.tablePageProseCpuSeconds / Math.max(1, r.tablePages)).toFixed(1)} |\n`);
process.stdout.write('\n| scan | real PDFs: fields exact | HTML prints: fields exact | both | values misread (not flagged) | same errors as text | meta same |\n|---|---|---|---|---|---|---|\n');
for (const name of ALL) {
  const of = rows.filter((r) => r.name === name);
  if (!of.length) continue;
  const sum = (rs) => [rs.reduce((s, r) => s + r.exact, 0), rs.reduce((s, r) => s + r.total, 0)];
  const [pe, pt] = sum(of.filter((r) => r.set === 'pdf')), [he, ht] = sum(of.filter((r) => r.set === 'html')), [e, t] = sum(of);
  const cell = (a, b) => (b ? `${a}/${b} (${pct(a, b)})` : '–');
  process.stdout.write(`| ${name} | ${cell(pe, pt)} | ${cell(he, ht)} | ${cell(e, t)} | ${of.reduce((s, r) => s + r.misread.length, 0)} (${of.reduce((s, r) => s + r.misread.filter((m) => !m.flagged).length, 0)}) | ${of.filter((r) => r.sameErrors).length}/${of.length} | ${of.filter((r) => r.metaSame).length}/${of.length} |\n`);
}
const exact = rows.reduce((s, r) => s + r.exact, 0), total = rows.reduce((s, r) => s + r.total, 0);
process.stdout.write(`\nAll: ${exact}/${total} fields exact (${pct(exact, total)}) over ${rows.length} scans; ${rows.reduce((s, r) => s + r.misread.length, 0)} values misread, ${rows.reduce((s, r) => s + r.misread.filter((m) => !m.flagged).length, 0)} of them with no ocr.uncertain; same errors as text on ${rows.filter((r) => r.sameErrors).length}, meta same on ${rows.filter((r) => r.metaSame).length}. Load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
