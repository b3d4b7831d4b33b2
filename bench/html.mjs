// HTML at the parser's speed: gkreport's extractReport against the parser
// floor on the same pages, in one process, alternating (load changes hit both
// sides alike). The floor is what any reader of these pages must pay: decode
// the bytes (TextDecoder: UTF-8, else GB18030), cheerio.load, and the text of
// every <td>/<th>. `node bench/html.mjs [ROUNDS]`; run.mjs calls `htmlRatio`
// (BENCH_ONLY=html runs only this part). Figures: wall time, sum of per-page
// medians (the headline) and of per-page minima (each side's best round); and
// CPU time of this process (process.cpuUsage, GC threads included), sum of
// per-page medians: on a shared, overloaded machine wall time mostly measures
// the other processes, CPU time much less so.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as cheerio from 'cheerio';
import { extractReport } from '../dist/src/index.js';
import { median, round } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = join(ROOT, 'fixtures/html');

function decodeFloor(buf) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** The floor on one page; returns the number of cells read (so the work is not optimised away). */
function floorOne(buf) {
  const $ = cheerio.load(decodeFloor(buf));
  let n = 0;
  for (const el of $('td,th').toArray()) n += $(el).text().length;
  return n;
}

const ms = (t0) => performance.now() - t0;

/**
 * Every report page of fixtures/html (not-a-report pages left out), `rounds`
 * alternating rounds after one warm-up round. Returns per-page medians and the
 * ratio of their sums (gkreport / floor).
 */
export async function htmlRatio(rounds = 30) {
  const pages = readdirSync(DIR)
    .filter((f) => f.endsWith('.html') && !f.startsWith('not-a-report'))
    .sort()
    .map((f) => ({ name: f, buffer: readFileSync(join(DIR, f)), gk: [], floor: [], gkCpu: [], floorCpu: [] }));
  const cpu = (u) => (u.user + u.system) / 1000;
  const first = await firstSight(pages, cpu);
  for (let r = -1; r < rounds; r++) {
    for (const p of pages) {
      let t0 = performance.now();
      let c0 = process.cpuUsage();
      const report = await extractReport({ path: p.name, buffer: p.buffer });
      const g = ms(t0);
      const gc = cpu(process.cpuUsage(c0));
      if (report.status === 'failed') throw new Error(`${p.name}: failed`);
      t0 = performance.now();
      c0 = process.cpuUsage();
      floorOne(p.buffer);
      const f = ms(t0);
      const fc = cpu(process.cpuUsage(c0));
      if (r >= 0) {
        p.gk.push(g);
        p.floor.push(f);
        p.gkCpu.push(gc);
        p.floorCpu.push(fc);
      }
    }
  }
  const rows = pages.map((p) => ({ name: p.name, kb: round(p.buffer.length / 1024), gk: median(p.gk), floor: median(p.floor), gkMin: Math.min(...p.gk), floorMin: Math.min(...p.floor), gkCpu: median(p.gkCpu), floorCpu: median(p.floorCpu) }));
  const total = (k) => rows.reduce((s, r) => s + r[k], 0);
  const [gk, floor, gkMin, floorMin, gkCpu, floorCpu] = ['gk', 'floor', 'gkMin', 'floorMin', 'gkCpu', 'floorCpu'].map(total);
  return { rows, gk, floor, ratio: gk / floor, gkMin, floorMin, ratioMin: gkMin / floorMin, gkCpu, floorCpu, ratioCpu: gkCpu / floorCpu, rounds, first };
}

/**
 * Each page once, seen for the first time: what a bulk run pays for a new
 * report. Both sides are warmed first on other inputs (the text fixtures and
 * excerpts through extractReport, two other HTML pages through both), so the
 * JIT is warm and gkreport's memos hold the template's labels, but none of
 * these pages' own strings.
 */
async function firstSight(pages, cpu) {
  const warm = [
    ...readdirSync(join(ROOT, 'fixtures/text')).filter((f) => f.endsWith('.txt')).map((f) => join(ROOT, 'fixtures/text', f)),
    ...readdirSync(join(ROOT, 'fixtures/excerpts')).filter((f) => f.endsWith('.txt')).map((f) => join(ROOT, 'fixtures/excerpts', f)),
  ];
  const otherHtml = [join(ROOT, 'fixtures/docx/src/report-2021-sample.html'), join(DIR, 'not-a-report-news-page.html')].map((f) => readFileSync(f));
  for (let i = 0; i < 5; i++) {
    for (const f of warm) await extractReport(f);
    for (const b of otherHtml) {
      await extractReport({ path: 'warm.html', buffer: b });
      floorOne(b);
    }
  }
  let gk = 0;
  let floor = 0;
  for (const p of pages) {
    let c0 = process.cpuUsage();
    await extractReport({ path: p.name, buffer: p.buffer });
    gk += cpu(process.cpuUsage(c0));
    c0 = process.cpuUsage();
    floorOne(p.buffer);
    floor += cpu(process.cpuUsage(c0));
  }
  return { gk, floor, ratio: gk / floor };
}

export function printHtmlRatio(res, say) {
  say(`\n## HTML: gkreport extractReport vs the parser floor (decode + cheerio.load + every cell's text), one process, ${res.rows.length} pages × ${res.rounds} alternating rounds`);
  for (const r of res.rows) say(`  ${r.name} (${r.kb} KB): gkreport ${round(r.gk, 2)} ms, floor ${round(r.floor, 2)} ms → ${round(r.gk / r.floor, 2)}× (CPU ${round(r.gkCpu, 1)} / ${round(r.floorCpu, 1)} ms)`);
  say(`  all pages, sum of per-page medians: gkreport ${round(res.gk, 1)} ms, floor ${round(res.floor, 1)} ms → ${round(res.ratio, 2)}× (target ≤ 1.5×)`);
  say(`  all pages, sum of per-page minima:  gkreport ${round(res.gkMin, 1)} ms, floor ${round(res.floorMin, 1)} ms → ${round(res.ratioMin, 2)}×`);
  say(`  all pages, CPU time, sum of per-page medians: gkreport ${round(res.gkCpu, 1)} ms, floor ${round(res.floorCpu, 1)} ms → ${round(res.ratioCpu, 2)}×`);
  say(`  first sight (each page once, before the rounds; JIT and template labels warm from other inputs), CPU time: gkreport ${round(res.first.gk, 1)} ms, floor ${round(res.first.floor, 1)} ms → ${round(res.first.ratio, 2)}×`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printHtmlRatio(await htmlRatio(Number(process.argv[2] ?? 30)), (s) => process.stdout.write(`${s}\n`));
}
