// A correction moves the cross-year findings it touches, on both engines: a
// watchdog who corrects 2022's 四、结转下年度 sees 2023's cross_year.carry
// change (the finding sits on the later year), in the report page's data, the
// overview's counts and export --corrected; correcting 2023's 二、上年结转 moves
// the same finding from the other side. What was extracted stays as it was.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExport } from '../src/cli/export.js';
import { affectedShas, loadCorrected } from '../src/corrections/load.js';
import { addCorrection } from '../src/corrections/store.js';
import type { Store } from '../src/store/db.js';
import { Summaries } from '../src/web/summary.js';
import { ENGINES, extractInto, fixture, quietly, tempDir, withStore } from './store-helpers.js';

const Y2022 = fixture('cross-year/shili-danganguan-2022.html');
const Y2023 = fixture('cross-year/shili-danganguan-2023.html');

const carry = async (s: Store, sha: string) =>
  (await loadCorrected(s.db, sha))!.view.report.findings.filter((f) => f.rule === 'cross_year.carry' && f.severity === 'warning').map((f) => [f.fields[0], f.expected, f.actual]);

const fix = (s: Store, sha: string, field: string, value: number) =>
  addCorrection(s.db, { sha256: sha, author: 'watchdog', kind: 'value', field, rule: null, finding_fields: null, new_value: value, reason: '核对原件' });

for (const { engine, target } of ENGINES) {
  describe(`corrections and cross_year.carry (${engine})`, function () {
    this.timeout(180000);

    it('correcting 2022 结转下年度 3 → 2 clears 2023\'s carry warnings; correcting 2023 上年结转 moves them back from the other side', async () => {
      const dir = tempDir();
      const db = await target(dir);
      assert.equal(await extractInto([Y2022, Y2023], join(dir, 'out'), db), 0);
      await withStore(db, async (s) => {
        const sha = async (path: string) => (await s.db.selectFrom('sources').select('sha256').where('path', '=', path).executeTakeFirstOrThrow()).sha256;
        const [s22, s23] = [await sha(Y2022), await sha(Y2023)];
        // As extracted: 2022 四、结转下年度继续办理 自然人 3, 总计 3; 2023 二、上年结转 自然人 2, 总计 2.
        assert.deepEqual(await carry(s, s23), [['apps.carried_in.natural', 3, 2], ['apps.carried_in.total', 3, 2]]);
        const summaries = new Summaries(s.db);
        const before = (await summaries.get()).find((d) => d.sha256 === s23)!;
        assert.equal(before.rules.get('cross_year.carry'), 2);

        // The watchdog reads the 2022 paper copy: 结转下年度 is 2, not 3 (自然人 and 总计).
        await fix(s, s22, 'apps.carried_out.natural', 2);
        await fix(s, s22, 'apps.carried_out.total', 2);
        assert.deepEqual(await affectedShas(s.db), new Set([s22, s23]));
        assert.deepEqual(await carry(s, s23), [], '2023 now agrees with the corrected 2022');
        summaries.invalidate();
        const after = (await summaries.get()).find((d) => d.sha256 === s23)!;
        assert.deepEqual([after.rules.get('cross_year.carry'), after.warnings, after.corrected], [undefined, before.warnings - 2, false]);
        assert.equal((await summaries.get()).find((d) => d.sha256 === s22)!.corrected, true);
        // A break the correction introduces is found: 2022 商业企业 carried out 1, 2023 carried in 0.
        await fix(s, s22, 'apps.carried_out.commercial', 1);
        assert.deepEqual(await carry(s, s23), [['apps.carried_in.commercial', 1, 0]]);

        // The same finding from the other side: 2023's 上年结转 商业企业 corrected to 1.
        await fix(s, s23, 'apps.carried_in.commercial', 1);
        assert.deepEqual(await carry(s, s23), []);
        // The extracted findings in the store are untouched.
        const stored = await s.db.selectFrom('findings').select(['fields', 'expected', 'actual']).where('sha256', '=', s23).where('rule', '=', 'cross_year.carry').where('severity', '=', 'warning').orderBy('seq').execute();
        assert.deepEqual(stored.map((f) => [f.fields.split(' ')[0], Number(f.expected), Number(f.actual)]), [['apps.carried_in.natural', 3, 2], ['apps.carried_in.total', 3, 2]]);

        // export --corrected: no carry finding left on 2023; without --corrected, the two extracted ones.
        const rows = async (corrected: boolean) => {
          const out = join(dir, corrected ? 'corrected' : 'plain');
          assert.equal(await quietly(() => runExport(['--db', db, '--out', out, ...(corrected ? ['--corrected'] : [])])), 0);
          return readFileSync(join(out, 'findings.csv'), 'utf8').split('\n').filter((l) => l.includes('cross_year.carry') && l.includes(',warning,')).length;
        };
        assert.deepEqual([await rows(true), await rows(false)], [0, 2]);
      });
    });
  });
}
