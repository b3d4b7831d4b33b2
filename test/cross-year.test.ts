// cross_year.carry and cross_year.duplicate: over one run, and over a store.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterRun } from '../src/cli/after-run.js';
import { writeFileAtomic } from '../src/output/atomic.js';
import { extractReport } from '../src/pipeline.js';
import { agencyKey } from '../src/store/agency-key.js';
import { storeYearDocs } from '../src/store/cross-sync.js';
import { carryComparisons, crossYearFindings, type YearDoc } from '../src/store/cross-year.js';
import { sql } from 'kysely';
import type { Report } from '../src/types.js';
import { ENGINES, fixture, tempDir, withStore } from './store-helpers.js';

function yearDoc(r: Report): YearDoc {
  return { sha256: r.source.sha256, path: r.source.path, agencyKey: agencyKey(r.meta.agency)!, year: r.meta.year!, fields: r.fields };
}

/** Extracts the inputs, writes their JSONs like extract does, and returns the paths. */
async function writeReports(dir: string, inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const [i, input] of inputs.entries()) {
    const json = join(dir, 'reports', `${i}.json`);
    await writeFileAtomic(json, `${JSON.stringify(await extractReport(input), null, 1)}\n`);
    out.push(json);
  }
  return out;
}

const quiet = async <T>(fn: () => Promise<T>): Promise<T> => {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await fn();
  } finally {
    process.stderr.write = write;
  }
};

describe('cross_year', function () {
  this.timeout(120000);
  const Y2022 = fixture('cross-year/shili-danganguan-2022.html');
  const Y2023 = fixture('cross-year/shili-danganguan-2023.html');
  const Y2023B = fixture('cross-year/shili-danganguan-2023-reissued.html');

  it('carry: the fixture pair is compared column by column, and the deliberate break is flagged with both years and the fields', async () => {
    const [a, b] = [yearDoc(await extractReport(Y2022)), yearDoc(await extractReport(Y2023))];
    assert.equal(a.agencyKey, '示例县档案馆');
    assert.equal(b.agencyKey, a.agencyKey);
    // 2022 四、结转下年度继续办理: 3 0 0 0 0 0 3; 2023 二、上年结转: 2 0 0 0 0 0 2 (the break is in 自然人 and 总计)
    assert.deepEqual(
      carryComparisons(a, b).map((c) => [c.column, c.carriedOut, c.carriedIn, c.result]),
      [['natural', 3, 2, 'differ'], ['commercial', 0, 0, 'equal'], ['research', 0, 0, 'equal'], ['nonprofit', 0, 0, 'equal'], ['legal_service', 0, 0, 'equal'], ['other_org', 0, 0, 'equal'], ['total', 3, 2, 'differ']],
    );
    const found = crossYearFindings([a, b]);
    assert.equal(found.get(a.sha256), undefined, 'the earlier year gets nothing');
    const carry = found.get(b.sha256)!;
    assert.deepEqual(carry.map((f) => [f.rule, f.severity, f.fields, f.expected, f.actual]), [
      ['cross_year.carry', 'warning', ['apps.carried_in.natural', 'apps.carried_out.natural'], 3, 2],
      ['cross_year.carry', 'warning', ['apps.carried_in.total', 'apps.carried_out.total'], 3, 2],
    ]);
    for (const f of carry) {
      assert.match(f.message, /2023 上年结转/);
      assert.match(f.message, /2022 结转下年度继续办理/);
      assert.ok(f.message.includes(Y2022) && f.message.includes(Y2023), f.message);
    }
  });

  it('carry: a blank side is skipped as info, never read as 0', () => {
    const fields = (v: number | null) => Object.fromEntries(['natural', 'total'].flatMap((c) => [[`apps.carried_in.${c}`, v], [`apps.carried_out.${c}`, v]]));
    const prev: YearDoc = { sha256: 'a', path: 'a.html', agencyKey: 'k', year: 2020, fields: { ...fields(0), 'apps.carried_out.total': null } };
    const next: YearDoc = { sha256: 'b', path: 'b.html', agencyKey: 'k', year: 2021, fields: fields(0) };
    const f = crossYearFindings([prev, next]).get('b')!;
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, 'info');
    assert.ok(f[0]!.fields.includes('apps.carried_out.total'));
  });

  it('duplicate: two documents for one agency-year with different numbers, each naming the other and the fields', async () => {
    const [b, c] = [yearDoc(await extractReport(Y2023)), yearDoc(await extractReport(Y2023B))];
    const found = crossYearFindings([b, c]);
    for (const [self, other] of [[b, c], [c, b]] as const) {
      const dup = found.get(self.sha256)!.filter((f) => f.rule === 'cross_year.duplicate');
      assert.equal(dup.length, 1);
      // 本年新收 5 vs 4, 上年结转 2 vs 3 (自然人 and 总计 columns)
      assert.deepEqual(dup[0]!.fields, ['apps.new.natural', 'apps.new.total', 'apps.carried_in.natural', 'apps.carried_in.total']);
      assert.ok(dup[0]!.message.includes(self.path) && dup[0]!.message.includes(other.path));
      assert.match(dup[0]!.message, /2023/);
    }
  });

  it('in one run without a store: findings are written into the later report\'s JSON, once however often the run repeats', async () => {
    const dir = tempDir();
    const jsons = await writeReports(dir, [Y2022, Y2023]);
    await afterRun({ out: dir }, jsons);
    await afterRun({ out: dir }, jsons);
    const r = JSON.parse(readFileSync(jsons[1]!, 'utf8')) as Report;
    assert.deepEqual(r.findings.filter((f) => f.rule.startsWith('cross_year.')).map((f) => f.fields[0]), ['apps.carried_in.natural', 'apps.carried_in.total']);
    const earlier = JSON.parse(readFileSync(jsons[0]!, 'utf8')) as Report;
    assert.deepEqual(earlier.findings.filter((f) => f.rule.startsWith('cross_year.')), []);
  });

  for (const { engine, target } of ENGINES) {
    it(`in a store (${engine}), across runs: year N−1 arriving later still flags year N`, async () => {
      const dir = tempDir();
      const db = await target(dir);
      await quiet(async () => afterRun({ db, out: dir }, await writeReports(join(dir, 'a'), [Y2023])));
      await quiet(async () => afterRun({ db, out: dir }, await writeReports(join(dir, 'b'), [Y2022])));
      const rows = await withStore(db, async (s) =>
        (await sql`SELECT d.year, f.rule, f.severity, f.fields, f.expected, f.actual FROM findings f JOIN documents d USING (sha256) WHERE f.rule LIKE 'cross_year.%' ORDER BY f.seq`.execute(s.db)).rows,
      );
      assert.deepEqual(rows, [
        { year: 2023, rule: 'cross_year.carry', severity: 'warning', fields: 'apps.carried_in.natural apps.carried_out.natural', expected: 3, actual: 2 },
        { year: 2023, rule: 'cross_year.carry', severity: 'warning', fields: 'apps.carried_in.total apps.carried_out.total', expected: 3, actual: 2 },
      ]);
    });
  }

  it('hongze 2023 + 2024 in one store: every column compared, and all agree (0 carried out of 2023, 0 carried into 2024)', async function () {
    const [p23, p24] = [fixture('pdf/real/hongze-qu-2023.pdf'), fixture('pdf/real/hongze-qu-2024.pdf')];
    if (!existsSync(p23) || !existsSync(p24)) this.skip();
    const dir = tempDir();
    const db = join(dir, 'store.db');
    await quiet(async () => afterRun({ db, out: dir }, await writeReports(dir, [p23, p24])));
    const [docs, cross] = await withStore(db, async (s) => [
      await storeYearDocs(s.db),
      Number((await s.db.selectFrom('findings').select((e) => e.fn.countAll().as('n')).where('rule', 'like', 'cross_year.%').executeTakeFirstOrThrow()).n),
    ] as const);
    assert.equal(docs.length, 2);
    const [y23, y24] = [...docs].sort((a, b) => a.year - b.year);
    assert.deepEqual([y23!.year, y24!.year], [2023, 2024]);
    assert.equal(y23!.agencyKey, '淮安市洪泽区人民政府');
    assert.equal(y24!.agencyKey, y23!.agencyKey);
    // Looked up by hand (pdftotext -layout): 2023 page 4 "四、结转下年度继续办理 0 0 0 0 0 0 0";
    // 2024 page 3 "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0".
    assert.deepEqual(
      carryComparisons(y23!, y24!).map((c) => [c.column, c.carriedOut, c.carriedIn, c.result]),
      ['natural', 'commercial', 'research', 'nonprofit', 'legal_service', 'other_org', 'total'].map((c) => [c, 0, 0, 'equal']),
    );
    assert.equal(cross, 0, 'no cross_year finding: the two reports agree');
  });
});
