// Files appear whole or not at all: write to a temporary name, then rename.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';

function tmpName(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

const TMP = /\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process: alive
  }
}

/**
 * Removes the temporary files a killed run left in `dir`: ours by their name,
 * and only those whose writing process is gone (another run may be writing
 * into the same folder right now). Returns how many were removed.
 */
export async function removeStaleTmp(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = TMP.exec(name);
    if (!m || running(Number(m[1]))) continue;
    await rm(join(dir, name), { force: true });
    removed++;
  }
  return removed;
}

export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tmpName(path);
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** Whether two files hold the same bytes (false when either is missing). */
async function sameBytes(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a), stat(b).catch(() => undefined)]);
  if (!sb || sa.size !== sb.size) return false;
  const [fa, fb] = await Promise.all([open(a), open(b)]);
  try {
    const ba = Buffer.alloc(1 << 20);
    const bb = Buffer.alloc(1 << 20);
    for (let pos = 0; pos < sa.size; pos += ba.length) {
      const [ra, rb] = await Promise.all([fa.read(ba, 0, ba.length, pos), fb.read(bb, 0, bb.length, pos)]);
      if (ra.bytesRead !== rb.bytesRead || !ba.subarray(0, ra.bytesRead).equals(bb.subarray(0, rb.bytesRead))) return false;
    }
    return true;
  } finally {
    await Promise.all([fa.close(), fb.close()]);
  }
}

/**
 * A write stream to a temporary file; `commit` renames it into place, `abort`
 * removes it. A file that came out exactly as the one in place is not replaced:
 * a rerun that changed nothing leaves --out untouched (modification times too).
 */
export async function atomicStream(path: string): Promise<{ stream: Writable; commit: () => Promise<void>; abort: () => Promise<void> }> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tmpName(path);
  const stream = createWriteStream(tmp);
  const closed = new Promise<void>((resolve, reject) => {
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  return {
    stream,
    commit: async () => {
      await closed;
      if (await sameBytes(tmp, path)) await rm(tmp, { force: true });
      else await rename(tmp, path);
    },
    abort: async () => {
      stream.destroy();
      await rm(tmp, { force: true });
    },
  };
}
