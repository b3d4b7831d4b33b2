// One `gkreport extract` run over good and bad Word files: exit status 1, and
// the good files' reports complete (issue 4, "Must show").
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../src/types.js';
import { fixture, readFixture, zipOf } from './docx-helpers.js';

const BIN = fileURLToPath(new URL('../../bin/gkreport.js', import.meta.url));

function run(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 120_000 }, (err, _stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr });
    });
  });
}

describe('docx: a batch with bad Word files', function () {
  this.timeout(180_000);
  let dir: string;
  let out: string;
  let code: number;
  let reports: Map<string, Report>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gk-docx-batch-'));
    out = join(dir, 'out');
    for (const f of ['template-2021-blank.docx', 'report-2021-sample.docx', 'report-2021-sample.encrypted.docx', 'bad/bomb.docx']) {
      copyFileSync(fixture(`docx/${f}`), join(dir, basename(f)));
    }
    writeFileSync(join(dir, 'not-a-report.docx'), await zipOf({ 'readme.txt': 'hello' }));
    const res = await run(['extract', ...readdirSync(dir).filter((f) => f.endsWith('.docx')).map((f) => join(dir, f)), '--out', out, '--quiet']);
    code = res.code;
    reports = new Map();
    for (const f of readdirSync(join(out, 'reports')).filter((x) => x.endsWith('.json'))) {
      const r = JSON.parse(readFileSync(join(out, 'reports', f), 'utf8')) as Report;
      reports.set(basename(r.source.path), r);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits with status 1', () => assert.equal(code, 1));

  it('writes a failed report with the reason for each bad file', () => {
    for (const [name, reason] of [
      ['report-2021-sample.encrypted.docx', /encrypted/],
      ['bomb.docx', /ZIP bomb/],
      ['not-a-report.docx', /not a Word document/],
    ] as const) {
      const r = reports.get(name);
      assert.ok(r, `report for ${name}`);
      assert.equal(r.status, 'failed');
      assert.match(r.findings.find((f) => f.rule === 'extract.failed')?.message ?? '', reason);
    }
  });

  it('completes the good files', () => {
    const sample = reports.get('report-2021-sample.docx')!;
    assert.equal(sample.status, 'ok');
    assert.equal(Object.keys(sample.fields).length, 200);
    assert.equal(sample.fields['apps.new.total'], 134);
    assert.equal(sample.fields['review.total'], 5);
    const template = reports.get('template-2021-blank.docx')!;
    assert.equal(template.status, 'ok');
    assert.equal(template.meta.format_version, '2021');
    assert.equal(readFixture('docx/report-2021-sample.docx').length, sample.source.bytes);
  });

  it('lists every input in reports.csv, the good one with its numbers', () => {
    const lines = readFileSync(join(out, 'reports.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = lines[0]!.split(',');
    assert.equal(lines.length, 1 + 5);
    const row = lines.find((l) => l.includes('report-2021-sample.docx') && !l.includes('encrypted'))!.split(',');
    assert.equal(row[header.indexOf('status')], 'ok');
    assert.equal(row[header.indexOf('apps.new.total')], '134');
  });
});
