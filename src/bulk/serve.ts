// The worker side of pool.ts: answers each task message with one result
// message, as a child process (IPC) or as a worker thread (parentPort).
import { parentPort, Worker } from 'node:worker_threads';

export type Handler<T, R> = (task: T) => Promise<R>;

export function serve<T, R>(handler: Handler<T, R>): void {
  const send = parentPort ? (m: unknown) => parentPort!.postMessage(m) : (m: unknown) => process.send!(m);
  const onMessage = async (task: T) => {
    try {
      send({ ok: true, value: await handler(task) });
    } catch (e) {
      // A handler should not throw for a bad document; if it does, the task fails, not the worker.
      send({ ok: false, reason: (e as Error)?.message ?? String(e) });
    }
  };
  // A parser's stray promise (pdfjs on a damaged xref rejects one nobody awaits) would end the
  // worker and every task in it; the task in hand still settles by its own promise or its time limit.
  process.on('unhandledRejection', (e) => process.stderr.write(`gkreport worker: ignored a stray rejection: ${(e as Error)?.message ?? String(e)}\n`));
  if (parentPort) parentPort.on('message', onMessage);
  else {
    process.on('message', (m) => void onMessage(m as T));
    // The parent died (even by SIGKILL): nobody will read our results.
    process.on('disconnect', () => process.exit(0));
    watchParent();
  }
}

/** How often a process worker checks that its parent is alive. */
const PARENT_POLL_MS = 250;

/**
 * 'disconnect' is an event: a worker stuck in a long synchronous parse never
 * sees it and outlived a killed run by as long as the parse took. A thread of
 * its own checks the parent process id (it changes when the parent dies and
 * the worker is adopted) and kills the worker, whatever its main thread does.
 */
function watchParent(): void {
  const code = `const { workerData: w } = require('node:worker_threads');
setInterval(() => { if (process.ppid !== w.ppid) process.kill(w.pid, 'SIGKILL'); }, ${PARENT_POLL_MS});`;
  new Worker(code, { eval: true, workerData: { ppid: process.ppid, pid: process.pid }, resourceLimits: { maxOldGenerationSizeMb: 16 } }).unref();
}
