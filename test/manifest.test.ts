// --manifest FILE.csv: rows of paths and URLs with agency/year/region hints.
// A hint fills what the report's text does not state and is overridden where
// the text states it; the report says which meta values came from a hint.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyHints, listInputs } from '../src/inputs/index.js';
import type { Report } from '../src/types.js';
import { events, fixture, readCsv, removeTempDirs, reportRows, runCli, tempDir } from './bulk-helpers.js';
import { FixtureServer } from './http-server.js';

function reports(out: string): Report[] {
  const dir = join(out, 'reports');
  return readdirSync(dir).map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as Report);
}

describe('--manifest', function () {
  this.timeout(120_000);
  const srv = new FixtureServer();
  let dir: string;
  let manifest: string;
  let out: string;
  let url: string;

  before(async () => {
    await srv.start();
    srv.routes.set('/gk/template.docx', { kind: 'file', body: readFileSync(fixture('docx/template-2021-blank.docx')), type: 'application/octet-stream', etag: '"t-1"' });
    url = srv.url('/gk/template.docx');
    dir = tempDir('manifest');
    mkdirSync(join(dir, 'files'));
    copyFileSync(fixture('docx/template-2021-blank.docx'), join(dir, 'files', 'template.docx'));
    copyFileSync(fixture('text/xiuzhou-gongxiaoshe-2020.txt'), join(dir, 'files', 'xiuzhou.txt'));
    manifest = join(dir, 'list.csv');
    // Excel's UTF-8 (with a byte-order mark), header in any case, columns in any order.
    writeFileSync(
      manifest,
      '\uFEFFYear,path,url,agency,region\n' +
        '2022,files/template.docx,,某县档案馆,浙江省嘉兴市某县\n' +
        '2019,files/xiuzhou.txt,,秀洲区供销社,浙江省嘉兴市秀洲区\n' +
        `2023,,${url},某市司法局,\n` +
        '\n' +
        ',,,某局,\n' +
        'twenty,files/xiuzhou.txt,,,\n' +
        '2021,,ftp://127.0.0.1/x.pdf,,\n' +
        '2021,files/xiuzhou.txt,,某局,"某省\n某市",extra\n' +
        ',,,,\n',
    );
    out = tempDir('manifest-out');
  });
  after(async () => {
    await srv.close();
    removeTempDirs();
  });

  it('uses hints where the text states nothing, keeps the text where it does, and says which is which', async () => {
    const r = await runCli(['extract', '--manifest', manifest, '--out', out, '--log-format', 'json', '--host-pause', '0']);
    assert.equal(r.code, 1, r.stderr); // four bad rows
    const all = reports(out);
    const template = all.find((x) => x.source.path === join(dir, 'files', 'template.docx'))!;
    // The blank template names no agency and no year: the manifest's are used.
    assert.deepEqual(template.meta, { agency: '某县档案馆', year: 2022, title: '政府信息公开工作年度报告格式模板', format_version: '2021', region: '浙江省嘉兴市某县', region_code: '330400', region_province: '浙江省', region_city: '嘉兴市', region_county: null });
    assert.deepEqual(template.meta_source, { agency: 'hint', year: 'hint', region: 'hint' });
    assert.deepEqual(
      template.findings.filter((f) => f.rule === 'meta.hint').map((f) => f.actual),
      ['某县档案馆', 2022, '浙江省嘉兴市某县'],
    );
    // 秀洲区供销合作总社's report states its agency and year: those stay, the disagreement is a warning.
    const xiuzhou = all.find((x) => x.source.path === join(dir, 'files', 'xiuzhou.txt'))!;
    assert.deepEqual([xiuzhou.meta.agency, xiuzhou.meta.year, xiuzhou.meta.region], ['秀洲区供销合作总社', 2020, '浙江省嘉兴市秀洲区']);
    assert.deepEqual(xiuzhou.meta_source, { region: 'hint' });
    assert.deepEqual(
      xiuzhou.findings.filter((f) => f.rule === 'meta.hint_differs').map((f) => [f.severity, f.expected, f.actual]),
      [
        ['warning', '秀洲区供销社', '秀洲区供销合作总社'],
        ['warning', 2019, 2020],
      ],
    );
    assert.equal(xiuzhou.fields['active.procurement.amount_yuan'], 11000);
    // A URL row: fetched, with its hints.
    const fetched = all.find((x) => x.source.path === url)!;
    assert.deepEqual([fetched.source.url, fetched.meta.agency, fetched.meta.year, fetched.status], [url, '某市司法局', 2023, 'ok']);
    // Bad rows: a failed report each, named by line, and the rest of the manifest went on.
    const failed = Object.fromEntries(all.filter((x) => x.status === 'failed').map((x) => [x.source.path, x.findings[0]!.message]));
    assert.deepEqual(failed, {
      // Line numbers as an editor shows them (line 5 is blank and skipped, as is the empty row on line 11).
      [`${manifest} line 6`]: 'Could not read the input: the row gives neither a url nor a path.',
      [`${manifest} line 7`]: 'Could not read the input: the year hint "twenty" is not a year.',
      [`${manifest} line 8`]: 'Could not read the input: only http and https URLs are fetched, not "ftp://127.0.0.1/x.pdf".',
      [`${manifest} line 9`]: 'Could not read the input: the row has 6 cells, the header 5.',
    });
    const rows = await reportRows(out);
    assert.deepEqual(rows.find((x) => x.source_path === join(dir, 'files', 'template.docx'))!.agency, '某县档案馆');
    const [fhead, ...findings] = await readCsv(join(out, 'findings.csv'));
    assert.ok(findings.some((f) => f[fhead!.indexOf('rule')] === 'meta.hint' && f[fhead!.indexOf('source_path')] === url));
  });

  it('takes the manifest\'s current hints on a rerun without extracting again', async () => {
    writeFileSync(manifest, 'path,agency\nfiles/template.docx,\nfiles/xiuzhou.txt,秀洲区供销合作总社\n');
    const r = await runCli(['extract', '--manifest', manifest, '--out', out, '--log-format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(events(r.stderr).filter((e) => e.event === 'file').every((e) => e.skipped === true));
    const all = reports(out);
    const template = all.find((x) => x.source.path === join(dir, 'files', 'template.docx'))!;
    assert.deepEqual(template.meta, { agency: null, year: null, title: '政府信息公开工作年度报告格式模板', format_version: '2021', region_code: null, region_province: null, region_city: null, region_county: null });
    assert.equal(template.meta_source, undefined);
    assert.equal(template.findings.filter((f) => f.rule.startsWith('meta.')).length, 0);
    const xiuzhou = all.find((x) => x.source.path === join(dir, 'files', 'xiuzhou.txt'))!;
    assert.deepEqual([xiuzhou.meta.agency, xiuzhou.meta.year, xiuzhou.meta.region, xiuzhou.meta_source], ['秀洲区供销合作总社', 2020, undefined, undefined]);
    assert.equal(xiuzhou.findings.filter((f) => f.rule.startsWith('meta.')).length, 0);
  });

  it('lists a manifest without a url or path column, or none at all, as a problem', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'file,agency\na.pdf,x\n');
    const listed = await listInputs([], [bad, join(dir, 'absent.csv')]);
    assert.deepEqual([listed.files, listed.urls], [[], []]);
    assert.deepEqual(listed.problems.map((p) => p.path), [bad, join(dir, 'absent.csv')]);
    assert.match(listed.problems[0]!.message, /neither a "url" nor a "path" column/);
    assert.match(listed.problems[1]!.message, /^could not read the manifest: ENOENT/);
  });

  it('puts URLs, directories and manifest rows into one sorted listing, each once', async () => {
    const m = join(dir, 'm2.csv');
    writeFileSync(m, `url,path,year\n${url},,2023\n,files,2021\n`);
    const listed = await listInputs([url, join(dir, 'files', 'xiuzhou.txt')], [m]);
    // Given on the command line too: the manifest's hints still count.
    assert.deepEqual(listed.urls, [{ url, hints: { year: 2023 } }]);
    assert.deepEqual(listed.files, [
      { path: join(dir, 'files', 'template.docx'), hints: { year: 2021 } },
      { path: join(dir, 'files', 'xiuzhou.txt'), hints: { year: 2021 } },
    ]);
  });
});

describe('applyHints', () => {
  const base = (): Report => ({
    schema: 'gkreport.report/1',
    source: { path: 'x', sha256: 'ab', format: 'text', bytes: 1 },
    status: 'ok',
    meta: { agency: 'A局', year: null, title: null, format_version: '2021' },
    fields: {},
    provenance: {},
    findings: [],
    tables_found: { active: true, apps: true, review: true },
    extractor: { name: 'text', version: 'text-1' },
  });

  it('is idempotent, and a hint removed later takes its value with it', () => {
    const once = applyHints(base(), { agency: 'B局', year: 2021 });
    assert.deepEqual([once.meta.agency, once.meta.year, once.meta_source], ['A局', 2021, { year: 'hint' }]);
    assert.deepEqual(once.findings.map((f) => f.rule), ['meta.hint_differs', 'meta.hint']);
    assert.deepEqual(applyHints(once, { agency: 'B局', year: 2021 }), once);
    const changed = applyHints(once, { year: 2022 });
    assert.deepEqual([changed.meta.year, changed.findings.map((f) => f.rule)], [2022, ['meta.hint']]);
    assert.deepEqual(applyHints(changed, undefined), { ...base() });
  });
});
