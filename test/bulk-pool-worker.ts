// A pool worker for test/bulk-pool.test.ts that misbehaves on request, the
// way a hostile file can make an extractor misbehave.
import { writeFileSync } from 'node:fs';
import { serve } from '../src/bulk/serve.js';

export type PoolTestTask = { do: 'echo' | 'hang' | 'heap' | 'external' | 'exit' | 'throw' | 'stray'; value?: number; /** 'hang': a file to create first (says the loop has begun). */ mark?: string };

const keep: unknown[] = [];

serve(async (task: PoolTestTask) => {
  switch (task.do) {
    case 'hang':
      if (task.mark) writeFileSync(task.mark, String(process.pid));
      for (;;); // a parser stuck in a loop: only killing the worker ends it
    case 'heap':
      // JavaScript objects until the V8 heap limit is reached.
      for (;;) keep.push(Array.from({ length: 1e5 }, (_, i) => ({ i })));
    case 'external':
      // Buffers live outside the V8 heap: only the resident-set ceiling sees them.
      for (;;) {
        keep.push(Buffer.alloc(64 << 20, 1));
        await new Promise((r) => setTimeout(r, 20));
      }
    case 'exit':
      process.exit(3);
    case 'throw':
      throw new Error('handler failed');
    case 'stray':
      // A promise nobody awaits rejects, as pdfjs's do on a damaged file.
      void Promise.reject(new Error('XRefEntryException'));
      await new Promise((r) => setTimeout(r, 50));
      return { value: task.value, pid: process.pid };
    default:
      return { value: task.value, pid: process.pid };
  }
});
