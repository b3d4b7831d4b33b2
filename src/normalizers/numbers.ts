// Cell text → number, as fields.md says: full-width digits, thousands
// separators, notes in brackets ("22（其中修订16件）" → 22), units (元/万元/亿元),
// signed changes ("+12", "-8", "减少3"); blank, "/", "-", "—", "无" → null.

import { memo } from './memo.js';

export type Unit = 'count' | 'yuan' | '10k_yuan';

export type Parsed =
  | { kind: 'number'; value: number }
  | { kind: 'blank'; value: null }
  | { kind: 'invalid'; value: null };

const BLANK = /^(?:[/\\\-—–－−~～_]+|无|暂无|空|null|n\/a|na|\.|…+)?$/i;
const NOTE = /[（(【\[][^）)】\]]*[）)】\]]?/g;
const COUNT_UNITS = /(?:件|条|个|项|次|人次|人|家|宗|份|篇|套|起|批)$/;

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * Parses one numeric cell. `unit` says what the field is counted in. Each cell is asked several times
 * (is it a value, does the row hold data, which field): the answers are kept by text and unit.
 */
export function parseNumber(raw: string, unit: Unit = 'count'): Parsed {
  return parsedMemo[unit](raw);
}

// One memo per unit, keyed by the text itself: no key string is built per question.
const memoFor = (unit: Unit) => memo((raw: string): Parsed => Object.freeze(parse(raw, unit)));
const parsedMemo: Record<Unit, (raw: string) => Parsed> = { count: memoFor('count'), yuan: memoFor('yuan'), '10k_yuan': memoFor('10k_yuan') };

function parse(raw: string, unit: Unit): Parsed {
  // Zero-width characters (U+200B–U+200D, U+2060, U+FEFF) come with text pasted from Word or web editors: invisible, so not content.
  let s = raw.normalize('NFKC').replace(/[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g, '');
  if (BLANK.test(s)) return { kind: 'blank', value: null };
  const bare = s.replace(NOTE, '');
  // A cell that is only a note ("（无）", "[见附件]") is blank when the note says so, else text.
  if (bare === '') return BLANK.test(s.replace(/[（(【\[\]】)）]/g, '')) ? { kind: 'blank', value: null } : { kind: 'invalid', value: null };
  s = bare;
  if (BLANK.test(s)) return { kind: 'blank', value: null };
  let sign = 1;
  if (/^(?:减少|减)/.test(s)) {
    sign = -1;
    s = s.replace(/^(?:减少|减)/, '');
  } else if (/^(?:增加|增|新增)/.test(s)) {
    s = s.replace(/^(?:增加|增|新增)/, '');
  }
  s = s.replace(/^[−–—]/, '-');
  let factor = 1;
  const m = /^(.*?)(亿元|万元|元|亿|万)$/.exec(s);
  if (m) {
    s = m[1]!;
    const inYuan = m[2]!.startsWith('亿') ? 1e8 : m[2]!.startsWith('万') ? 1e4 : 1;
    factor = unit === '10k_yuan' ? inYuan / 1e4 : unit === 'yuan' ? inYuan : inYuan === 1 ? 1 : NaN;
  } else {
    s = s.replace(COUNT_UNITS, '');
  }
  // Thousands separators: "3,985,758" (never a decimal comma in these reports).
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(s) || Number.isNaN(factor)) return { kind: 'invalid', value: null };
  const value = round(sign * Number(s) * factor);
  // A run of hundreds of digits is Infinity, which JSON would write as null: not a number a report can hold.
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'invalid', value: null };
}

export function unitOf(fieldId: string): Unit {
  if (fieldId.endsWith('.amount_yuan')) return 'yuan';
  if (fieldId.endsWith('.amount_10k_yuan')) return '10k_yuan';
  return 'count';
}
