// A command's peak resident memory per process: its own, and the largest of
// any descendant (the worker pool's processes), sampled from /proc (Linux).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

function rssMb(pid) {
  return (Number(readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]) * 4096) / 2 ** 20;
}

function descendants(pid) {
  const out = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      for (const t of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${t}/children`, 'latin1').trim();
        if (kids) for (const k of kids.split(' ').map(Number)) (out.push(k), stack.push(k));
      }
    } catch {
      /* exited between reads */
    }
  }
  return out;
}

/** Runs a command; wall ms, exit code, output, and peak RSS of the main process and of its largest descendant. */
export function measureWorkers(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
    let peakMainMb = 0;
    let peakWorkerMb = 0;
    const timer = setInterval(() => {
      try {
        peakMainMb = Math.max(peakMainMb, rssMb(child.pid));
      } catch {
        /* exited */
      }
      for (const pid of descendants(child.pid)) {
        try {
          peakWorkerMb = Math.max(peakWorkerMb, rssMb(pid));
        } catch {
          /* exited */
        }
      }
    }, 50);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, wallMs: performance.now() - t0, stdout, stderr, peakMainMb, peakWorkerMb });
    });
  });
}
