// Legacy Word (.doc) and WPS (.wps) files → DOCX through LibreOffice:
// `soffice --headless --convert-to docx`. Each conversion runs in its own
// temporary directory with its own user profile (-env:UserInstallation):
// soffice instances that share a profile hand their work to the first one
// running or fail on its lock, so parallel conversions would collide. The
// process group is killed at the time limit (soffice starts soffice.bin).
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SOFFICE_HINT =
  'LibreOffice is needed for legacy Word (.doc) and WPS (.wps) files: install it (Debian/Ubuntu: `apt-get install libreoffice-writer`) so that `soffice` is on PATH, or save the file as .docx.';

/** The first executable among `names` in the directories of $PATH. */
async function onPath(names: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      try {
        await access(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here; try the next
      }
    }
  }
  return undefined;
}

/** The soffice executable: $GKREPORT_SOFFICE, else soffice or libreoffice on PATH. */
export async function findSoffice(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env.GKREPORT_SOFFICE) {
    try {
      await access(env.GKREPORT_SOFFICE, constants.X_OK);
      return env.GKREPORT_SOFFICE;
    } catch {
      return undefined;
    }
  }
  return onPath(['soffice', 'libreoffice'], env);
}

export class ConversionError extends Error {}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    // detached: its own process group, so the timeout can end soffice.bin too.
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-2000)));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, stderr: err.message, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

/** Converts a legacy Word/WPS file to DOCX bytes; throws ConversionError with a message a person can act on. */
export async function convertToDocx(soffice: string, input: Buffer, ext: string, timeoutMs: number): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'gkreport-soffice-'));
  try {
    const src = join(dir, `input.${ext}`);
    const out = join(dir, 'out');
    await writeFile(src, input);
    const args = [
      '--headless',
      '--norestore',
      '--nolockcheck',
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      out,
      src,
    ];
    // coreutils `timeout` as a backstop: it outlives this process, so a worker
    // killed from outside (memory, --timeout) cannot leave soffice running.
    const guard = await onPath(['timeout'], process.env);
    const limitSec = String(Math.ceil(timeoutMs / 1000) + 5);
    const res = guard ? await run(guard, ['--kill-after=5', limitSec, soffice, ...args], timeoutMs) : await run(soffice, args, timeoutMs);
    if (res.timedOut) throw new ConversionError(`LibreOffice did not finish converting within ${Math.round(timeoutMs / 1000)} s`);
    const produced = (await readdir(out).catch(() => [] as string[])).find((f) => f.endsWith('.docx'));
    if (!produced) {
      const why = res.stderr.trim().split('\n').slice(-2).join(' ') || `exit status ${res.code}`;
      throw new ConversionError(`LibreOffice could not convert the file (${why})`);
    }
    return await readFile(join(out, produced));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
