// Bench helpers: input sets made of hard links, process-tree RSS sampling,
// and small statistics.
import { spawn } from 'node:child_process';
import { linkSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
export const round = (x, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

/** `n` inputs: the corpus files repeated, each copy a hard link in its own folder (distinct paths, so each is really extracted). */
export function makeSet(dir, corpus, n) {
  const files = [];
  for (let i = 0; files.length < n; i++) {
    const sub = join(dir, `copy-${String(i).padStart(5, '0')}`);
    mkdirSync(sub, { recursive: true });
    for (const f of corpus) {
      if (files.length >= n) break;
      const to = join(sub, basename(f));
      linkSync(f, to);
      files.push(to);
    }
  }
  return files;
}

/** Resident set of a process and all its descendants, its own, and its largest descendant's, MB (Linux /proc). */
function treeRss(pid) {
  let total = 0;
  let own = 0;
  let child = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const rss = (Number(readFileSync(`/proc/${p}/statm`, 'latin1').split(' ')[1]) * 4096) / 2 ** 20;
      total += rss;
      if (p === pid) own = rss;
      else child = Math.max(child, rss);
      for (const t of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${t}/children`, 'latin1').trim();
        if (kids) stack.push(...kids.split(' ').map(Number));
      }
    } catch {
      /* exited between reads */
    }
  }
  return { total, own, child };
}

/**
 * Runs a command; returns exit code and signal, wall ms, stdout, stderr and peak RSS (sampled every 50 ms):
 * of its process tree, of its main process, and of its largest descendant (a pool worker).
 */
export function measure(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
    let peak = 0;
    let peakMain = 0;
    let peakWorker = 0;
    const timer = setInterval(() => {
      const r = treeRss(child.pid);
      peak = Math.max(peak, r.total);
      peakMain = Math.max(peakMain, r.own);
      peakWorker = Math.max(peakWorker, r.child);
    }, 50);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, wallMs: performance.now() - t0, stdout, stderr, peakRssMb: peak, peakMainRssMb: peakMain, peakWorkerRssMb: peakWorker });
    });
  });
}

export const jsonLines = (s) =>
  s
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
