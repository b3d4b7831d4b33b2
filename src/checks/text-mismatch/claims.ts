// Claims read from the narrative: "收到…申请X件", "上年结转X件", "结转下年度X件",
// "答复/办结X件", "行政复议X件" (and its 维持/纠正/其他/尚未审结 breakdown),
// "行政诉讼X件", "均获维持", "未发生…行政复议". Each pattern is narrow on
// purpose: a clause that also compares, sub-divides or talks of another year
// is not read, because a wrong reading would accuse a report of a mismatch
// it does not have.
import { countValue, NUM } from './numerals.js';
import { clauseAt, quote, segments } from './segments.js';

export type Subject = 'review' | 'litigation';
export type Outcome4 = 'upheld' | 'corrected' | 'other' | 'pending';
export type CountWhat = 'apps.new' | 'apps.carried_in' | 'apps.carried_out' | 'apps.result_total' | `${Subject}.total` | `${Subject}.${Outcome4}`;

export type Claim =
  | { kind: 'count'; what: CountWhat; value: number; phrase: string; sentence: string }
  | { kind: 'all_upheld'; subjects: Subject[]; phrase: string; sentence: string }
  | { kind: 'none'; subjects: Subject[]; phrase: string; sentence: string };

const UNIT = '(?:件|条|起|宗|个)';
// Words allowed between a verb and 申请 ("受理政府信息公开申请"); anything else (自然人, 网上…) makes it a sub-count.
const APP_WORDS = '(?:各类|依法|的|政府|信息|公开|依申请|书面|了)*';
const TOTAL_WORDS = '(?:共计|共|总计|合计|数量为|数为|为|达)?';

// `need`: words every match contains (one of them), tested first: most segments hold none, and a plain
// substring test is far cheaper than running each pattern over the segment.
const COUNT_PATTERNS: Array<{ what: CountWhat; re: RegExp; need: string[] }> = [
  { what: 'apps.new', re: new RegExp(`(?:收到|受理|接收|接到|新收)${APP_WORDS}申请${TOTAL_WORDS}${NUM}${UNIT}`, 'g'), need: ['申请'] },
  { what: 'apps.carried_in', re: new RegExp(`(?:上一?年度?|去年)结转(?:的)?(?:政府信息公开|信息公开|依申请公开)?(?:申请)?${TOTAL_WORDS}${NUM}${UNIT}`, 'g'), need: ['结转'] },
  { what: 'apps.carried_out', re: new RegExp(`(?:结转|顺延|转入|转)(?:至|到|入)?下一?年度?(?:继续)?(?:办理|答复)*(?:的)?(?:有|共|为)?${NUM}${UNIT}`, 'g'), need: ['下'] },
  { what: 'apps.carried_out', re: new RegExp(`${NUM}${UNIT}(?:申请)?(?:按照《条例》|依法|按规定)?(?:结转|顺延|转入|转)(?:至|到|入)?下一?年度?`, 'g'), need: ['下'] },
  // Not after 公开/予/不/他/供 ("同意公开答复9件" is a result row), nor after 继续/下年度/下一年
  // ("结转下年度继续办理3件" is the carried-over count).
  { what: 'apps.result_total', re: new RegExp(`(?<![公开予不他供续度年])(?:答复|办结|办理完成|办理完毕|办理)(?:了)?(?:政府信息公开|信息公开|依申请公开)?(?:申请)?${TOTAL_WORDS}${NUM}${UNIT}`, 'g'), need: ['答复', '办'] },
  { what: 'review.total', re: new RegExp(`(?:行政复议|复议)(?:案件|申请)?${TOTAL_WORDS}${NUM}${UNIT}`, 'g'), need: ['复议'] },
  { what: 'review.total', re: new RegExp(`${NUM}${UNIT}(?:涉及|关于|因)?(?:政府信息公开|信息公开)?(?:工作)?(?:的)?行政复议(?!后)`, 'g'), need: ['复议'] },
  { what: 'litigation.total', re: new RegExp(`(?:行政诉讼|诉讼)(?:案件)?${TOTAL_WORDS}${NUM}${UNIT}`, 'g'), need: ['诉讼'] },
];

const BREAKDOWN: Array<{ outcome: Outcome4; re: RegExp; need: string[] }> = [
  { outcome: 'upheld', re: new RegExp(`(?:结果)?维持${NUM}${UNIT}`, 'g'), need: ['维持'] },
  { outcome: 'corrected', re: new RegExp(`(?:结果)?纠正${NUM}${UNIT}`, 'g'), need: ['纠正'] },
  { outcome: 'other', re: new RegExp(`其他结果${NUM}${UNIT}`, 'g'), need: ['其他结果'] },
  { outcome: 'pending', re: new RegExp(`(?:尚未|未)审结${NUM}${UNIT}`, 'g'), need: ['审结'] },
];

// A clause with these words compares, accumulates or sub-divides: its number is not the table's.
const NOT_PLAIN = /较|同比|比上|增长|下降|减少|增加|累计|历年|以来|其中|占|分别|平均|每/;
const OUTCOME_WORDS = /纠错|败诉|纠正|撤销|违法|维持|胜诉/;
const SUBJECT_RE = /行政复议|复议(?!后)|行政诉讼|诉讼/g;

function subjectAt(word: string): Subject {
  return word.includes('复议') ? 'review' : 'litigation';
}

/** The subjects (复议, 诉讼) mentioned in `text`, in order, once each. */
function subjectsIn(text: string): Subject[] {
  return [...new Set([...text.matchAll(SUBJECT_RE)].map((m) => subjectAt(m[0])))];
}

/** Other years named in the clause: the sentence is then about another year. */
function otherYear(clause: string, year: number | null): boolean {
  return [...clause.matchAll(/((?:19|20)\d{2})年/g)].some((m) => year === null || Number(m[1]) !== year);
}

// Every count pattern ends in a unit.
const UNIT_CHAR = /[件条起宗个]/;
const holds = (seg: string, need: string[]) => need.some((w) => seg.includes(w));

function countClaims(seg: string, year: number | null): Claim[] {
  const out: Claim[] = [];
  if (!UNIT_CHAR.test(seg)) return out;
  for (const { what, re, need } of COUNT_PATTERNS) {
    if (!holds(seg, need)) continue;
    for (const m of seg.matchAll(re)) {
      const clause = clauseAt(seg, m.index!);
      if (NOT_PLAIN.test(clause.text) || otherYear(clause.text, year)) continue;
      const value = countValue(m[1]!);
      if (value !== undefined) out.push({ kind: 'count', what, value, phrase: m[0], sentence: quote(seg, m.index!) });
    }
  }
  // 其中结果维持72件…: each part belongs to the nearest subject named before it in the segment.
  for (const { outcome, re, need } of BREAKDOWN) {
    if (!holds(seg, need)) continue;
    for (const m of seg.matchAll(re)) {
      const before = [...seg.slice(0, m.index!).matchAll(SUBJECT_RE)].pop();
      const value = countValue(m[1]!);
      if (!before || value === undefined || otherYear(clauseAt(seg, m.index!).text, year)) continue;
      out.push({ kind: 'count', what: `${subjectAt(before[0])}.${outcome}`, value, phrase: m[0], sentence: quote(seg, m.index!) });
    }
  }
  return out;
}

function upheldClaims(seg: string): Claim[] {
  // Every match ends in 维持: most segments have none, and a substring test is cheaper than the pattern.
  if (!seg.includes('维持')) return [];
  const m = /(?:均|全部|都)(?:获|被|予以|为)?(?:得到)?维持/.exec(seg);
  if (!m) return [];
  // "其余均获维持", "已审结的均获维持", or a segment that also names other outcomes: not a plain
  // "all upheld" ("零败诉", a record of no lost case, is no other outcome).
  if (/其余|其他|另|除|已审结|审结的/.test(clauseAt(seg, m.index).text) || /尚未审结|未审结|纠正|纠错|撤销|(?<![零无未])败诉|确认违法/.test(seg)) return [];
  const subjects = subjectsIn(seg.slice(0, m.index));
  return subjects.length ? [{ kind: 'all_upheld', subjects, phrase: m[0], sentence: quote(seg, m.index) }] : [];
}

function noneClaims(seg: string): Claim[] {
  const out: Claim[] = [];
  // Every match holds 未, 没 or 无.
  if (!seg.includes('未') && !seg.includes('没') && !seg.includes('无')) return out;
  for (const m of seg.matchAll(/未发生|没有发生|未出现|没有出现|未有|未产生|无(?![法正偿效需须论])/g)) {
    const clause = clauseAt(seg, m.index!);
    const after = clause.text.slice(m.index! - clause.start, m.index! - clause.start + 40);
    // "未发生…被行政复议纠错或行政诉讼败诉" speaks of outcomes, not of there being no case.
    if (OUTCOME_WORDS.test(clause.text)) continue;
    const first = after.search(SUBJECT_RE);
    if (first < 0 || first > 25) continue;
    const subjects = subjectsIn(after);
    out.push({ kind: 'none', subjects, phrase: after, sentence: quote(seg, m.index!) });
  }
  return out;
}

/** Every claim of the narrative that can be read with certainty. */
export function readClaims(narrative: string | string[], year: number | null): Claim[] {
  const out: Claim[] = [];
  for (const seg of segmentsOf(narrative)) out.push(...countClaims(seg, year), ...upheldClaims(seg), ...noneClaims(seg));
  return out;
}

/** A narrative, or its segments when the caller has them already (they cost a Traditional → Simplified pass). */
function segmentsOf(narrative: string | string[]): string[] {
  return typeof narrative === 'string' ? segments(narrative) : narrative;
}

const NO_APPLICATION = new RegExp(`(?:未|没有)(?:收到|受理|接到)(?:任何)?${APP_WORDS}申请`);

/** Also "未收到…申请" = 0 applications received. */
export function noApplicationClaims(narrative: string | string[]): Claim[] {
  const out: Claim[] = [];
  for (const seg of segmentsOf(narrative)) {
    // Every match holds 申请.
    if (!seg.includes('申请')) continue;
    const m = NO_APPLICATION.exec(seg);
    if (m && !NOT_PLAIN.test(clauseAt(seg, m.index).text)) out.push({ kind: 'count', what: 'apps.new', value: 0, phrase: m[0], sentence: quote(seg, m.index) });
  }
  return out;
}
