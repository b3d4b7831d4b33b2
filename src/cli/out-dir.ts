// --out checked before any work starts: a path that is a file, cannot be
// written, or lies on a virtual file system (/proc, /sys) is a usage error
// said in one line, not a run whose every report fails or waits on a timeout.
import { mkdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** File systems that hold no files of ours: the kernel makes up their contents. */
const VIRTUAL = ['/proc', '/sys', '/dev'];

function why(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ELOOP':
      return 'symbolic link loop';
    default:
      return (e as Error).message;
  }
}

/** The longest leading part of `abs` that exists, with its links resolved, plus the rest. */
async function realish(abs: string): Promise<string> {
  let head = abs;
  for (;;) {
    try {
      return join(await realpath(head), relative(head, abs));
    } catch (e) {
      const up = dirname(head);
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || up === head) throw e;
      head = up;
    }
  }
}

/** Makes `out` (and, for extract, its reports/ folder) ready; returns why it cannot be used, or undefined. */
async function prepareOut(out: string, withReports = false): Promise<string | undefined> {
  const say = (reason: string) => `--out ${out}: ${reason}`;
  let real: string;
  try {
    real = await realish(resolve(out));
  } catch (e) {
    return say(why(e));
  }
  const fs = VIRTUAL.find((v) => real === v || real.startsWith(v + sep));
  if (fs) return say(`${fs} is a virtual file system that holds no files; choose a folder on disk`);
  try {
    if (!(await stat(real)).isDirectory()) return say('it is a file, not a directory');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return say(why(e));
  }
  try {
    const dirs = withReports ? [real, join(real, 'reports')] : [real];
    await mkdir(dirs.at(-1)!, { recursive: true });
    // extract puts the CSVs in the folder and the JSONs in reports/. Named like the temporary files of
    // atomic.ts: should we be killed right here, the next run removes the probe.
    for (const dir of dirs) {
      const probe = join(dir, `.write-test.${process.pid}.00000000.tmp`);
      await writeFile(probe, '');
      await rm(probe, { force: true });
    }
  } catch (e) {
    return say(`cannot write there (${why(e)})`);
  }
  return undefined;
}

/** prepareOut for a command: false (after one line on stderr) when `out` cannot take its files. */
export async function outUsable(command: string, out: string, withReports = false): Promise<boolean> {
  const problem = await prepareOut(out, withReports);
  if (problem) process.stderr.write(`gkreport ${command}: ${problem}\n`);
  return problem === undefined;
}
