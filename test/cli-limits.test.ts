// The command line never hangs and never reports success by mistake: a bad
// --out fails at once in one line, numbers in flags are checked, a killed
// run's temporary files are cleaned up, an empty input folder is an error,
// runs into one --out add up in the CSVs, and --version answers.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAIN_USAGE } from '../src/cli/usage.js';
import { BIN, fixture, removeTempDirs, reportRows, tempDir } from './bulk-helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function gk(args: string[], opts: SpawnSyncOptions = {}) {
  // A hang shows as status null after the time limit, and fails every assertion on the exit code.
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, ...opts });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** One line on stderr that names --out and the reason; no stack trace, nothing on stdout. */
function oneLine(r: ReturnType<typeof gk>, reason: RegExp, command = 'extract'): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, new RegExp(`^gkreport ${command}: --out `));
  assert.match(lines[0]!, reason);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

const TEXT = fixture('text/xiuzhou-gongxiaoshe-2020.txt');

describe('cli: --out that cannot hold the results fails at once (exit 2, one line)', function () {
  this.timeout(120_000);
  after(removeTempDirs);

  it('a file', () => {
    const f = join(tempDir('outfile'), 'results');
    writeFileSync(f, 'not a folder');
    oneLine(gk(['extract', TEXT, '--out', f]), /it is a file, not a directory/);
    assert.equal(readFileSync(f, 'utf8'), 'not a folder');
  });

  it('a folder below a file', () => {
    const f = join(tempDir('outfile'), 'results');
    writeFileSync(f, '');
    oneLine(gk(['extract', TEXT, '--out', join(f, 'sub')]), /a part of the path is a file/);
  });

  it('under /proc (and /sys): virtual file systems', function () {
    if (process.platform !== 'linux') this.skip();
    oneLine(gk(['extract', TEXT, '--out', '/proc/x']), /\/proc is a virtual file system/);
    oneLine(gk(['extract', TEXT, '--out', '/proc/self/fd/out']), /\/proc is a virtual file system/);
    oneLine(gk(['extract', TEXT, '--out', '/sys/gkreport']), /\/sys is a virtual file system/);
  });

  it('inspect, export and compliance check their --out the same way', async () => {
    const f = join(tempDir('outfile'), 'results');
    writeFileSync(f, 'not a folder');
    oneLine(gk(['inspect', fixture('reports/hongze-qu-2023.pdf'), '--page', '3', '--out', f]), /it is a file, not a directory/, 'inspect');
    const db = join(tempDir('store'), 'gk.db');
    assert.equal(gk(['extract', TEXT, '--out', tempDir('run'), '--db', db, '--quiet']).code, 0);
    oneLine(gk(['export', '--db', db, '--out', f]), /it is a file, not a directory/, 'export');
    oneLine(gk(['compliance', '--db', db, '--out', '/proc/x']), /\/proc is a virtual file system/, 'compliance');
  });

  it('a folder the user may not write to', function () {
    if (process.platform !== 'linux') this.skip();
    const d = tempDir('ro');
    chmodSync(d, 0o755);
    const ro = join(d, 'ro');
    mkdirSync(ro, { mode: 0o555 });
    chmodSync(ro, 0o555);
    // root may write anywhere: run as nobody then (CI runs as root).
    const asUser: SpawnSyncOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    oneLine(gk(['extract', TEXT, '--out', join(ro, 'out')], asUser), /cannot write there \(permission denied\)/);
    oneLine(gk(['extract', TEXT, '--out', ro], asUser), /cannot write there \(permission denied\)/);
    assert.deepEqual(readdirSync(ro), []);
  });
});

describe('cli: numbers in flags are checked against sane ranges', function () {
  this.timeout(120_000);
  after(removeTempDirs);

  const usage = (args: string[], want: RegExp) => {
    const r = gk(['extract', TEXT, '--out', tempDir('num'), ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, want);
    assert.equal(r.stdout, '');
  };

  it('--db that cannot be opened is refused before any report is read, in one line', () => {
    // Port 9 (discard) has no PostgreSQL; a SQLite path below a file cannot be created.
    const out = tempDir('db');
    const r = gk(['extract', TEXT, '--out', out, '--db', 'postgres://nobody@127.0.0.1:9/x']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^gkreport extract: store postgres:\/\/nobody@127\.0\.0\.1:9\/x: cannot open it: .*ECONNREFUSED/);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.deepEqual(readdirSync(join(out, 'reports')), []);
    const file = join(tempDir('dbfile'), 'plain');
    writeFileSync(file, 'not a folder');
    const s = gk(['extract', TEXT, '--out', tempDir('db2'), '--db', join(file, 'store.sqlite')]);
    assert.equal(s.code, 2, s.stderr);
    assert.match(s.stderr, /^gkreport extract: .*store\.sqlite/);
    assert.doesNotMatch(s.stderr, /\n\s+at /);
  });

  it('--timeout past what a timer holds (2,147,483 s) is refused, not turned into 1 ms', () => {
    usage(['--timeout', '2147483'], /--timeout takes seconds per file from 0\.001 to 86400/);
    usage(['--timeout', '1e400'], /--timeout/);
    usage(['--timeout', '0'], /--timeout/);
    usage(['--timeout', '-5'], /--timeout/);
  });

  it('--timeout at the ceiling (a day) runs and reads the report', () => {
    const out = tempDir('day');
    const r = gk(['extract', TEXT, '--out', out, '--timeout', '86400', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const [json] = readdirSync(join(out, 'reports'));
    const report = JSON.parse(readFileSync(join(out, 'reports', json!), 'utf8'));
    assert.equal(report.status, 'ok');
    assert.equal(report.fields['active.procurement.amount_yuan'], 11000);
  });

  it('--jobs above two per core is capped, with a note on stderr', async () => {
    const out = tempDir('jobs');
    const r = gk(['extract', TEXT, '--out', out, '--jobs', '1000', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^gkreport: note: --jobs 1000 is more than two workers per core: using \d+ \(\d+ cores\)$/m);
    assert.equal((await reportRows(out)).length, 1);
  });

  it('--max-memory above the machine\'s memory is refused', () => {
    usage(['--max-memory', '999999999'], /--max-memory takes megabytes per worker, from 64 to \d+/);
  });
});

describe('cli: runs that share an --out', function () {
  this.timeout(180_000);
  after(removeTempDirs);

  it('temporary files of a killed run are removed by the next run; those of a live writer are not', () => {
    const out = tempDir('tmp');
    mkdirSync(join(out, 'reports'), { recursive: true });
    // Process ids above Linux's largest (4,194,304) belong to no process.
    const dead = [join(out, 'reports', 'x-0123456789ab.json.999999999.0a1b2c3d.tmp'), join(out, 'values.csv.999999998.deadbeef.tmp')];
    const live = join(out, 'reports', `y-0123456789ab.json.${process.pid}.0a1b2c3d.tmp`);
    const foreign = join(out, 'notes.tmp');
    for (const f of [...dead, live, foreign]) writeFileSync(f, 'partial');
    const r = gk(['extract', TEXT, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /removed 2 temporary file\(s\) left in .* by a run that was stopped/);
    for (const f of dead) assert.equal(existsSync(f), false, f);
    assert.equal(existsSync(live), true, 'a running process may still be writing it');
    assert.equal(existsSync(foreign), true, 'not ours');
  });

  it('an input folder with no report files exits 1 with a warning', () => {
    const empty = tempDir('empty');
    writeFileSync(join(empty, '.hidden.html'), '<html></html>');
    mkdirSync(join(empty, 'sub'));
    const r = gk(['extract', empty, '--out', tempDir('empty-out')]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /warning: .*empty.* holds no report files/);
    // With another folder that has reports: still 1, and the reports are written.
    const out = tempDir('empty-out2');
    const both = gk(['extract', empty, fixture('text'), '--out', out, '--quiet']);
    assert.equal(both.code, 1, both.stderr);
    assert.equal(readdirSync(join(out, 'reports')).length, readdirSync(fixture('text')).filter((f) => !f.startsWith('.')).length);
  });

  it('the CSVs cover every report in reports/: two runs with different inputs add up, in source-path order', async () => {
    const d = tempDir('two-runs');
    const a = join(d, 'a.txt');
    const b = join(d, 'b.html');
    copyFileSync(TEXT, a);
    copyFileSync(fixture('html/shanghai-bangongting-2019.html'), b);
    const out = tempDir('two-runs-out');
    assert.equal(gk(['extract', b, '--out', out, '--quiet']).code, 0);
    assert.equal(gk(['extract', a, '--out', out, '--quiet']).code, 0);
    const rows = await reportRows(out);
    assert.deepEqual(
      rows.map((r) => [r.source_path, r.status, r.agency]),
      [
        [a, 'ok', '秀洲区供销合作总社'],
        [b, 'ok', '上海市人民政府办公厅'],
      ],
    );
    // The same path with new content: its new report replaces the old one in the CSVs.
    copyFileSync(fixture('html/huaian-shi-2024-template2021.html'), b);
    assert.equal(gk(['extract', b, '--out', out, '--quiet']).code, 0);
    const after = await reportRows(out);
    assert.deepEqual(
      after.map((r) => [r.source_path, r.format_version]),
      [
        [a, '2019'],
        [b, '2021'],
      ],
    );
    assert.equal(readdirSync(join(out, 'reports')).length, 3, 'the old JSON stays; only the CSVs choose');
  });
});

describe('cli: --version and the pointers of the main help', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    it(`${flag} prints the version on stdout and exits 0`, () => {
      const r = gk([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `gkreport ${pkg.version}\n`);
      assert.equal(r.stderr, '');
    });
  }

  it('the help names a file that exists for field and rule ids, and it lists them', () => {
    const m = /Field ids and rule ids: (\S+?);/.exec(MAIN_USAGE);
    assert.ok(m, MAIN_USAGE);
    const doc = join(ROOT, m[1]!);
    assert.ok(existsSync(doc), doc);
    const text = readFileSync(doc, 'utf8');
    assert.match(text, /`apps\.balance`/);
    assert.match(text, /`apps\.denied\.state_secret\.natural`/);
    const out = /files, columns and exit status: (\S+)/.exec(MAIN_USAGE);
    assert.ok(out && existsSync(join(ROOT, out[1]!)));
  });
});
