// The queue on a real PostgreSQL: enqueue / worker / status, three worker
// processes giving extract's CSVs row for row, a worker SIGKILLed mid-batch,
// and the database stopped for a few seconds mid-batch.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runStatus } from '../src/cli/status.js';
import { runWorker } from '../src/cli/worker.js';
import { adminUrl, freshPgDatabase } from './pg-helpers.js';
import { corpus, csvDifference, enqueueQuiet, exportQuiet, startWorker, waitFor } from './queue-helpers.js';
import { extractInto, fixture, quietly, stdoutOf, tempDir, withStore } from './store-helpers.js';

const PG_SCRIPT = fileURLToPath(new URL('../../.ci/postgres.sh', import.meta.url));

// Every format of the demo set and the cross-year pair (two years of one body, and a reissue).
const ALL = [
  'reports/hongze-qu-2023.pdf', 'reports/hongze-qu-2024.pdf', 'reports/huaian-shi-2024.pdf', 'reports/shanghai-bangongting-2019.html',
  'reports/template-2021-blank.docx', 'reports/xiuzhou-gongxiaoshe-2020.txt',
  'cross-year/shili-danganguan-2022.html', 'cross-year/shili-danganguan-2023.html', 'cross-year/shili-danganguan-2023-reissued.html',
].map(fixture);
// Quick ones, for the batches that are interrupted.
const QUICK = ALL.filter((f) => !f.endsWith('.pdf'));

async function statusJson(db: string): Promise<{ queued: number; active: number; done: number; failed: number; reports: Record<string, number> }> {
  const status = await stdoutOf(() => quietly(() => runStatus(['--db', db, '--json'])));
  assert.equal(status.value, 0);
  return JSON.parse(status.out);
}

async function sourcePaths(db: string): Promise<string[]> {
  return withStore(db, async (s) => (await s.db.selectFrom('sources').select('path').execute()).map((r) => r.path).sort());
}

describe('queue: enqueue, three workers, export', function () {
  this.timeout(20 * 60_000);
  const dir = tempDir();
  const inputs = corpus(join(dir, 'corpus'), ALL, 120);
  let db: string;

  before(async () => {
    db = await freshPgDatabase();
  });

  it('enqueue adds one job per input; the same inputs again add nothing; --force redoes one', async () => {
    assert.equal(await enqueueQuiet([join(dir, 'corpus'), '--db', db]), 0);
    assert.equal(await enqueueQuiet([join(dir, 'corpus'), '--db', db]), 0);
    let s = await statusJson(db);
    assert.deepEqual([s.queued, s.active, s.done, s.failed], [120, 0, 0, 0]);
    assert.equal(await enqueueQuiet([inputs[0]!, '--db', db, '--force']), 0);
    s = await statusJson(db);
    assert.equal(s.queued, 121);
  });

  it('three workers: every input one report; export gives the CSVs of extract into SQLite and of plain extract, row for row', async () => {
    const workers = [startWorker(db, ['--quiet']), startWorker(db, ['--quiet']), startWorker(db, ['--quiet'])];
    const codes = await Promise.all(workers.map((w) => w.exit));
    assert.deepEqual(codes, [0, 0, 0], workers.map((w) => w.log.join('\n')).join('\n---\n'));
    const s = await statusJson(db);
    assert.deepEqual([s.queued, s.active, s.done, s.failed], [0, 0, 121, 0]);
    // 120 inputs: 13 or 14 copies of each of the nine files
    assert.equal(s.reports.ok! + s.reports.partial! + s.reports.failed!, 120);
    assert.deepEqual(await sourcePaths(db), [...inputs].sort());

    const sqlite = join(dir, 'store.db');
    assert.equal(await extractInto([join(dir, 'corpus')], join(dir, 'extract'), sqlite), 0);
    assert.equal(await exportQuiet(db, join(dir, 'from-pg')), 0);
    assert.equal(await exportQuiet(sqlite, join(dir, 'from-sqlite')), 0);
    assert.equal(csvDifference(join(dir, 'extract'), join(dir, 'from-sqlite')), undefined);
    assert.equal(csvDifference(join(dir, 'extract'), join(dir, 'from-pg')), undefined);
    assert.equal(readFileSync(join(dir, 'from-pg', 'reports.csv'), 'utf8').trim().split('\n').length, 121);
  });
});

describe('queue: interrupted batches', function () {
  this.timeout(20 * 60_000);
  const dir = tempDir();
  const inputs = corpus(join(dir, 'corpus'), QUICK, 36);

  before(async () => {
    assert.equal(await extractInto([join(dir, 'corpus')], join(dir, 'extract'), join(dir, 'ref.db')), 0);
  });

  it('a worker SIGKILLed mid-batch: its job comes back after the lease, and every input has exactly one report', async () => {
    const db = await freshPgDatabase();
    assert.equal(await enqueueQuiet([join(dir, 'corpus'), '--db', db, '--lease', '20', '--retry-delay', '1']), 0);
    const [victim, ...others] = [startWorker(db, ['--timeout', '15']), startWorker(db, ['--timeout', '15', '--quiet']), startWorker(db, ['--timeout', '15', '--quiet'])];
    // Mid-batch: it has finished two files and holds the next.
    await waitFor(() => victim!.done.length >= 2, 5 * 60_000, 'the first worker to finish two files');
    victim!.proc.kill('SIGKILL');
    assert.equal(await victim!.exit, 'SIGKILL');
    assert.deepEqual(await Promise.all(others.map((w) => w.exit)), [0, 0]);
    const s = await statusJson(db);
    assert.deepEqual([s.queued, s.active, s.failed], [0, 0, 0]);
    assert.deepEqual(await sourcePaths(db), [...inputs].sort());
    assert.equal(await exportQuiet(db, join(dir, 'killed')), 0);
    assert.equal(csvDifference(join(dir, 'extract'), join(dir, 'killed')), undefined);
  });

  it('SIGTERM: the worker takes no new job, finishes the file in hand, and exits 0', async () => {
    const db = await freshPgDatabase();
    assert.equal(await enqueueQuiet([join(dir, 'corpus'), '--db', db]), 0);
    const w = startWorker(db, ['--timeout', '15'], false);
    await waitFor(() => w.done.length >= 1, 5 * 60_000, 'one file done');
    w.proc.kill('SIGTERM');
    assert.equal(await w.exit, 0, w.log.join('\n'));
    assert.ok(w.log.some((l) => /SIGTERM: finishing 1 file\(s\) in hand/.test(l)), w.log.join('\n'));
    const s = await statusJson(db);
    // nothing left held; every job it took is done, and its report is in the store
    assert.equal(s.active, 0);
    assert.equal(s.done, w.done.length);
    assert.equal(s.queued, 36 - w.done.length);
    assert.deepEqual(await sourcePaths(db), [...w.done].sort());
  });

  it('the database stopped for a few seconds mid-batch: workers wait and go on; nothing lost or written twice', async function () {
    const ours = execFileSync('bash', [PG_SCRIPT, 'url'], { encoding: 'utf8' }).trim();
    assert.equal(adminUrl(), ours, 'this test stops and starts the server of .ci/postgres.sh, so GKREPORT_TEST_PG must be that one');
    const db = await freshPgDatabase();
    assert.equal(await enqueueQuiet([join(dir, 'corpus'), '--db', db, '--lease', '20', '--retry-delay', '1']), 0);
    const workers = [startWorker(db, ['--timeout', '15']), startWorker(db, ['--timeout', '15'])];
    await waitFor(() => workers.reduce((n, w) => n + w.done.length, 0) >= 4, 5 * 60_000, 'four files done');
    execFileSync('bash', [PG_SCRIPT, 'stop'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 5000));
    const doneWhileDown = workers.reduce((n, w) => n + w.done.length, 0);
    execFileSync('bash', [PG_SCRIPT, 'start'], { stdio: 'ignore' });
    assert.deepEqual(await Promise.all(workers.map((w) => w.exit)), [0, 0], workers.map((w) => w.log.join('\n')).join('\n---\n'));
    assert.ok(workers.reduce((n, w) => n + w.done.length, 0) > doneWhileDown, 'work went on after the database came back');
    assert.ok(workers.some((w) => w.log.some((l) => /cannot take a job|to be retried|connection lost|queue: /.test(l))), 'the workers noticed the database was away');
    const s = await statusJson(db);
    assert.deepEqual([s.queued, s.active, s.failed], [0, 0, 0]);
    assert.deepEqual(await sourcePaths(db), [...inputs].sort());
    assert.equal(await exportQuiet(db, join(dir, 'outage')), 0);
    assert.equal(csvDifference(join(dir, 'extract'), join(dir, 'outage')), undefined);
  });
});

describe('queue: usage', function () {
  this.timeout(60_000);

  it('needs a postgres:// URL (exit 2 for an SQLite file); status on a database never enqueued to says it has no queue and shows the store (exit 0)', async () => {
    const dir = tempDir();
    assert.equal(await enqueueQuiet([fixture('reports'), '--db', join(dir, 'store.db')]), 2);
    assert.equal(await quietly(() => runWorker(['--db', join(dir, 'store.db')])), 2);
    assert.equal(await quietly(() => runStatus(['--db', join(dir, 'store.db')])), 2);
    const fresh = await freshPgDatabase();
    const status = await stdoutOf(() => quietly(() => runStatus(['--db', fresh])));
    assert.equal(status.value, 0);
    assert.equal(status.out, 'queue   none in this database (gkreport enqueue makes one)\nreports ok 0, partial 0, failed 0\nfailed URLs  0\n');
  });
});

describe('queue: cross-year rules as reports land', function () {
  this.timeout(10 * 60_000);

  it('year N alone has no carry finding; year N−1 landing later flags year N at once', async () => {
    const dir = tempDir();
    const [y2022, y2023] = corpus(join(dir, 'in'), [fixture('cross-year/shili-danganguan-2022.html'), fixture('cross-year/shili-danganguan-2023.html')], 2);
    const db = await freshPgDatabase();
    const carry = () =>
      withStore(db, async (s) =>
        (await s.db.selectFrom('findings as f').innerJoin('documents as d', 'd.sha256', 'f.sha256').select(['d.year', 'f.fields', 'f.expected', 'f.actual']).where('f.rule', '=', 'cross_year.carry').where('f.severity', '=', 'warning').orderBy('f.seq').execute()),
      );
    assert.equal(await enqueueQuiet([y2023!, '--db', db]), 0);
    assert.equal(await startWorker(db, ['--quiet']).exit, 0);
    assert.deepEqual(await carry(), []);
    assert.equal(await enqueueQuiet([y2022!, '--db', db]), 0);
    assert.equal(await startWorker(db, ['--quiet']).exit, 0);
    // 2023 上年结转 natural/total 2 against 2022 结转下年度 3 (the fixture's deliberate break)
    assert.deepEqual(await carry(), [
      { year: 2023, fields: 'apps.carried_in.natural apps.carried_out.natural', expected: 3, actual: 2 },
      { year: 2023, fields: 'apps.carried_in.total apps.carried_out.total', expected: 3, actual: 2 },
    ]);
  });
});
