// A parent for test/bulk-orphan.test.ts: starts a pool whose workers hang in
// a synchronous loop (each writes its process id to a file first), and waits to be killed.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from '../src/bulk/pool.js';
import type { PoolTestTask } from './bulk-pool-worker.js';

const pool = new Pool<PoolTestTask, unknown>({ script: fileURLToPath(new URL('./bulk-pool-worker.js', import.meta.url)), jobs: 2, timeoutMs: 600_000, memoryMb: 256, kind: 'process' });
// Each worker creates its file in the folder given as argument, then spins.
const dir = process.argv[2]!;
void pool.run({ do: 'hang', mark: join(dir, 'a') });
void pool.run({ do: 'hang', mark: join(dir, 'b') });
setInterval(() => {}, 1000);
