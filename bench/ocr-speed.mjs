// Before/after of a speed change to OCR, on scans kept by
// `BENCH_OCR_KEEP=dir node bench/ocr.mjs`: each scan read in its own
// process by two builds in turn (interleaved, so a neighbour's load falls on
// both alike), printing each page's CPU seconds and whether the two builds
// read every cell and line alike (text and confidence).
//   node bench/ocr-speed.mjs [--runs N] BEFORE_DIST AFTER_DIST scan.pdf...
// BEFORE_DIST is a copy of dist/ made before the change (cp -r dist /tmp/x).
// With --read DIST scan.pdf it prints one scan's readings as JSON lines.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);

async function read(dist, scan) {
  const at = (p) => pathToFileURL(resolve(dist, p)).href;
  const { watchOcrPages } = await import(at('src/extractors/raster/pdf-page.js'));
  const { loadModels } = await import(at('src/ocr/models.js'));
  const { extractReport } = await import(at('src/pipeline.js'));
  await loadModels();
  const pages = [];
  watchOcrPages((c) => pages.push(c));
  await extractReport(scan, { timeoutMs: 3_600_000 });
  const conf = (o) => Math.round(o.confidence * 1000) / 1000;
  for (const { page, tables, cpuMicros, read: r } of pages) {
    const readings = [
      ...r.tables.flatMap((t, ti) => t.cells.map((c) => `t${ti} ${c.row},${c.col} ${c.text} ${conf(c.ocr)}`)),
      ...r.lines.map((l) => `line ${l.text}`),
    ];
    process.stdout.write(JSON.stringify({ page, tables, cpu: cpuMicros / 1e6, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), readings }) + '\n');
  }
}

if (args[0] === '--read') await read(args[1], args[2]);
else {
  let runs = 1;
  if (args[0] === '--runs') {
    runs = Number(args[1]);
    args.splice(0, 2);
  }
  const [before, after, ...scans] = args;
  const one = (dist, scan) => execFileSync(process.execPath, [process.argv[1], '--read', dist, scan], { encoding: 'utf8', maxBuffer: 1 << 28 }).trim().split('\n').map((l) => JSON.parse(l));
  process.stdout.write('| scan | run | load avg (1 min) | before: CPU s per page (table pages) | after | same readings | peak RSS MB before / after |\n|---|---|---|---|---|---|---|\n');
  for (const scan of scans) for (let i = 1; i <= runs; i++) {
    const load = loadavg()[0].toFixed(2);
    const b = one(before, scan), a = one(after, scan);
    const fmt = (ps) => ps.map((p) => `${p.cpu.toFixed(2)}${p.tables ? '' : ' (no table)'}`).join(', ');
    const same = b.length === a.length && b.every((p, k) => JSON.stringify(p.readings) === JSON.stringify(a[k].readings));
    const diffs = same ? '' : b.flatMap((p, k) => p.readings.filter((x, j) => x !== a[k]?.readings[j]).slice(0, 3).map((x, j) => `p${p.page}: ${x} → ${a[k]?.readings[p.readings.indexOf(x)]}`)).slice(0, 6).join('; ');
    const rss = (ps) => Math.max(...ps.map((p) => p.maxRssMb));
    process.stdout.write(`| ${basename(scan)} | ${i} | ${load} | ${fmt(b)} | ${fmt(a)} | ${same ? 'yes' : `NO: ${diffs}`} | ${rss(b)} / ${rss(a)} |\n`);
  }
}
