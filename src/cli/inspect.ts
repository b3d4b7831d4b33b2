// `gkreport inspect <file.pdf> --page N [--out DIR]`: writes an SVG of what
// the PDF extractor saw on one page (rules, cells with row/col, the field
// each cell was mapped to) over a PNG of the page, so a person can see why a
// table was misread. The PDF is opened once: the same pdfjs document is read
// and rendered (pdf-parse's getScreenshot renders the same way, but would
// parse the file a second time).
import { outUsable } from './out-dir.js';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readPdf } from '../extractors/pdf/index.js';
import { openPdf, PdfOpenError } from '../extractors/pdf/load.js';
import { renderPng } from '../extractors/pdf/render.js';
import { pageSvg } from '../extractors/pdf/svg.js';
import { isPdf } from '../extractors/sniff.js';
import type { Gray } from '../ocr/image.js';
import type { OcrMode, RawDocument } from '../types.js';

export const INSPECT_USAGE = `Usage: gkreport inspect <file.pdf> --page N [--out DIR] [--no-png] [--ocr MODE]

Draws what the PDF extractor saw on page N (1-based): the text runs, the
rules (red), the cells of each table outlined with table:(row,col) (blue) and
the field each cell was mapped to (green), over a PNG of the page.

On a page read by OCR (a scan; see --ocr) the picture is the deskewed
raster OCR read, the rules are those found in its pixels, and each cell
shows its reading and confidence (red below 0.9).

Writes <DIR>/<file>-p<N>.svg and, where the page can be rendered,
<DIR>/<file>-p<N>.png. DIR defaults to output/inspect.
Options: --ocr auto|off|force (as for extract; default auto).
`;

interface Args {
  file: string;
  page: number;
  out: string;
  png: boolean;
  ocr: OcrMode;
}

function parse(argv: string[]): Args | string {
  let file: string | undefined;
  let page = 1;
  let out = path.join('output', 'inspect');
  let png = true;
  let ocr: OcrMode = 'auto';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--page' || a === '-p') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) return `--page needs a page number (1, 2, …), got "${argv[i] ?? ''}"`;
      page = v;
    } else if (a.startsWith('--page=')) {
      page = Number(a.slice(7));
      if (!Number.isInteger(page) || page < 1) return `--page needs a page number, got "${a.slice(7)}"`;
    } else if (a === '--out' || a === '-o') {
      const v = argv[++i];
      if (!v) return '--out needs a directory';
      out = v;
    } else if (a.startsWith('--out=')) out = a.slice(6);
    else if (a === '--no-png') png = false;
    else if (a === '--ocr' || a.startsWith('--ocr=')) {
      const v = a === '--ocr' ? argv[++i] : a.slice(6);
      if (v !== 'auto' && v !== 'off' && v !== 'force') return `--ocr is auto, off or force, not "${v ?? ''}"`;
      ocr = v;
    }
    else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (file === undefined) file = a;
    else return `one PDF at a time (got "${file}" and "${a}")`;
  }
  if (!file) return 'which PDF? give a file';
  return { file, page, out, png, ocr };
}

/** The field id of each raw cell, from the normalizer's provenance (optional: skipped if it fails). */
async function fieldMap(doc: RawDocument): Promise<Map<string, string> | undefined> {
  try {
    const { normalize } = await import('../normalizers/index.js');
    const prov = normalize(doc).value.provenance as Record<string, { table?: number; row?: number; col?: number }>;
    const map = new Map<string, string>();
    for (const [id, p] of Object.entries(prov)) if (p.table !== undefined && p.row !== undefined && p.col !== undefined) map.set(`${p.table}:${p.row}:${p.col}`, id);
    return map;
  } catch {
    return undefined;
  }
}

/** The grey raster as a PNG (through @napi-rs/canvas). */
async function grayPng(img: Gray): Promise<Buffer | undefined> {
  try {
    const { createCanvas } = await import('@napi-rs/canvas');
    const canvas = createCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    const data = ctx.createImageData(img.width, img.height);
    for (let i = 0; i < img.data.length; i++) {
      data.data[4 * i] = data.data[4 * i + 1] = data.data[4 * i + 2] = img.data[i]!;
      data.data[4 * i + 3] = 255;
    }
    ctx.putImageData(data, 0, 0);
    return canvas.toBuffer('image/png');
  } catch {
    return undefined;
  }
}

export async function runInspect(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(INSPECT_USAGE);
    return 0;
  }
  const args = parse(argv);
  if (typeof args === 'string') {
    process.stderr.write(`gkreport inspect: ${args}\n\n${INSPECT_USAGE}`);
    return 2;
  }
  if (!(await outUsable('inspect', args.out))) return 2;
  let buffer: Buffer;
  try {
    buffer = await readFile(args.file);
  } catch (e) {
    process.stderr.write(`gkreport inspect: cannot read ${args.file}: ${(e as Error).message}\n`);
    return 1;
  }
  if (!isPdf(buffer)) {
    process.stderr.write(`gkreport inspect: ${args.file} is not a PDF (inspect draws PDF pages only)\n`);
    return 1;
  }
  let opened;
  try {
    opened = await openPdf(buffer, { render: args.png });
  } catch (e) {
    process.stderr.write(`gkreport inspect: ${args.file}: ${e instanceof PdfOpenError ? e.message : String(e)}\n`);
    return 1;
  }
  try {
    const { doc } = opened;
    if (args.page > doc.numPages) {
      process.stderr.write(`gkreport inspect: ${args.file} has ${doc.numPages} page(s), no page ${args.page}\n`);
      return 2;
    }
    const reading = await readPdf(opened, { graphicsPages: new Set([args.page]), ocr: args.ocr, ocrPages: new Set([args.page]) });
    const pr = reading.pages[args.page - 1]!;
    const stem = `${path.basename(args.file).replace(/\.pdf$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '_')}-p${args.page}`;
    // An OCR page is drawn from the raster OCR read (deskewed), so rules and cells sit where they were found.
    const png = args.png ? (pr.ocr ? await grayPng(pr.ocr.image) : await renderPng(doc, args.page, 2)) : undefined;
    if (png) await writeFile(path.join(args.out, `${stem}.png`), png);
    const tables = reading.tables.map((table, index) => ({ index, table })).filter((t) => t.table.pages.includes(args.page));
    const fields = await fieldMap(reading.doc);
    const svg = pageSvg({ width: pr.width, height: pr.height, runs: pr.runs, segments: pr.ocr?.segments ?? pr.segments ?? [], tables, page: args.page, ...(fields ? { fields } : {}), ...(png ? { png: `${stem}.png` } : {}) });
    const svgPath = path.join(args.out, `${stem}.svg`);
    await writeFile(svgPath, svg);
    const cells = tables.reduce((s, t) => s + t.table.cells.filter((c) => c.page === args.page).length, 0);
    if (pr.ocr) process.stderr.write(`page ${args.page} was read by OCR at ${pr.ocr.dpi} dpi, skew ${pr.ocr.skew}° corrected\n`);
    process.stderr.write(`${svgPath}: ${pr.runs.length} text runs, ${(pr.ocr?.segments ?? pr.segments)?.length ?? 0} rules, ${tables.length} table(s), ${cells} cells${png ? ', over ' + stem + '.png' : ' (no PNG: page could not be rendered)'}\n`);
    return 0;
  } finally {
    await opened.task.destroy().catch(() => undefined);
  }
}
