// The queue on one PostgreSQL: reports per hour with 1, 2 and 3 `gkreport
// worker` processes (one file at a time each) over the same set, and what one
// report costs the database (writeReport alone, 1 and 4 writers at once), for
// BENCHMARKS.md's estimate of a million reports on N machines. PostgreSQL:
// BENCH_PG (an admin URL), else the throw-away cluster of .ci/postgres.sh.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openStore, writeReport } from '../dist/src/store/index.js';
import { makeSet, measure, median, round } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/gkreport.js');

function adminUrl() {
  return process.env.BENCH_PG ?? execFileSync('bash', [join(ROOT, '.ci/postgres.sh'), 'start'], { encoding: 'utf8' }).trim();
}

async function freshDb(admin, name) {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

/** gkreport under /usr/bin/time: resolves to the CPU seconds of it and its pool workers (reaped children count). */
const run = (args) =>
  new Promise((resolve, reject) => {
    const p = spawn('/usr/bin/time', ['-f', 'TIME %U %S', process.execPath, BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (s) => (err += s));
    p.on('exit', (code) => {
      const m = /TIME ([\d.]+) ([\d.]+)/.exec(err);
      code === 0 && m ? resolve(Number(m[1]) + Number(m[2])) : reject(new Error(`gkreport ${args[0]} exited ${code}: ${err.slice(-2000)}`));
    });
  });

/** Time for the backends of closed connections to end and be reaped (their CPU counts then). */
const settle = () => new Promise((r) => setTimeout(r, 1000));

/**
 * CPU seconds the PostgreSQL server has used: the postmaster's own and that of
 * the backends it has reaped (a backend ends with its connection). Only for the
 * local cluster of .ci/postgres.sh, whose data folder we know.
 */
function serverCpuSec() {
  try {
    const pid = readFileSync(join(process.env.PGTEST_DIR ?? '/tmp/gkreport-pgtest', 'data', 'postmaster.pid'), 'utf8').split('\n')[0];
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // fields 14-17 of stat (utime stime cutime cstime) are 11-14 after the command name
    return [11, 12, 13, 14].reduce((a, i) => a + Number(f[i]), 0) / 100;
  } catch {
    return undefined;
  }
}

export async function queueBench({ say, tmp, corpus, n }) {
  const admin = adminUrl();
  const dir = join(tmp, 'queue-set');
  makeSet(dir, corpus, n);
  say(`\n## Queue: ${n} files, \`gkreport worker --jobs 1\` × W processes on one PostgreSQL (same machine)`);
  for (const w of [1, 2, 3]) {
    const db = await freshDb(admin, `gkbench_w${w}`);
    await run(['enqueue', dir, '--db', db]);
    const db0 = serverCpuSec();
    const t0 = performance.now();
    const cpu = await Promise.all(Array.from({ length: w }, () => run(['worker', '--db', db, '--jobs', '1', '--drain', '--poll', '0.5', '--quiet'])));
    const ms = performance.now() - t0;
    await settle();
    const dbCpu = db0 === undefined ? undefined : serverCpuSec() - db0;
    const workerCpu = cpu.reduce((a, b) => a + b, 0);
    say(
      `  ${w} worker(s): ${round(ms / 1000, 1)} s, ${round((n / ms) * 3.6e6)} reports/hour; CPU per report: workers ${round((workerCpu / n) * 1000)} ms` +
        (dbCpu === undefined ? '' : `, PostgreSQL ${round((dbCpu / n) * 1000, 1)} ms`) + `; load average ${loadavg()[0].toFixed(1)}`,
    );
  }

  // The database's share: real reports written as new documents (a fresh sha256 and body each), no extraction.
  const out = join(tmp, 'queue-json');
  await measure(process.execPath, [BIN, 'extract', ...corpus, '--out', out, '--quiet']);
  const reports = readdirSync(join(out, 'reports')).map((f) => JSON.parse(readFileSync(join(out, 'reports', f), 'utf8')));
  for (const writers of [1, 4]) {
    const store = await openStore(await freshDb(admin, `gkbench_write${writers}`), { poolSize: writers });
    const total = 400;
    let next = 0;
    const times = [];
    const db0 = serverCpuSec();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < total) {
          const i = next++;
          const r = structuredClone(reports[i % reports.length]);
          r.source.sha256 = `${r.source.sha256.slice(0, 56)}${String(i).padStart(8, '0')}`;
          r.source.path = `/bench/${i}-${r.source.path.split('/').pop()}`;
          // A body of its own, as in the archive (one report per body and year): the cross-year
          // rules then compare a handful of documents, not every copy of the same report.
          r.meta.agency = `${r.meta.agency ?? '机构'}分${i}`;
          const t = performance.now();
          await writeReport(store, r);
          times.push(performance.now() - t);
        }
      }),
    );
    const ms = performance.now() - t0;
    await store.close();
    await settle();
    const dbCpu = db0 === undefined ? undefined : serverCpuSec() - db0;
    say(`  database alone, ${writers} writer(s): ${total} reports in ${round(ms / 1000, 1)} s → ${round((total / ms) * 3.6e6)} reports/hour, median ${round(median(times), 1)} ms per report write` + (dbCpu === undefined ? '' : `, PostgreSQL CPU ${round((dbCpu / total) * 1000, 1)} ms per report`));
  }
}
