// Numbers as narratives write them: Arabic digits (full-width ones are made
// half-width by NFKC before this), or Chinese numerals such as 十二, 两, 一百零五.

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a Chinese numeral below 10000, or undefined when it is not one a person would write. */
export function chineseNumber(s: string): number | undefined {
  if (!s || !/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return undefined;
  // Digit strings without units ("二〇二三") are years or codes, not counts.
  if (!/[十百千]/.test(s)) return s.length === 1 ? DIGITS[s] : undefined;
  let total = 0;
  let digit: number | undefined;
  let lastUnit = 10000;
  for (const ch of s) {
    if (ch in DIGITS) {
      if (digit !== undefined && digit !== 0) return undefined; // two digits in a row ("一百零五" has 零 between)
      digit = DIGITS[ch];
    } else {
      const unit = UNITS[ch]!;
      if (unit >= lastUnit) return undefined; // units must fall: 一百二十, not 十百
      // "十二" = 12: a leading 十 means one ten.
      total += (digit ?? (total === 0 ? 1 : NaN)) * unit;
      if (Number.isNaN(total)) return undefined;
      digit = undefined;
      lastUnit = unit;
    }
  }
  return total + (digit ?? 0);
}

/** A count token from the text: "859", "3,119" (separators already removed), "十二". */
export function countValue(token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  return chineseNumber(token);
}

/** The pattern source of a count token, for building the claim patterns. */
// A number starts where no digit (numeral) stands before it: otherwise a global search tries
// every suffix of a long digit run, which is quadratic in the run's length.
export const NUM = '(?<!\\d)(\\d+|(?<![零〇一二两三四五六七八九十百千])[零〇一二两三四五六七八九十百千]+)';
