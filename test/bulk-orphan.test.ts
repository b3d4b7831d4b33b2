// Workers die with their parent: a run killed with SIGKILL while its workers
// are stuck in synchronous code (where no 'disconnect' event can reach them)
// leaves no worker running more than a moment later.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DRIVER = fileURLToPath(new URL('./bulk-orphan-driver.js', import.meta.url));

/** Busy in user code: the process's state in /proc is R (running). */
function running(pid: number): boolean {
  try {
    return /\) R /.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('bulk: workers die with their parent', function () {
  this.timeout(30_000);

  it('SIGKILL of the parent while both workers spin in a synchronous loop: both are gone within 2 s', async function () {
    if (process.platform !== 'linux') this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'gkreport-orphan-'));
    const driver = spawn(process.execPath, [DRIVER, dir], { stdio: 'ignore' });
    try {
      const marks = [join(dir, 'a'), join(dir, 'b')];
      for (let i = 0; i < 400 && !marks.every((m) => existsSync(m)); i++) await sleep(50);
      await sleep(100); // the files are written just before the loop
      const workers = marks.map((m) => Number(readFileSync(m, 'utf8')));
      assert.equal(workers.length, 2, 'two workers started');
      assert.ok(workers.every(running), 'the workers spin while their parent lives');
      driver.kill('SIGKILL');
      const t0 = performance.now();
      while (workers.some(alive) && performance.now() - t0 < 5000) await sleep(50);
      const ms = performance.now() - t0;
      const left = workers.filter(alive);
      for (const p of left) process.kill(p, 'SIGKILL'); // do not leave them spinning on a shared machine
      assert.deepEqual(left, [], `worker(s) still running 5 s after their parent was killed`);
      assert.ok(ms < 2000, `the workers outlived their parent by ${Math.round(ms)} ms`);
    } finally {
      driver.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
