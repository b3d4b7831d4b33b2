// Corrections: append-only, applied over the extracted values with the check
// modules run again; export and compliance --corrected; a re-extraction keeps
// them; a changed document shows them as needing a look.
import { strict as assert } from 'node:assert';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCompliance } from '../src/cli/compliance.js';
import { runExport } from '../src/cli/export.js';
import { applyCorrections, type Correction } from '../src/corrections/apply.js';
import { addCorrection, correctionsOf, correctionsToReview } from '../src/corrections/store.js';
import { extractReport } from '../src/pipeline.js';
import { listSources, loadReport } from '../src/store/read.js';
import { buildApp } from '../src/web/server.js';
import { extractInto, fixture, quietly, tempDir, withStore } from './store-helpers.js';

const REVIEW_ERROR = 'html/huaian-2024-error-review-total.html';

function correction(c: Partial<Correction>): Correction {
  return { id: 'c1', created_at: '2026-01-01T00:00:00.000Z', author: 't', sha256: '', source_path: null, agency_key: null, year: null, kind: 'value', field: null, rule: null, finding_fields: null, old_value: null, new_value: null, reason: 'r', ...c };
}

const csv = (file: string) => readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(','));

describe('corrections', function () {
  this.timeout(180000);

  it('a corrected value re-runs the checks: 行政复议 总计 350 → 351 clears review.total; the extracted report is untouched', async () => {
    const r = await extractReport(fixture(REVIEW_ERROR));
    assert.deepEqual(r.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.expected, f.actual]), [['review.total', 351, 350]]);
    const c = applyCorrections(r, [correction({ sha256: r.source.sha256, field: 'review.total', new_value: 351 })]);
    assert.equal(c.report.fields['review.total'], 351);
    assert.deepEqual(c.report.findings.filter((f) => f.severity === 'error'), []);
    assert.equal(r.fields['review.total'], 350);
    assert.equal(c.corrected.get('review.total')!.extracted, 350);
    // a wrong correction is caught by the same rule
    const bad = applyCorrections(r, [correction({ sha256: r.source.sha256, field: 'review.upheld', new_value: 73 })]);
    assert.deepEqual(bad.report.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.expected, f.actual]), [['review.total', 352, 350]]);
  });

  it('the latest correction of a field wins; a dismissal sets a finding aside; another document\'s corrections do nothing', async () => {
    const r = await extractReport(fixture(REVIEW_ERROR));
    const sha = r.source.sha256;
    const c = applyCorrections(r, [
      correction({ id: 'b', created_at: '2026-01-02T00:00:00.000Z', sha256: sha, field: 'review.total', new_value: 351 }),
      correction({ id: 'a', created_at: '2026-01-01T00:00:00.000Z', sha256: sha, field: 'review.total', new_value: 1 }),
      correction({ id: 'x', sha256: 'other', field: 'review.upheld', new_value: 0 }),
    ]);
    assert.equal(c.report.fields['review.total'], 351);
    assert.equal(c.report.fields['review.upheld'], r.fields['review.upheld']);
    const f = r.findings.find((x) => x.rule === 'review.total')!;
    const d = applyCorrections(r, [correction({ sha256: sha, kind: 'dismiss', rule: 'review.total', finding_fields: f.fields.join(' ') })]);
    assert.equal(d.report.findings.some((x) => x.rule === 'review.total'), false);
    assert.deepEqual(d.dismissed.map((x) => x.finding.rule), ['review.total']);
  });

  it('export and compliance --corrected; re-extraction keeps the correction; a changed document shows it as needing a look', async () => {
    const dir = tempDir();
    const file = join(dir, 'huaian-2024.html');
    copyFileSync(fixture(REVIEW_ERROR), file);
    const db = join(dir, 'store.db');
    assert.equal(await extractInto([file], join(dir, 'out'), db), 0);
    const sha = await withStore(db, async (s) => {
      const [src] = await listSources(s.db);
      const saved = await addCorrection(s.db, { sha256: src!.sha256, author: 'reviewer-a', kind: 'value', field: 'review.total', rule: null, finding_fields: null, new_value: 351, reason: '原表笔误' });
      assert.equal(saved!.old_value, 350);
      assert.equal(saved!.agency_key, '淮安市人民政府');
      return src!.sha256;
    });

    const out = join(dir, 'corrected');
    assert.equal(await quietly(() => runExport(['--db', db, '--out', out, '--corrected'])), 0);
    const reports = csv(join(out, 'reports.csv'));
    const col = (name: string) => reports[0]!.indexOf(name);
    assert.equal(reports[0]!.at(-1), 'corrected_fields');
    assert.equal(reports[1]![col('review.total')], '351');
    assert.equal(reports[1]![col('errors')], '0');
    assert.equal(reports[1]!.at(-1), 'review.total');
    const values = csv(join(out, 'values.csv'));
    const total = values.find((v) => v[3] === 'review.total')!;
    assert.deepEqual([total[4], total.at(-1)], ['351', 'yes']);
    assert.equal(values.find((v) => v[3] === 'review.upheld')!.at(-1), '');
    assert.equal(csv(join(out, 'findings.csv')).some((f) => f[4] === 'review.total'), false);
    // without --corrected: what was extracted
    const plain = join(dir, 'plain');
    assert.equal(await quietly(() => runExport(['--db', db, '--out', plain])), 0);
    assert.equal(csv(join(plain, 'reports.csv'))[1]![col('review.total')], '350');

    assert.equal(await quietly(() => runCompliance(['--db', db, '--out', out, '--corrected'])), 0);
    const comp = csv(join(out, 'compliance.csv'));
    const c = (name: string) => comp[1]![comp[0]!.indexOf(name)];
    assert.deepEqual([c('errors'), c('review.total'), c('corrected_fields'), c('region_code'), c('region_city')], ['0', '0', 'review.total', '320800', '淮安市']);
    const regions = csv(join(out, 'regions.csv'));
    assert.deepEqual(regions.slice(1).map((r) => [r[0], r[1], r[5], r[6], r[7]]), [['province', '320000', '2024', '1', '1'], ['city', '320800', '2024', '1', '1']]);

    // the same file again (forced): the correction still applies
    assert.equal(await extractInto([file], join(dir, 'out'), db, ['--force']), 0);
    await withStore(db, async (s) => {
      const cs = await correctionsOf(s.db, sha);
      assert.equal(cs.length, 1);
      const r = (await loadReport(s.db, file, sha))!;
      assert.equal(applyCorrections(r, cs).report.fields['review.total'], 351);
    });

    // the file changes (a corrected reissue): new content, the old correction needs a look
    writeFileSync(file, readFileSync(file, 'utf8').replace('（略）', '（略）本报告已更新。'));
    assert.equal(await extractInto([file], join(dir, 'out'), db), 0);
    await withStore(db, async (s) => {
      const [src] = await listSources(s.db);
      assert.notEqual(src!.sha256, sha);
      assert.deepEqual(await correctionsOf(s.db, src!.sha256), []);
      const look = await correctionsToReview(s.db, src!.sha256);
      assert.deepEqual(look.map((x) => [x.sha256, x.field, x.new_value]), [[sha, 'review.total', 351]]);
      const app = await buildApp({ store: s });
      const page = (await app.inject({ url: `/report/${src!.sha256}` })).body;
      assert.match(page, /<div class="needs-look" id="needs-look"><b>需要复核 Needs a look:<\/b> 1 /);
      assert.match((await app.inject({ url: '/corrections' })).body, /文件已变更 document changed/);
      await app.close();
    });
  });
});
