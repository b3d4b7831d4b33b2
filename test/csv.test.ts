// CSV output (src/output/csv.ts): UTF-8 with BOM, formula-like cells
// neutralised, plain (negative) numbers untouched.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseString } from 'fast-csv';
import { neutralise, openCsv } from '../src/output/csv.js';

describe('csv: neutralise', () => {
  const cases: Array<[string | number | null | undefined, string, string]> = [
    ['=HYPERLINK("http://x","点我")', `'=HYPERLINK("http://x","点我")`, 'formula'],
    ['=1+1', `'=1+1`, 'formula'],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`, 'at-formula'],
    ['+cmd|" /C calc"!A0', `'+cmd|" /C calc"!A0`, 'DDE payload'],
    ['-1+2', `'-1+2`, 'arithmetic after a minus'],
    ['\t=1', `'\t=1`, 'tab before a formula'],
    ['|x', `'|x`, 'pipe'],
    [-8, '-8', 'negative number'],
    ['-8', '-8', 'negative number as text'],
    ['-3985758', '-3985758', 'large negative'],
    ['+12', '+12', 'signed change as written'],
    ['-0.5', '-0.5', 'negative decimal'],
    [96171.6, '96171.6', 'decimal'],
    [0, '0', 'zero'],
    ['上海市人民政府办公厅', '上海市人民政府办公厅', 'Chinese text'],
    ['22（其中修订16件）', '22（其中修订16件）', 'raw cell with a note'],
    ['—', '—', 'a dash mark'],
    ['', '', 'empty'],
    [null, '', 'null → empty cell, never 0'],
    [undefined, '', 'undefined → empty cell'],
  ];
  for (const [input, want, why] of cases) it(`${JSON.stringify(input)} → ${JSON.stringify(want)} (${why})`, () => assert.equal(neutralise(input), want));
});

describe('csv: openCsv writes UTF-8 with a BOM, headers, quoted cells, neutralised formulas', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gkreport-csv-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through a CSV reader', async () => {
    const path = join(dir, 'values.csv');
    const w = await openCsv(path, ['field', 'value', 'raw']);
    await w.write(['active.other_services.change', -8, '-8']);
    await w.write(['apps.new.research', null, '/']);
    await w.write(['note', '=1+1', '含逗号,和"引号"\n和换行']);
    await w.close();
    const bytes = readFileSync(path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const text = bytes.subarray(3).toString('utf8');
    assert.ok(text.startsWith('field,value,raw\n'));
    const rows: string[][] = await new Promise((resolve, reject) => {
      const out: string[][] = [];
      parseString(text, { headers: false })
        .on('data', (r: string[]) => out.push(r))
        .on('end', () => resolve(out))
        .on('error', reject);
    });
    assert.deepEqual(rows, [
      ['field', 'value', 'raw'],
      ['active.other_services.change', '-8', '-8'],
      ['apps.new.research', '', '/'],
      ['note', `'=1+1`, '含逗号,和"引号"\n和换行'],
    ]);
  });

  it('abort leaves no file behind', async () => {
    const path = join(dir, 'aborted.csv');
    const w = await openCsv(path, ['a']);
    await w.write(['x']);
    await w.abort();
    assert.throws(() => readFileSync(path));
  });
});
