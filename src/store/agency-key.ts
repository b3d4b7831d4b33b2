// agency_key: the identity that makes one body's reports match across years.
// Pure. It only removes presentation (width, script, white space, quotes,
// years, report words, a leading "关于" and trailing "的"); it never guesses
// that two different names mean the same body, so "人民政府办公室" and
// "政府办", or "市科委" and "市科学技术委员会", stay distinct: a wrong merge
// would invent a cross-year contradiction, a missed one only hides it.
import { toSimplified } from '../normalizers/labels.js';

// Report words at the end of a title-like name, longest first.
const REPORT_WORDS = [
  /(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)$/,
  /(?:政府信息公开|政务公开|信息公开)?(?:工作)?的?(?:年度)?报告$/,
  /年度报告$/,
  /年报$/,
];
// Years as written in titles: "2020年度", "2020年", "二〇二〇年度", "(2020)".
const YEARS = /(?:(?:19|20)\d{2}|[二][〇零○][一二三四五六七八九〇零○]{2})\s*年度?|[（(]\s*(?:19|20)\d{2}\s*[）)]/g;
const QUOTES = /[《》〈〉“”‘’"'「」『』]/g;
// Markdown headings, bullets and other marks a converter leaves before a name.
const LEADING_MARKS = /^[#>*\-•·\s]+/;

/**
 * The key of an agency name, or null when nothing is left.
 * Steps: NFKC (full-width → half-width), Traditional → Simplified (opencc-js),
 * no white space or quotes, years and report words removed.
 */
export function agencyKey(name: string | null | undefined): string | null {
  if (!name) return null;
  let s = name.normalize('NFKC');
  if (/[\u4e00-\u9fff]/.test(s)) s = toSimplified(s);
  s = s.replace(/[\s\u00a0\u3000]+/g, '').replace(QUOTES, '');
  s = s.replace(LEADING_MARKS, '');
  s = s.replace(/^关于/, '');
  s = s.replace(YEARS, '');
  let prev: string;
  do {
    prev = s;
    for (const w of REPORT_WORDS) s = s.replace(w, '');
    s = s.replace(/的$/, '');
  } while (s !== prev);
  // NFKC made brackets half-width; a name may still end in an empty pair once the year inside is gone.
  s = s.replace(/\(\)$/, '');
  return /[\p{L}\p{N}]/u.test(s) ? s : null;
}
