// parseNumber and unitOf (src/normalizers/numbers.ts), table-driven over the
// cell texts of spec/fields.md and the corpus.
import assert from 'node:assert/strict';
import { parseNumber, unitOf, type Parsed, type Unit } from '../src/normalizers/numbers.js';

const num = (value: number): Parsed => ({ kind: 'number', value });
const BLANK: Parsed = { kind: 'blank', value: null };
const INVALID: Parsed = { kind: 'invalid', value: null };

describe('numbers: parseNumber', () => {
  const cases: Array<[string, Unit, Parsed, string]> = [
    ['0', 'count', num(0), 'zero is a number, not a blank'],
    [' 0 ', 'count', num(0), 'white space around'],
    ['859', 'count', num(859), 'plain'],
    ['１２３', 'count', num(123), 'full-width digits'],
    ['８２１', 'count', num(821), 'full-width digits (cell of a real report)'],
    ['3,985,758', 'count', num(3985758), 'thousands separators'],
    ['3，985，758', 'count', num(3985758), 'full-width thousands separators'],
    ['22（其中修订16件）', 'count', num(22), 'note in full-width brackets'],
    ['55(含自然失效29件)', 'count', num(55), 'note in half-width brackets'],
    ['859件', 'count', num(859), 'count unit'],
    ['+12', 'count', num(12), 'signed change, plus'],
    ['-8', 'count', num(-8), 'signed change, minus'],
    ['－8', 'count', num(-8), 'full-width minus'],
    ['−8', 'count', num(-8), 'Unicode minus'],
    ['减少3', 'count', num(-3), '减少 = minus'],
    ['增加5', 'count', num(5), '增加 = plus'],
    ['0.5', 'count', num(0.5), 'decimal'],
    ['11000元', 'yuan', num(11000), '元 for an amount in 元'],
    ['25.1万元', 'yuan', num(251000), '万元 → 元'],
    ['1.2亿元', 'yuan', num(120000000), '亿元 → 元'],
    ['251000', 'yuan', num(251000), 'no unit: as written'],
    ['96171.6', '10k_yuan', num(96171.6), '万元 amount with decimals kept'],
    ['4068.208', '10k_yuan', num(4068.208), 'three decimals kept'],
    ['25.1万元', '10k_yuan', num(25.1), '万元 in a 万元 field'],
    ['11000元', '10k_yuan', num(1.1), '元 → 万元'],
    ['1亿元', '10k_yuan', num(10000), '亿元 → 万元'],
    ['25.1万元', 'count', INVALID, 'money in a count field is not a count'],
    ['', 'count', BLANK, 'empty'],
    ['\u00a0', 'count', BLANK, '&nbsp;'],
    ['\u3000', 'count', BLANK, 'ideographic space'],
    ['/', 'count', BLANK, 'slash'],
    ['／', 'count', BLANK, 'full-width slash'],
    ['-', 'count', BLANK, 'hyphen alone'],
    ['—', 'count', BLANK, 'em dash alone'],
    ['无', 'count', BLANK, '无'],
    ['（无）', 'count', BLANK, 'a note and nothing else'],
    ['\u200b', 'count', BLANK, 'a zero-width space alone is blank'],
    ['\u200b821', 'count', num(821), 'zero-width space before a number'],
    ['0\u200c', 'count', num(0), 'zero-width non-joiner after a number'],
    ['\ufeff5', 'count', num(5), 'byte-order mark before a number'],
    ['见附件', 'count', INVALID, 'text'],
    ['六件', 'count', INVALID, 'Chinese numerals are not parsed as digits'],
    ['O', 'count', INVALID, 'letter O for zero'],
    ['1.2.3', 'count', INVALID, 'two decimal points'],
    ['12%', 'count', INVALID, 'a share'],
    ['2,0', 'count', INVALID, 'a comma that is no thousands separator'],
  ];
  for (const [raw, unit, want, why] of cases) {
    it(`${JSON.stringify(raw)} as ${unit} → ${want.kind === 'number' ? want.value : want.kind} (${why})`, () => assert.deepEqual(parseNumber(raw, unit), want));
  }

  it('never turns a blank into 0', () => {
    for (const raw of ['', ' ', '/', '-', '—', '无', '\u00a0']) assert.equal(parseNumber(raw).value, null, JSON.stringify(raw));
  });
});

describe('numbers: unitOf', () => {
  const cases: Array<[string, Unit]> = [
    ['active.procurement.amount_yuan', 'yuan'],
    ['active.fees.amount_10k_yuan', '10k_yuan'],
    // 2019's 行政事业性收费 counts fee items, never money
    ['active.fees.prev_items', 'count'],
    ['active.fees.change', 'count'],
    ['apps.new.total', 'count'],
    ['review.total', 'count'],
  ];
  for (const [id, unit] of cases) it(`${id} → ${unit}`, () => assert.equal(unitOf(id), unit));
});
