// The worker pool's limits (issue 6, item 4): a task that hangs, bloats or
// kills its worker fails alone, with its reason, and the next task runs on a
// fresh worker. Both kinds of worker.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Pool, type WorkerKind } from '../src/bulk/pool.js';
import type { PoolTestTask } from './bulk-pool-worker.js';

const script = fileURLToPath(new URL('./bulk-pool-worker.js', import.meta.url));

type Echo = { value: number; pid: number };

function pool(kind: WorkerKind, jobs = 1, timeoutMs = 4000): Pool<PoolTestTask, Echo> {
  return new Pool<PoolTestTask, Echo>({ script, jobs, timeoutMs, memoryMb: 256, kind });
}

for (const kind of ['process', 'thread'] as const) {
  describe(`bulk pool (${kind} workers)`, function () {
    this.timeout(60_000);

    it('runs tasks and reuses a healthy worker', async () => {
      const p = pool(kind);
      try {
        const a = await p.run({ do: 'echo', value: 1 });
        const b = await p.run({ do: 'echo', value: 2 });
        assert.deepEqual([a.ok && a.value.value, b.ok && b.value.value], [1, 2]);
        if (kind === 'process') assert.equal(a.ok && a.value.pid, b.ok && b.value.pid);
      } finally {
        p.close();
      }
    });

    it('a stray rejected promise costs neither the task nor the worker', async () => {
      const p = pool(kind);
      try {
        const a = await p.run({ do: 'stray', value: 7 });
        const b = await p.run({ do: 'echo', value: 8 });
        assert.deepEqual([a.ok && a.value.value, b.ok && b.value.value], [7, 8]);
        if (kind === 'process') assert.equal(a.ok && a.value.pid, b.ok && b.value.pid);
      } finally {
        p.close();
      }
    });

    it('stops a task that hangs at the time limit; the next task gets a fresh worker', async () => {
      const p = pool(kind, 1, 1500);
      try {
        const first = await p.run({ do: 'echo', value: 0 });
        const hung = await p.run({ do: 'hang' });
        assert.equal(hung.ok, false);
        assert.equal(!hung.ok && hung.kind, 'timeout');
        assert.match(!hung.ok ? hung.reason : '', /no result within the 1\.5 s time limit \(--timeout\)/);
        const after = await p.run({ do: 'echo', value: 7 });
        assert.equal(after.ok && after.value.value, 7);
        if (kind === 'process') assert.notEqual(after.ok && after.value.pid, first.ok && first.value.pid);
      } finally {
        p.close();
      }
    });

    it('stops a task that fills the V8 heap past the ceiling', async () => {
      const p = pool(kind, 1, 30_000);
      try {
        const o = await p.run({ do: 'heap' });
        assert.equal(!o.ok && o.kind, 'memory', JSON.stringify(o));
        assert.match(!o.ok ? o.reason : '', /256 MB/);
        const after = await p.run({ do: 'echo', value: 3 });
        assert.equal(after.ok && after.value.value, 3);
      } finally {
        p.close();
      }
    });

    if (kind === 'process') {
      it('stops a process whose resident set (Buffers outside the heap) passes the ceiling', async () => {
        const p = pool(kind, 1, 30_000);
        try {
          const o = await p.run({ do: 'external' });
          assert.equal(!o.ok && o.kind, 'memory', JSON.stringify(o));
          assert.match(!o.ok ? o.reason : '', /MB resident, above the 256 MB per-worker ceiling/);
        } finally {
          p.close();
        }
      });
    }

    it('reports a worker that dies and one whose handler throws, and goes on', async () => {
      const p = pool(kind, 2);
      try {
        const [died, threw, fine] = await Promise.all([p.run({ do: 'exit' }), p.run({ do: 'throw' }), p.run({ do: 'echo', value: 5 })]);
        assert.equal(!died.ok && died.kind, 'crash');
        assert.match(!died.ok ? died.reason : '', /exit code 3/);
        assert.deepEqual(!threw.ok && [threw.kind, threw.reason], ['error', 'handler failed']);
        assert.equal(fine.ok && fine.value.value, 5);
      } finally {
        p.close();
      }
    });
  });
}
