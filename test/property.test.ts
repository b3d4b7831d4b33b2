// Property-based tests (fast-check) for the two normalisers every cell goes
// through: no input makes them throw, and what they return keeps its promises.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { labelKey, simplifiedKey } from '../src/normalizers/labels.js';
import { parseNumber, type Unit } from '../src/normalizers/numbers.js';

const UNITS: Unit[] = ['count', 'yuan', '10k_yuan'];
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }));

/** Pieces cells are made of, so the generator reaches the parser's inner branches, not just its first test. */
const cellPiece = fc.constantFrom(
  ...'0123456789０１２３４５６７８９,.，．+-−–—－/\\（）()【】[]~～ \u00a0\u3000\t\n'.split(''),
  '万元', '元', '亿元', '万', '亿', '件', '人次', '减少', '增加', '新增', '无', '暂无', '其中', '修订', '…', 'null', 'n/a',
);
const cellLike = fc.oneof(
  fc.array(cellPiece, { maxLength: 24 }).map((a) => a.join('')),
  // Long digit runs: past ≈ 309 digits a Number is Infinity.
  fc.tuple(fc.constantFrom('', '-', '+'), fc.integer({ min: 1, max: 600 }), fc.constantFrom('', '万元', '亿元', '.5')).map(([sign, n, tail]) => `${sign}${'9'.repeat(n)}${tail}`),
);

const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('property: parseNumber', () => {
  it('never throws, for any text and unit, and returns a finite number or null', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, cellLike), fc.constantFrom(...UNITS), (raw, unit) => {
        const p = parseNumber(raw, unit);
        assert.ok(['number', 'blank', 'invalid'].includes(p.kind));
        if (p.kind === 'number') assert.ok(Number.isFinite(p.value), `${JSON.stringify(raw)} → ${p.value}`);
        else assert.equal(p.value, null);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back every whole number it is given, in ASCII or full-width digits, with or without thousands separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => {
        const plain = String(n);
        const grouped = n.toLocaleString('en-US');
        for (const s of [plain, grouped, FULL_WIDTH(plain), ` ${plain}件 `]) assert.deepEqual(parseNumber(s), { kind: 'number', value: n }, s);
      }),
    );
  });

  it('a note in brackets after a number does not change it', () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.string({ maxLength: 20 }).filter((s) => !/[（）()【】\[\]]/.test(s)), (n, note) => {
        assert.deepEqual(parseNumber(`${n}（${note}）`), { kind: 'number', value: n });
      }),
    );
  });

  it('does not take long on long adversarial cells (no catastrophic backtracking)', () => {
    for (const s of ['（'.repeat(20000), '1,'.repeat(20000), '-'.repeat(20000) + 'x', '(1'.repeat(20000), '9'.repeat(20000) + '万元x']) {
      assert.ok(['number', 'blank', 'invalid'].includes(parseNumber(s).kind));
    }
  });
});

describe('property: labelKey and simplifiedKey', () => {
  const labelLike = fc
    .array(fc.oneof(fc.constantFrom('一、', '（一）', '(2)', '1.', '3、', '（', '）', '(', ')', '【', '】', '“', '”', ' ', '\n', '：', '申请', '總計', '予以公开', '其他'), fc.string({ maxLength: 3 })), { maxLength: 16 })
    .map((a) => a.join(''));

  it('never throw, and return a key without white space', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, labelLike), (raw) => {
        for (const k of [labelKey(raw), simplifiedKey(raw)]) {
          assert.equal(typeof k, 'string');
          assert.ok(!/\s/.test(k), `${JSON.stringify(raw)} → ${JSON.stringify(k)}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('ignore the presentation a label can be printed with: white space, full-width forms, a numbering prefix', () => {
    fc.assert(
      fc.property(fc.constantFrom('予以公开', '申请人情况', '行政复议', '总计', '其他处理'), fc.constantFrom('', '一、', '（三）', '2.', '(4)'), fc.constantFrom('', ' ', '\u3000', '\n'), (label, prefix, space) => {
        const printed = `${prefix}${space}${label.split('').join(space)}`;
        assert.equal(labelKey(printed), label);
        assert.equal(simplifiedKey(printed), label);
      }),
    );
  });

  it('do not take long on long adversarial labels', () => {
    for (const s of ['（'.repeat(20000), '一、'.repeat(5000), '(一)'.repeat(5000), '（a'.repeat(10000) + '）']) {
      assert.equal(typeof labelKey(s), 'string');
      assert.equal(typeof simplifiedKey(s), 'string');
    }
  });
});
