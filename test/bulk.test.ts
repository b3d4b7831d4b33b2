// Bulk runs through the real command line (issue 6): results independent of
// --jobs and of completion order, incremental re-runs, a run killed with
// SIGKILL and started again, and what goes to stdout and stderr.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvText, events, fixture, removeTempDirs, reportRows, runCli, startCli, tempDir } from './bulk-helpers.js';

/** A folder of inputs: six copies of the text report, the HTML report, the blank DOCX template, a real PDF. */
function inputs(withPdf: boolean): string {
  const dir = tempDir('in');
  for (let i = 1; i <= 6; i++) copyFileSync(fixture('text/xiuzhou-gongxiaoshe-2020.txt'), join(dir, `text-${i}.txt`));
  mkdirSync(join(dir, 'sub'));
  copyFileSync(fixture('html/shanghai-bangongting-2019.html'), join(dir, 'sub', 'shanghai.html'));
  copyFileSync(fixture('docx/template-2021-blank.docx'), join(dir, 'template.docx'));
  if (withPdf) copyFileSync(fixture('pdf/real/hongze-qu-2024.pdf'), join(dir, 'hongze.pdf'));
  return dir;
}

const summaryOf = (stderr: string) => events(stderr).find((e) => e.event === 'summary')!;

describe('bulk: extract over a folder', function () {
  this.timeout(180_000);
  let dir: string;
  let ref: string;

  before(async () => {
    dir = inputs(true);
    ref = tempDir('ref');
    const r = await runCli(['extract', dir, '--out', ref, '--jobs', '1', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
  });
  after(removeTempDirs);

  it('writes the same CSVs, byte for byte, with --jobs 1 and --jobs 2, rows in source-path order', async () => {
    const out = tempDir('j2');
    const r = await runCli(['extract', dir, '--out', out, '--jobs', '2', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(csvText(out), csvText(ref));
    const paths = (await reportRows(ref)).map((row) => row.source_path);
    assert.equal(paths.length, 9);
    assert.deepEqual(paths, [...paths].sort());
    assert.deepEqual(
      (await reportRows(ref)).map((row) => row.status),
      Array(9).fill('ok'),
    );
  });

  it('skips every unchanged input on a second run and says how many; --force redoes them', async () => {
    const again = await runCli(['extract', dir, '--out', ref, '--log-format', 'json']);
    assert.equal(again.code, 0, again.stderr);
    const files = events(again.stderr).filter((e) => e.event === 'file');
    assert.equal(files.length, 9);
    assert.ok(files.every((e) => e.skipped === true));
    assert.equal(summaryOf(again.stderr).skipped, 9);
    const before = csvText(ref);
    const forced = await runCli(['extract', dir, '--out', ref, '--log-format', 'json', '--force']);
    assert.equal(summaryOf(forced.stderr).skipped, 0);
    assert.deepEqual(csvText(ref), before);
  });

  it('redoes an input whose bytes changed, and only that one', async () => {
    const d = inputs(false);
    const out = tempDir('chg');
    await runCli(['extract', d, '--out', out, '--quiet']);
    copyFileSync(fixture('html/shanghai-bangongting-2019.html'), join(d, 'text-3.txt'));
    const r = await runCli(['extract', d, '--out', out, '--log-format', 'json']);
    const redone = events(r.stderr).filter((e) => e.event === 'file' && e.skipped === false);
    assert.deepEqual(
      redone.map((e) => [e.path, e.format]),
      [[join(d, 'text-3.txt'), 'html']],
    );
  });

  it('keeps two inputs with the same name and the same bytes in different folders apart', async () => {
    const d = tempDir('twins');
    for (const sub of ['a', 'b']) {
      mkdirSync(join(d, sub));
      copyFileSync(fixture('text/xiuzhou-gongxiaoshe-2020.txt'), join(d, sub, 'report.txt'));
    }
    const out = tempDir('twins-out');
    const r = await runCli(['extract', d, '--out', out, '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readdirSync(join(out, 'reports')).length, 2);
    const rows = await reportRows(out);
    assert.deepEqual(
      rows.map((row) => row.source_path),
      [join(d, 'a', 'report.txt'), join(d, 'b', 'report.txt')],
    );
    const again = await runCli(['extract', d, '--out', out, '--log-format', 'json']);
    assert.equal(summaryOf(again.stderr).skipped, 2);
  });

  for (const k of [1, 4]) {
    it(`a run killed with SIGKILL after ${k} file(s) and started again ends with the CSVs of an uninterrupted run, row for row`, async () => {
      const d = inputs(false);
      const whole = tempDir('whole');
      const full = await runCli(['extract', d, '--out', whole, '--jobs', '1', '--quiet']);
      const out = tempDir('killed');
      let workers: number[] = [];
      const killed = await startCli(['extract', d, '--out', out, '--jobs', '1', '--log-format', 'json'], {
        onStderr: (all, child) => {
          if (child.killed || all.split('\n').filter((l) => l.includes('"event":"file"')).length < k) return;
          workers = childPids(child.pid!);
          child.kill('SIGKILL');
        },
      });
      assert.equal(killed.signal, 'SIGKILL');
      // Nothing half-written: no CSV yet, and every report JSON there is whole.
      assert.equal(existsSync(join(out, 'reports.csv')), false);
      const jsons = readdirSync(join(out, 'reports')).filter((f) => f.endsWith('.json'));
      assert.ok(jsons.length >= k);
      for (const f of jsons) JSON.parse(readFileSync(join(out, 'reports', f), 'utf8'));
      await gone(workers);

      const resumed = await runCli(['extract', d, '--out', out, '--jobs', '1', '--log-format', 'json']);
      assert.equal(resumed.code, full.code, resumed.stderr);
      assert.ok((summaryOf(resumed.stderr).skipped as number) >= k);
      const a = csvText(out);
      const b = csvText(whole);
      for (const f of Object.keys(b)) assert.deepEqual(a[f]!.split('\n'), b[f]!.split('\n'), f);
    });
  }
});

describe('bulk: stdout and stderr', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = tempDir('io');
    copyFileSync(fixture('text/xiuzhou-gongxiaoshe-2020.txt'), join(dir, 'good.txt'));
    writeFileSync(join(dir, 'empty.pdf'), '');
  });

  it('text log: a line for the failed file and the closing summary on stderr, nothing on stdout', async () => {
    const r = await runCli(['extract', dir, '--out', tempDir('io-out')]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /failed {2}".*empty\.pdf": The file is empty \(0 bytes\)\./);
    assert.match(r.stderr, /gkreport: 2 input\(s\): 1 ok, 0 partial, 1 failed; \d+ errors, \d+ warnings; 0 skipped as unchanged; [\d.]+ s → /);
  });

  it('--log-format json: one event per file, then the summary, nothing on stdout', async () => {
    const r = await runCli(['extract', dir, '--out', tempDir('io-json'), '--log-format', 'json']);
    assert.equal(r.stdout, '');
    const ev = events(r.stderr);
    assert.deepEqual(
      ev.map((e) => e.event),
      ['start', 'file', 'file', 'summary'],
    );
    const byPath = Object.fromEntries(ev.filter((e) => e.event === 'file').map((e) => [String(e.path).replace(/.*\//, ''), e]));
    assert.equal(byPath['good.txt']!.status, 'ok');
    assert.equal(byPath['empty.pdf']!.status, 'failed');
    assert.match(String(byPath['empty.pdf']!.reason), /empty/);
    assert.equal(summaryOf(r.stderr).failed, 1);
  });

  it('--quiet: the failure and the summary only', async () => {
    const r = await runCli(['extract', dir, '--out', tempDir('io-q'), '--quiet']);
    assert.deepEqual(r.stderr.trim().split('\n').length, 2, r.stderr);
  });

  it('bad usage exits 2', async () => {
    for (const args of [['--jobs', '0'], ['--timeout', 'x'], ['--log-format', 'xml']]) {
      const r = await runCli(['extract', dir, ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
    }
  });
});

/** Worker processes of a run (children of its process). */
function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map(Number)
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

/** Waits until the processes have exited: workers must not outlive a killed run. */
async function gone(pids: number[]): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const alive = pids.filter((p) => {
      try {
        process.kill(p, 0);
        return !readFileSync(`/proc/${p}/stat`, 'utf8').includes(') Z ');
      } catch {
        return false;
      }
    });
    if (alive.length === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`worker processes ${pids.join(', ')} outlived the killed run`);
}
