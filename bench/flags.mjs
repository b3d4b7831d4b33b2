// Worker V8 flags, alternated (A B A B …) so a change in the machine's load
// hits both alike: `node bench/flags.mjs [files] [rounds]`.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBatch } from '../dist/src/bulk/run.js';
import { makeSet, median, round } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PDFS = ['hongze-qu-2023.pdf', 'hongze-qu-2024.pdf', 'huaian-shi-2024.pdf'].map((f) => join(ROOT, 'fixtures/pdf/real', f));
const n = Number(process.argv[2] ?? 24);
const rounds = Number(process.argv[3] ?? 2);
const tmp = mkdtempSync(join(tmpdir(), 'gkreport-flags-'));
const dir = join(tmp, 'in');
makeSet(dir, PDFS, n);
const variants = {
  'process, no flags': ['process', []],
  'process, --single-threaded-gc': ['process', ['--single-threaded-gc']],
  'process, --max-semi-space-size=32': ['process', ['--max-semi-space-size=32']],
  'process, --single-threaded-gc --max-semi-space-size=32': ['process', ['--single-threaded-gc', '--max-semi-space-size=32']],
  'thread': ['thread', []],
};
const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
let i = 0;
for (let r = 0; r < rounds; r++) {
  for (const [name, [kind, execArgv]] of Object.entries(variants)) {
    const t0 = performance.now();
    await runBatch({ inputs: [dir], out: join(tmp, `o${i++}`), force: true, timeoutMs: 120_000, jobs: 2, memoryMb: 2048, kind, execArgv }, { start() {}, done() {} });
    times[name].push((performance.now() - t0) / n);
  }
}
process.stdout.write(`${n} PDFs, --jobs 2, ${rounds} alternating rounds, load average now ${loadavg().map((x) => round(x, 1)).join(' ')}\n`);
for (const [name, t] of Object.entries(times)) process.stdout.write(`  ${name}: median ${round(median(t))} ms per report (${t.map((x) => round(x)).join(', ')})\n`);
rmSync(tmp, { recursive: true, force: true });
