// Helpers for the queue tests: corpora of copied fixtures, `gkreport worker`
// processes (the real command, in child processes), and CSV comparison.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEnqueue } from '../src/cli/enqueue.js';
import { runExport } from '../src/cli/export.js';
import { quietly } from './store-helpers.js';

export const BIN = fileURLToPath(new URL('../../bin/gkreport.js', import.meta.url));

/** `n` inputs: copies of `files` in turn, each under its own name, in a new folder. */
export function corpus(dir: string, files: string[], n: number): string[] {
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = files[i % files.length]!;
    const p = join(dir, `${String(i).padStart(3, '0')}-${basename(f)}`);
    copyFileSync(f, p);
    out.push(p);
  }
  return out;
}

export interface WorkerProc {
  proc: ChildProcess;
  /** Inputs this worker reported done, in order. */
  done: string[];
  log: string[];
  exit: Promise<number | string>;
}

export function startWorker(db: string, extra: string[] = [], drain = true): WorkerProc {
  const proc = spawn(process.execPath, [BIN, 'worker', '--db', db, '--jobs', '1', '--poll', '0.5', ...(drain ? ['--drain'] : []), ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  const w: WorkerProc = { proc, done: [], log: [], exit: new Promise((r) => proc.on('exit', (code, signal) => r(signal ?? code ?? -1))) };
  let buf = '';
  proc.stderr!.setEncoding('utf8').on('data', (s: string) => {
    buf += s;
    const lines = buf.split('\n');
    buf = lines.pop()!;
    for (const l of lines) {
      w.log.push(l);
      const m = /^gkreport worker: (?:ok|partial|failed) (.+) \(\d+ ms\)$/.exec(l);
      if (m) w.done.push(m[1]!);
    }
  });
  return w;
}

export async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const enqueueQuiet = (args: string[]) => quietly(() => runEnqueue(args));
export const exportQuiet = (db: string, out: string) => quietly(() => runExport(['--db', db, '--out', out]));

export const CSVS = ['reports.csv', 'values.csv', 'findings.csv'];

/** The first CSV line that differs between two folders, or undefined when all three are byte for byte equal. */
export function csvDifference(a: string, b: string): string | undefined {
  for (const f of CSVS) {
    const [x, y] = [readFileSync(join(a, f), 'utf8'), readFileSync(join(b, f), 'utf8')];
    if (x === y) continue;
    const [xl, yl] = [x.split('\n'), y.split('\n')];
    const i = xl.findIndex((l, k) => l !== yl[k]);
    return `${f} line ${i + 1} (${xl.length} vs ${yl.length} lines):\n  ${xl[i]}\n  ${yl[i]}`;
  }
  return undefined;
}
