// npm run fuzz: mutated copies of the real fixtures (byte flips, truncation,
// chunk moves, deep nesting, charset changes, damaged DOCX parts, long lines)
// with a fixed seed, through the real CLI and its worker pool. Passes when
// nothing crashes, no file reaches the time limit, no worker passes 1 GB and
// the CLI exits 0 or 1. Figures go to BENCHMARKS.md ("Fuzz run").
// FUZZ_SEED (9), FUZZ_FILES (300), FUZZ_JOBS (2), FUZZ_TIMEOUT (30 s),
// FUZZ_KEEP=1 keeps the mutated files and the output.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { jsonLines, measure, round } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/gkreport.js');
const SEED = Number(process.env.FUZZ_SEED ?? 9);
const FILES = Number(process.env.FUZZ_FILES ?? 300);
const JOBS = Number(process.env.FUZZ_JOBS ?? 2);
const TIMEOUT_S = Number(process.env.FUZZ_TIMEOUT ?? 30);
const MEMORY_MB = 1024;
const say = (s = '') => process.stdout.write(`${s}\n`);

const SOURCES = [
  'text/xiuzhou-gongxiaoshe-2020.txt',
  'text/xiuzhou-gongxiaoshe-2020-gbk.txt',
  'html/shanghai-bangongting-2019.html',
  'html/shanghai-2019-gbk-declared-utf8.html',
  'html/huaian-shi-2024-template2021.html',
  'docx/report-2021-sample.docx',
  'docx/from-html/shanghai-bangongting-2019.docx',
  'pdf/real/hongze-qu-2024.pdf',
].map((rel) => ({ rel, buf: readFileSync(join(ROOT, 'fixtures', rel)) }));

// mulberry32: a small seeded generator, so every run mutates the same way.
let state = SEED >>> 0;
function rand() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[int(xs.length)];

const ext = (rel) => rel.slice(rel.lastIndexOf('.'));
const isText = (rel) => /\.(txt|html)$/.test(rel);

function flip(buf) {
  const b = Buffer.from(buf);
  const k = 1 + int(pick([1, 5, 50]));
  for (let i = 0; i < k; i++) b[int(b.length)] = int(256);
  return { buf: b, what: `${k} byte(s) flipped` };
}
function truncate(buf) {
  const at = int(buf.length);
  return { buf: buf.subarray(0, at), what: `cut at ${at} of ${buf.length}` };
}
function move(buf) {
  const len = 1 + int(Math.min(4096, buf.length >> 2));
  const from = int(buf.length - len);
  const chunk = buf.subarray(from, from + len);
  const rest = Buffer.concat([buf.subarray(0, from), buf.subarray(from + len)]);
  const to = int(rest.length);
  return { buf: Buffer.concat([rest.subarray(0, to), chunk, rest.subarray(to)]), what: `${len} bytes moved from ${from} to ${to}` };
}
function nestHtml(buf) {
  const n = pick([1_000, 5_000, 30_000, 200_000]);
  const tag = pick(['div', 'span', 'table><tr><td', 'font', 'p']);
  const close = tag.split('><').reverse().map((t) => `</${t}>`).join('');
  const at = pick([buf.length, int(buf.length)]);
  const deep = Buffer.from(`${`<${tag}>`.repeat(n)}深${close.repeat(n)}`);
  return { buf: Buffer.concat([buf.subarray(0, at), deep, buf.subarray(at)]), what: `${n} nested <${tag}> at ${at}` };
}
function longLine(buf) {
  const n = pick([20_000, 80_000, 1_000_000]);
  const unit = pick(['1', '\t', '|', '1\t', '| 1 ']);
  const at = buf.indexOf(0x0a, int(buf.length));
  const cut = at < 0 ? buf.length : at;
  return { buf: Buffer.concat([buf.subarray(0, cut), Buffer.from(`\n${unit.repeat(Math.ceil(n / unit.length)).slice(0, n)}`), buf.subarray(cut)]), what: `a line of ${n} × ${JSON.stringify(unit)}` };
}
function recode(buf, rel) {
  const text = /gbk/.test(rel) ? iconv.decode(buf, 'gb18030') : buf.toString('utf8');
  const to = pick(['gbk', 'utf8', 'utf16le-bom', 'gbk-declared-utf8', 'utf8-declared-gbk']);
  if (to === 'gbk') return { buf: iconv.encode(text, 'gbk'), what: 'saved as GBK' };
  if (to === 'utf8') return { buf: Buffer.from(text), what: 'saved as UTF-8' };
  if (to === 'utf16le-bom') return { buf: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), what: 'saved as UTF-16LE with BOM' };
  const decl = to === 'gbk-declared-utf8' ? 'utf-8' : 'gbk';
  const page = `<meta charset="${decl}">\n${text}`;
  return { buf: to === 'gbk-declared-utf8' ? iconv.encode(page, 'gbk') : Buffer.from(page), what: to };
}
async function docxPart(buf) {
  const zip = await JSZip.loadAsync(buf);
  const parts = Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n));
  const part = pick(parts);
  const xml = await zip.file(part).async('nodebuffer');
  const how = pick(['cut', 'flip', 'nest']);
  let out;
  if (how === 'cut') out = xml.subarray(0, int(xml.length));
  else if (how === 'flip') out = flip(xml).buf;
  else {
    const n = pick([2_000, 20_000]);
    const s = xml.toString('utf8');
    const at = s.lastIndexOf('</w:body>');
    const deep = `<w:p>${'<w:r>'.repeat(n)}<w:r><w:t>深</w:t></w:r>${'</w:r>'.repeat(n)}</w:p>`;
    out = Buffer.from(at < 0 ? s : s.slice(0, at) + deep + s.slice(at));
  }
  zip.file(part, out);
  return { buf: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), what: `${part}: ${how}` };
}

/** One mutation suited to the source's format. */
async function mutate(src) {
  const kinds = ['flip', 'truncate', 'move'];
  if (isText(src.rel)) kinds.push('recode', 'longLine');
  if (src.rel.endsWith('.html')) kinds.push('nest');
  if (src.rel.endsWith('.docx')) kinds.push('docxPart', 'docxPart');
  const kind = pick(kinds);
  const m =
    kind === 'flip' ? flip(src.buf)
    : kind === 'truncate' ? truncate(src.buf)
    : kind === 'move' ? move(src.buf)
    : kind === 'nest' ? nestHtml(src.buf)
    : kind === 'recode' ? recode(src.buf, src.rel)
    : kind === 'longLine' ? longLine(src.buf)
    : await docxPart(src.buf);
  return { kind, ...m };
}

const tmp = mkdtempSync(join(tmpdir(), 'gkreport-fuzz-'));
const inDir = join(tmp, 'in');
const out = join(tmp, 'out');
mkdirSync(inDir);
const made = new Map();
let bytes = 0;
for (let i = 0; i < FILES; i++) {
  const src = SOURCES[i % SOURCES.length];
  const m = await mutate(src);
  const name = `${String(i).padStart(4, '0')}-${m.kind}-${src.rel.replace(/[/.]/g, '_')}${ext(src.rel)}`;
  writeFileSync(join(inDir, name), m.buf);
  made.set(name, { ...m, src: src.rel, bytes: m.buf.length });
  bytes += m.buf.length;
}
say('# gkreport fuzz');
say(`seed ${SEED}: ${FILES} mutated copies of ${SOURCES.length} real fixtures (${round(bytes / 2 ** 20, 1)} MiB), --jobs ${JOBS} --timeout ${TIMEOUT_S} --max-memory ${MEMORY_MB}`);

const run = await measure(process.execPath, [BIN, 'extract', inDir, '--out', out, '--jobs', String(JOBS), '--timeout', String(TIMEOUT_S), '--max-memory', String(MEMORY_MB), '--log-format', 'json']);
const events = jsonLines(run.stderr).filter((e) => e.event === 'file');
const byName = new Map(events.map((e) => [e.path.slice(inDir.length + 1), e]));

const problems = [];
if (run.code !== 0 && run.code !== 1) problems.push(`the CLI exited ${run.code} (signal ${run.signal ?? 'none'}): ${run.stderr.slice(-600)}`);
if (byName.size !== FILES) problems.push(`${FILES - byName.size} input(s) without a file event`);
const stopped = events.filter((e) => /^Extraction stopped/.test(e.reason ?? '') || /time limit|worker died|per-worker ceiling/.test(e.reason ?? ''));
for (const e of stopped) problems.push(`${e.path.slice(inDir.length + 1)} (${made.get(e.path.slice(inDir.length + 1))?.what}): ${e.reason}`);
if (run.peakWorkerRssMb >= MEMORY_MB) problems.push(`a worker reached ${Math.round(run.peakWorkerRssMb)} MB`);

const table = new Map();
for (const [name, m] of made) {
  const e = byName.get(name);
  const row = table.get(m.kind) ?? { n: 0, ok: 0, partial: 0, failed: 0, maxMs: 0, slowest: '' };
  row.n++;
  if (e) {
    row[e.status] = (row[e.status] ?? 0) + 1;
    if (e.ms > row.maxMs) Object.assign(row, { maxMs: e.ms, slowest: `${m.src}: ${m.what}` });
  }
  table.set(m.kind, row);
}
say('\n| mutation | files | ok | partial | failed | slowest file, ms | slowest mutation |');
say('|---|---:|---:|---:|---:|---:|---|');
for (const [kind, r] of [...table].sort()) say(`| ${kind} | ${r.n} | ${r.ok} | ${r.partial} | ${r.failed} | ${Math.round(r.maxMs)} | ${r.slowest} |`);
const ms = events.map((e) => e.ms).sort((a, b) => a - b);
say(`\nwall ${round(run.wallMs / 1000, 1)} s; per file median ${Math.round(ms[ms.length >> 1] ?? 0)} ms, max ${Math.round(ms[ms.length - 1] ?? 0)} ms`);
say(`peak RSS: largest worker ${Math.round(run.peakWorkerRssMb)} MB, main process ${Math.round(run.peakMainRssMb)} MB (sampled every 50 ms)`);
say(`exit status ${run.code}; crashes, time-outs, memory stops: ${stopped.length}`);
say(problems.length ? `\nFAIL\n${problems.map((p) => `- ${p}`).join('\n')}` : '\nPASS: no crash, no file over the time limit, every worker under 1 GB');
if (process.env.FUZZ_KEEP === '1') say(`kept: ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
process.exitCode = problems.length ? 1 : 0;
