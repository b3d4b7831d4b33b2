// The worker side of pool.ts: answers each task message with one result
// message, as a child process (IPC) or as a worker thread (parentPort).
import { parentPort } from 'node:worker_threads';

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
  if (parentPort) parentPort.on('message', onMessage);
  else {
    process.on('message', (m) => void onMessage(m as T));
    // The parent died (even by SIGKILL): nobody will read our results.
    process.on('disconnect', () => process.exit(0));
  }
}
