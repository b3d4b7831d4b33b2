// Files appear whole or not at all: write to a temporary name, then rename.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';

function tmpName(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tmpName(path);
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** A write stream to a temporary file; `commit` renames it into place, `abort` removes it. */
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
      await rename(tmp, path);
    },
    abort: async () => {
      stream.destroy();
      await rm(tmp, { force: true });
    },
  };
}
