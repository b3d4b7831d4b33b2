// Linear time of the text path (extractor → normalizer → checks) on long lines
// (issue 9): fast-check grows a line made of one hostile piece and compares the
// cost per byte at two sizes. Quadratic work would make the larger size cost
// 8× more per byte; no absolute timing is asserted.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_CELL_LINE, textRows } from '../src/extractors/text/rows.js';
import { extractReport } from '../src/pipeline.js';

const PIECES = ['7', '\t', '|', ' 1', '1件', '| 1 ', '\t1', '１', '规章 ', '-', '一、', '（'];
const SMALL = 40_000;
const LARGE = 8 * SMALL;

/** Best time per byte of each text, the texts measured in turn so that a busy moment of the machine hits both. */
async function msPerByte(texts: string[]): Promise<number[]> {
  const buffers = texts.map((t) => Buffer.from(`某某局2024年政府信息公开工作年度报告\n${t}\n`));
  const best = buffers.map(() => Infinity);
  for (let i = 0; i < 4; i++) {
    for (const [k, buffer] of buffers.entries()) {
      const t0 = performance.now();
      const r = await extractReport({ path: 'long.txt', buffer });
      best[k] = Math.min(best[k]!, performance.now() - t0);
      assert.notEqual(r.status, undefined);
    }
  }
  return best.map((ms, k) => ms / buffers[k]!.length);
}

describe('property: the text path is linear in a line\'s length', function () {
  this.timeout(120_000);

  before(async () => {
    await extractReport({ path: 'warm.txt', buffer: Buffer.from('warm up\n1 2 3\n') });
  });

  it('cost per byte at 320,000 characters stays within 3× of that at 40,000, for lines of any mix of hostile pieces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 3 }), async (mix) => {
        const unit = mix.join('');
        const line = (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
        const [small, large] = (await msPerByte([line(SMALL), line(LARGE)])) as [number, number];
        assert.ok(large < 3 * small, `${JSON.stringify(unit)}: ${(small * 1e6).toFixed(0)} ns/B at ${SMALL}, ${(large * 1e6).toFixed(0)} ns/B at ${LARGE}`);
      }),
      { numRuns: 8, seed: 10 },
    );
  });

  it('a line over the limit is narrative only, with a finding that says so', async () => {
    const { rows, narrative, cuts } = textRows([`规章 ${' 1'.repeat(MAX_CELL_LINE)}`]);
    assert.equal(rows.length, 0);
    assert.equal(narrative.length, 1);
    assert.equal(cuts.longLines, 1);
    const r = await extractReport({ path: 'long.txt', buffer: Buffer.from(`规章 1 0 11\n${'9'.repeat(1_000_000)}\n`) });
    const f = r.findings.find((x) => x.rule === 'extract.text_limit');
    assert.ok(f, 'extract.text_limit finding');
    assert.equal(f.actual, 1_000_000);
    assert.equal(f.place?.line, 2);
  });
});
