// Helpers for the bulk-run tests: run the real command line, read its CSVs,
// make temporary input folders and the inputs too large to commit.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { parseString } from 'fast-csv';

/** Path of a file under fixtures/ (tests run from dist/test/). */
export const fixture = (rel: string): string => fileURLToPath(new URL(`../../fixtures/${rel}`, import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/gkreport.js', import.meta.url));

const made: string[] = [];

/** A new temporary directory, removed by `removeTempDirs`. */
export function tempDir(tag: string): string {
  const d = mkdtempSync(join(tmpdir(), `gkreport-${tag}-`));
  made.push(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `gkreport …`; `onStderr` sees stderr as it arrives (to kill the run part-way). */
export function startCli(args: string[], opts: { cwd?: string; onStderr?: (all: string, child: ChildProcess) => void } = {}): Promise<CliRun> & { child: ChildProcess } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
    opts.onStderr?.(stderr, child);
  });
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return Object.assign(done, { child });
}

export const runCli = (args: string[], cwd?: string): Promise<CliRun> => startCli(args, { cwd });

/** The JSON events of `--log-format json` stderr. */
export function events(stderr: string): Array<Record<string, unknown>> {
  return stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A CSV file as rows of cells (header first), byte-order mark removed. */
export function readCsv(path: string): Promise<string[][]> {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text, { headers: false })
      .on('data', (r: string[]) => rows.push(r))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

/** reports.csv as objects keyed by column. */
export async function reportRows(out: string): Promise<Array<Record<string, string>>> {
  const [head, ...rows] = await readCsv(join(out, 'reports.csv'));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

export const csvText = (out: string): Record<string, string> =>
  Object.fromEntries(['reports.csv', 'values.csv', 'findings.csv'].map((f) => [f, readFileSync(join(out, f), 'utf8')]));

/**
 * A DOCX-shaped ZIP whose word/document.xml inflates to `mib` MiB of zeros
 * from about a thousandth of that, while its headers declare 1000 bytes.
 * Each 1 MiB block is deflated on its own and ended by a full flush, so the
 * blocks can be repeated; an empty final block closes the stream.
 */
export function lyingZipBomb(mib = 1024): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
  const deflated = Buffer.concat([...Array<Buffer>(mib).fill(block), Buffer.from([0x03, 0x00])]);
  const types = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  const entries = [
    { name: '[Content_Types].xml', method: 0, data: types, crc: crc32(types), size: types.length },
    { name: 'word/document.xml', method: 8, data: deflated, crc: 0, size: 1000 },
  ];
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt32LE(e.crc, 16);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, e.data);
    central.push(cd, name);
    offset += local.length + name.length + e.data.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, eocd]);
}

/** An HTML page of `mb` MB of nested <span>s around one word, after a table with rowspan="100000". */
export function nestedHtml(mb = 10): string {
  const n = Math.ceil((mb * 1e6) / '<span></span>'.length);
  return `<html><body><table><tr><td rowspan="100000">1</td></tr></table>${'<span>'.repeat(n)}deep${'</span>'.repeat(n)}</body></html>`;
}
