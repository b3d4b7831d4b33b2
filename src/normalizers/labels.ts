// Label normalisation and matching. Pure functions: NFKC, white space,
// numbering prefixes, bracketed explanations, quotes; Traditional characters
// through opencc-js; then a Dice coefficient (dice.ts) for what is left.
import * as OpenCC from 'opencc-js/t2cn';
import { dice } from './dice.js';
import { memo } from './memo.js';

// Numbering prefixes: 一、 （一） (1) 1. 1、 1．第一 … possibly repeated ("三、（一）").
const NUMBERING = /^(?:[（(]?[一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[、.．]|[（(]?\d{1,2}[）)]|\d{1,2}(?:[、.．](?!\d)|\s))\s*/;
// The same numbering inside a label that joins a group and its row ("无法提供1.本机关…").
const INNER_NUMBERING = /(?<=[\u4e00-\u9fff）)])(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d{1,2}[、.．](?!\d))/g;
const BRACKETED = /[（(【\[][^（()）【】\[\]]*[）)】\]]/g;
const QUOTES = /["'“”‘’「」『』＂]/g;
const PUNCT = /[\s\u00a0\u3000:：,，。;；、·•*]/g;

let t2s: ((s: string) => string) | undefined;
const converter = () => (t2s ??= OpenCC.Converter({ from: 'twp', to: 'cn' }));
/** Per BMP character: 0 not yet asked, 1 opencc leaves it alone, 2 it is a Traditional form that opencc changes. */
const traditional = new Uint8Array(0x10000);
function convertsAlone(code: number): boolean {
  if (code > 0xffff) return converter()(String.fromCodePoint(code)) !== String.fromCodePoint(code);
  if (traditional[code] === 0) traditional[code] = converter()(String.fromCharCode(code)) !== String.fromCharCode(code) ? 2 : 1;
  return traditional[code] === 2;
}

/**
 * Traditional → Simplified, phrase-aware (Taiwan's 檔案 for 文件 becomes 文件).
 * Text in which no character is Traditional is returned as it is: opencc's
 * phrase segmentation of a whole narrative cost about 15 % of an HTML report,
 * for reports that are Simplified already.
 */
export const toSimplified = memo((s: string): string => {
  for (let i = 0; i < s.length; i++) {
    const code = s.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (code >= 0x2e80 && convertsAlone(code)) return converter()(s);
  }
  return s;
});

function stripNumbering(s: string): string {
  let prev: string;
  do {
    prev = s;
    s = s.replace(NUMBERING, '');
  } while (s !== prev);
  return s;
}

/** The matching key of a label: what is left once presentation is stripped. */
export function labelKey(raw: string): string {
  // Zero-width characters (pasted from Word or web editors) are invisible: not part of the label.
  let s = raw.normalize('NFKC').replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '');
  s = stripNumbering(s);
  // Explanations in brackets ("（区分处理的，只计这一情形…）", "(历史累计)") are not the label.
  let prev: string;
  do {
    prev = s;
    s = s.replace(BRACKETED, '');
  } while (s !== prev);
  // A bracket cut by a line or page break leaves its tail behind.
  s = s.replace(/[（(][^）)]*$/, '').replace(/^[^（(]*[）)]/, (m) => (m.length < s.length ? '' : m));
  return stripNumbering(s.replace(INNER_NUMBERING, '').replace(QUOTES, '').replace(PUNCT, ''));
}

/** Like labelKey, with Traditional characters made Simplified. */
export const simplifiedKey = memo((raw: string): string => labelKey(toSimplified(raw)));

/** Text of a row for keyword tests: NFKC, no white space, Simplified. */
export const plainText = memo((raw: string): string => {
  const s = raw.normalize('NFKC').replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '');
  return /[\u4e00-\u9fff]/.test(s) ? toSimplified(s) : s;
});

export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  return dice(a, b);
}
