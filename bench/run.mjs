// npm run bench: gkreport over the real corpus repeated to ≥ 200 files, and
// the pdfjs floor over the same PDFs, in one run on one machine (figures in
// BENCHMARKS.md). Sizes: BENCH_FILES (200), BENCH_BIG_FILES (2000: the
// peak-RSS comparison run), BENCH_VARIANT_FILES (40: worker kinds and flags);
// BENCH_ONLY=rss runs the peak-RSS comparison alone; BENCH_QUEUE_FILES (60)
// sizes the queue run (bench/queue.mjs), BENCH_ONLY=queue runs it alone;
// BENCH_ONLY=serve the review app's latency on a 10,000-report store (bench/serve.mjs) alone.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBatch } from '../dist/src/bulk/run.js';
import { jsonLines, makeSet, measure, median, round } from './lib.mjs';
import { queueBench } from './queue.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/gkreport.js');
const FLOOR = join(ROOT, 'bench/floor.mjs');
const FLOOR_LIST = join(ROOT, 'bench/floor-list.mjs');
const N = Number(process.env.BENCH_FILES ?? 200);
const BIG = Number(process.env.BENCH_BIG_FILES ?? 2000);
const VARIANT = Number(process.env.BENCH_VARIANT_FILES ?? 40);
const PDFS = ['hongze-qu-2023.pdf', 'hongze-qu-2024.pdf', 'huaian-shi-2024.pdf'].map((f) => join(ROOT, 'fixtures/pdf/real', f));
const CORPUS = [...PDFS, join(ROOT, 'fixtures/html/shanghai-bangongting-2019.html'), join(ROOT, 'fixtures/text/xiuzhou-gongxiaoshe-2020.txt')];

if (process.env.BENCH_ONLY === 'serve') {
  await import('./serve.mjs');
  process.exit(0);
}

const tmp = mkdtempSync(join(tmpdir(), 'gkreport-bench-'));
const say = (s = '') => process.stdout.write(`${s}\n`);
const sh = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8' }).trim();
let outN = 0;
const freshOut = () => join(tmp, `out-${outN++}`);

/** gkreport extract over `dir`; per-file events from --log-format json. */
async function gk(dir, jobs, extra = []) {
  const r = await measure(process.execPath, [BIN, 'extract', dir, '--out', freshOut(), '--jobs', String(jobs), '--log-format', 'json', ...extra]);
  if (r.code !== 0) throw new Error(`gkreport exited ${r.code}: ${r.stderr.slice(-2000)}`);
  const files = jsonLines(r.stderr).filter((e) => e.event === 'file');
  if (files.some((e) => e.skipped)) throw new Error('a file was skipped: the bench must extract every copy');
  return { ...r, files };
}

/** The floor over `files` in `procs` parallel processes; per-file ms without each process's first (cold) file. */
async function floor(files, procs) {
  const parts = Array.from({ length: procs }, (_, i) => files.filter((_, j) => j % procs === i));
  const t0 = performance.now();
  const runs = await Promise.all(parts.map((p) => measure('/usr/bin/time', ['-f', 'TIME %e %U %S', process.execPath, FLOOR_LIST, ...p])));
  const wallMs = performance.now() - t0;
  const warm = runs.flatMap((r) => jsonLines(r.stdout).slice(1).map((e) => e.ms));
  const cpu = runs.map((r) => /TIME ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr)).map((m) => ({ wall: +m[1], cpu: +m[2] + +m[3] }));
  return { wallMs, warm, cores: cpu.map((c) => round(c.cpu / c.wall, 2)), peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
}

function byFormat(files) {
  const out = {};
  for (const f of files) (out[f.format] ??= []).push(f.ms);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { n: v.length, medianMs: round(median(v)) }]));
}

say('# gkreport bench');
say(`machine: ${availableParallelism()} cores (nproc ${sh('nproc', [])}), node ${process.version}, load average at start ${loadavg().map((x) => round(x, 2)).join(' ')}`);
say(sh('free', ['-h']));
say(`inputs: the real corpus (${CORPUS.length} files: 3 PDF, 1 HTML, 1 text) repeated to ${N} files (hard links, one folder per copy)\n`);

if (process.env.BENCH_ONLY === 'queue') {
  await queueBench({ say, tmp, corpus: CORPUS, n: Number(process.env.BENCH_QUEUE_FILES ?? 60) });
  rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}
const setDir = join(tmp, 'set');
const set = makeSet(setDir, CORPUS, N);
const pdfs = set.filter((f) => f.endsWith('.pdf'));
if (process.env.BENCH_ONLY !== 'rss') await speed();

async function speed() {

  // 1. gkreport --jobs 1 and the floor in one process, over the same PDFs.
  const g1 = await gk(setDir, 1);
  const f1 = await floor(pdfs, 1);
  // 2. gkreport --jobs 2 and the floor as two parallel processes.
  const g2 = await gk(setDir, 2);
  const f2 = await floor(pdfs, 2);

  for (const [name, g] of [
    ['--jobs 1', g1],
    ['--jobs 2', g2],
  ]) {
    say(`## gkreport extract ${N} files ${name}`);
    say(`wall ${round(g.wallMs / 1000, 1)} s, ${round((g.files.length / g.wallMs) * 3.6e6)} reports/hour, peak RSS ${round(g.peakRssMb)} MB (all processes; main process ${round(g.peakMainRssMb)} MB)`);
    for (const [fmt, s] of Object.entries(byFormat(g.files))) say(`  ${fmt}: ${s.n} files, median ${s.medianMs} ms per report`);
  }
  const pdfMs = (g) => median(g.files.filter((f) => f.format === 'pdf').map((f) => f.ms));
  say(`\n## PDF: gkreport vs the pdfjs floor (getTextContent + getOperatorList on every page), ${pdfs.length} PDFs`);
  say(`floor, one process: median ${round(median(f1.warm))} ms per report warm, wall ${round(f1.wallMs / 1000, 1)} s, ${f1.cores.join(', ')} cores busy, peak RSS ${round(f1.peakRssMb)} MB`);
  say(`floor, two processes: median ${round(median(f2.warm))} ms per report, wall ${round(f2.wallMs / 1000, 1)} s (${round(f1.wallMs / f2.wallMs, 2)}× one process), cores busy per process ${f2.cores.join(', ')}`);
  say(`gkreport --jobs 1: median ${round(pdfMs(g1))} ms per PDF report → ${round(pdfMs(g1) / median(f1.warm), 2)}× the floor`);
  say(`gkreport --jobs 2: median ${round(pdfMs(g2))} ms per PDF report → ${round(pdfMs(g2) / median(f2.warm), 2)}× the two-process floor`);
  say(`throughput, whole mixed set: --jobs 2 is ${round(g1.wallMs / g2.wallMs, 2)}× --jobs 1`);

  // 3. A fresh process for one PDF: gkreport extract vs the floor's one-file process, alternating.
  say('\n## One PDF, fresh process (median of 3 per file, alternating)');
  const fresh = { gk: [], floor: [] };
  for (const pdf of PDFS) {
    const a = [];
    const b = [];
    for (let i = 0; i < 3; i++) {
      a.push((await measure(process.execPath, [BIN, 'extract', pdf, '--out', freshOut(), '--quiet'])).wallMs);
      b.push((await measure(process.execPath, [FLOOR, pdf])).wallMs);
    }
    fresh.gk.push(median(a));
    fresh.floor.push(median(b));
    say(`  ${pdf.split('/').pop()}: gkreport ${round(median(a))} ms, floor ${round(median(b))} ms → ${round(median(a) / median(b), 2)}×`);
  }
  say(`  all: gkreport ${round(median(fresh.gk))} ms vs floor ${round(median(fresh.floor))} ms → ${round(median(fresh.gk) / median(fresh.floor), 2)}×`);

  // 4. Worker kinds and V8 flags, same PDFs, in this process (idle while the workers run).
  say(`\n## Workers: kinds and V8 flags (${VARIANT} files of the set, PDFs only)`);
  const vDir = join(tmp, 'variant');
  const vFiles = makeSet(vDir, PDFS, VARIANT);
  const variants = [
    ['process, 1 job, no flags', 'process', 1, []],
    ['process, 1 job, --single-threaded-gc', 'process', 1, ['--single-threaded-gc']],
    ['process, 2 jobs, no flags', 'process', 2, []],
    ['process, 2 jobs, --single-threaded-gc', 'process', 2, ['--single-threaded-gc']],
    ['process, 2 jobs, --single-threaded-gc --max-semi-space-size=32', 'process', 2, ['--single-threaded-gc', '--max-semi-space-size=32']],
    ['thread, 2 jobs (flags are per process: none)', 'thread', 2, []],
  ];
  for (const [name, kind, jobs, execArgv] of variants) {
    const t0 = performance.now();
    const done = await runBatch({ inputs: [vDir], out: freshOut(), force: true, timeoutMs: 120_000, jobs, memoryMb: 2048, kind, execArgv }, { start() {}, done() {} });
    const ms = performance.now() - t0;
    if (done.length !== vFiles.length || done.some((d) => d.status === 'failed')) throw new Error(`variant ${name}: ${done.length} done`);
    say(`  ${name}: ${round(ms / 1000, 1)} s, ${round(ms / vFiles.length)} ms per report`);
  }
}

// 5. Peak RSS does not grow with the number of inputs.
say(`\n## Peak RSS, ${BIG} files vs ${N} files (--jobs ${availableParallelism()}, --quiet)`);
const bigDir = join(tmp, 'big');
makeSet(bigDir, CORPUS, BIG);
const small = await measure(process.execPath, [BIN, 'extract', setDir, '--out', freshOut(), '--quiet']);
const big = await measure(process.execPath, [BIN, 'extract', bigDir, '--out', freshOut(), '--quiet']);
say(`  ${N} files: peak RSS ${round(small.peakRssMb)} MB (main ${round(small.peakMainRssMb)} MB), ${round(small.wallMs / 1000, 1)} s`);
say(`  ${BIG} files: peak RSS ${round(big.peakRssMb)} MB (main ${round(big.peakMainRssMb)} MB), ${round(big.wallMs / 1000, 1)} s, ${round((BIG / big.wallMs) * 3.6e6)} reports/hour`);
say(`  ratio ${round(big.peakRssMb / small.peakRssMb, 2)}× (main process ${round(big.peakMainRssMb / small.peakMainRssMb, 2)}×)`);
await queueBench({ say, tmp, corpus: CORPUS, n: Number(process.env.BENCH_QUEUE_FILES ?? 60) });
say(`\nload average at end ${loadavg().map((x) => round(x, 2)).join(' ')}`);
rmSync(tmp, { recursive: true, force: true });
