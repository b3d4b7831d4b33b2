// BENCH_ONLY=serve npm run bench: the review app on a store of 10,000 reports
// made from the corpus (the 5 real reports extracted once, then copied under
// 2,000 numbered copies of each agency, each copy its own document), and the
// latency of the overview and a report page over HTTP on this machine.
import { createHash } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExtract } from '../dist/src/cli/extract.js';
import { openStore } from '../dist/src/store/db.js';
import { listSources, loadReport, putReport, syncCrossYear } from '../dist/src/store/index.js';
import { buildApp } from '../dist/src/web/server.js';
import { median, round } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const N = Number(process.env.BENCH_SERVE_REPORTS ?? 10000);
const RUNS = Number(process.env.BENCH_SERVE_RUNS ?? 30);
const CORPUS = ['pdf/real/hongze-qu-2023.pdf', 'pdf/real/hongze-qu-2024.pdf', 'pdf/real/huaian-shi-2024.pdf', 'html/shanghai-bangongting-2019.html', 'text/xiuzhou-gongxiaoshe-2020.txt'].map((f) => join(ROOT, 'fixtures', f));
const say = (s = '') => process.stdout.write(`${s}\n`);
const tmp = mkdtempSync(join(tmpdir(), 'gkreport-bench-serve-'));

say('# gkreport serve bench');
say(`machine: ${availableParallelism()} cores, node ${process.version}, load average at start ${loadavg().map((x) => round(x, 2)).join(' ')}`);

// 1. The corpus, extracted for real.
const seed = join(tmp, 'seed.db');
const err = process.stderr.write.bind(process.stderr);
process.stderr.write = () => true;
const code = await runExtract([...CORPUS, '--db', seed, '--out', join(tmp, 'out'), '--quiet', '--jobs', '1']);
process.stderr.write = err;
if (code !== 0) throw new Error(`extract exited ${code}`);
const seedStore = await openStore(seed);
const originals = [];
for (const s of await listSources(seedStore.db)) originals.push(await loadReport(seedStore.db, s.path, s.sha256));
await seedStore.close();

// 2. N copies: agency n (n = i / 5) has each corpus report once, under its own name and content hash.
const target = join(tmp, 'store-10k.db');
const store = await openStore(target);
const t0 = performance.now();
const BATCH = 250;
for (let i = 0; i < N; i += BATCH) {
  await store.db.transaction().execute(async (trx) => {
    for (let j = i; j < Math.min(N, i + BATCH); j++) {
      const o = originals[j % originals.length];
      const n = Math.floor(j / originals.length);
      const r = structuredClone(o);
      r.source.path = join('/bench', `agency-${n}`, o.source.path.split('/').pop());
      r.source.sha256 = createHash('sha256').update(`${o.source.sha256}:${j}`).digest('hex');
      r.meta.agency = `${o.meta.agency}（${n}）`;
      r.findings = r.findings.filter((f) => !f.rule.startsWith('cross_year.'));
      await putReport(trx, r);
    }
  });
}
await syncCrossYear(store.db);
const buildS = (performance.now() - t0) / 1000;
const count = async (t) => Number((await store.db.selectFrom(t).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
say(`store: ${await count('documents')} documents, ${await count('field_values')} values, ${await count('findings')} findings, ${round(statSync(target).size / 2 ** 20)} MiB SQLite; built in ${round(buildS, 1)} s\n`);

// 3. Latency over HTTP: the app listening on the loopback, requests one at a time.
const app = await buildApp({ store });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
// The first overview after the store changed reads every document's summary (then kept until the next change).
{
  const t = performance.now();
  const res = await fetch(base + '/');
  await res.arrayBuffer();
  say(`first overview after opening (reads the 10,000 summaries): ${round(performance.now() - t)} ms\n`);
}
const hongze = (await store.db.selectFrom('sources').select('sha256').where('path', '=', '/bench/agency-17/hongze-qu-2023.pdf').executeTakeFirstOrThrow()).sha256;
const hongze24 = (await store.db.selectFrom('sources').select('sha256').where('path', '=', '/bench/agency-17/hongze-qu-2024.pdf').executeTakeFirstOrThrow()).sha256;
const cases = [
  ['overview, all agencies (page 1)', '/'],
  ['overview, region 320800 (淮安市)', '/?region=320800'],
  ['overview, rule review.total, year 2023', '/?rule=review.total&year=2023'],
  ['overview CSV, all (page 1)', '/overview.csv'],
  ['report page, hongze 2023 copy', `/report/${hongze}`],
  ['year against year, hongze 2023 ↔ 2024 copy (sources not on disk: no narrative)', `/compare?a=${hongze}&b=${hongze24}`],
];
// CPU ms: the process's CPU time during the request (server and client share it); on a loaded
// machine the wall time is mostly waiting for a core.
say('| request | median ms | p95 ms | max ms | median CPU ms | bytes |');
say('|---|---|---|---|---|---|');
for (const [name, path] of cases) {
  const ms = [];
  const cpu = [];
  let bytes = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    const t = performance.now();
    const c0 = process.cpuUsage();
    const res = await fetch(base + path);
    const body = await res.arrayBuffer();
    const c = process.cpuUsage(c0);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    if (i >= 2) {
      ms.push(performance.now() - t);
      cpu.push((c.user + c.system) / 1000);
    }
    bytes = body.byteLength;
  }
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  say(`| ${name} | ${round(median(ms))} | ${round(ms[Math.floor(ms.length * 0.95)] ?? ms.at(-1))} | ${round(ms.at(-1))} | ${round(median(cpu))} | ${bytes} |`);
}
say(`\n${RUNS} timed requests each after 2 warm-ups; load average at end ${loadavg().map((x) => round(x, 2)).join(' ')}`);
await app.close();
await store.close();
