// Report metadata: title, agency and year, from the title and the opening text.
import type { RawDocument } from '../types.js';

// 年 and one more ideograph before 报告: OCR misreads 年度 (年库 in a 1-bit scan), or the last character (年度报生, its 告
// wrapped alone onto a line of its own), and the body's name before it is still the title's.
const REPORT = /(?:政府信息公开|政务信息公开|政务公开|信息公开)(?:工作)?(?:年[\u4e00-\u9fff]报[\u4e00-\u9fff]|(?:年[\u4e00-\u9fff])?(?:报告|年报))$/;

// Markdown heading marks and emphasis are presentation, not title.
const clean = (l: string) => l.normalize('NFKC').replace(/\s+/g, '').replace(/^[#*>]+|\*+$/g, '');

/** The first line, or pair of lines (a title wrapped in two), that ends like a report title. */
function firstTitleLine(raw: RawDocument): string | undefined {
  // A text dump of a page in columns (w3m) puts the navigation beside the title, a wide gap between: the title is its own piece.
  const lines = raw.text.split('\n').slice(0, 30).map((l) => clean(l.split(/\s{4,}/).findLast((p) => REPORT.test(clean(p)) && /20\d{2}/.test(p)) ?? l));
  const found: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    // A title wrapped in two ("孝感市人民政府办公室" / "2020年政府信息公开工作年度报告") is read whole.
    const prev = lines[i - 1] ?? '';
    // So is one cut after its year ("2025年上海市人民政府办公厅政府信息公开" / "工作年度报告").
    const wrapped = /^(?:20\d{2}|年度)/.test(lines[i]!) || (!/20\d{2}/.test(lines[i]!) && /20\d{2}/.test(prev));
    // Two years are two titles (a page's list of reports above its own title), never one.
    const twoYears = /20\d{2}/.test(prev) && /20\d{2}/.test(lines[i]!);
    // A line that is a whole title naming its body is not joined to what stands above it (a page's "栏目").
    const whole = REPORT.test(lines[i]!) && lines[i]!.replace(/^20\d{2}年度?/, '').replace(REPORT, '').length >= 2;
    const joinable = wrapped && !twoYears && !whole && prev.length > 0 && prev.length <= 40 && !/[。，,:：;；!！?？]/.test(prev);
    for (const candidate of joinable ? [`${prev}${lines[i]}`, lines[i]!] : [lines[i]!]) {
      if (candidate.length < 80 && REPORT.test(candidate) && /20\d{2}|[一二]〇/.test(candidate)) {
        found.push(candidate);
        break;
      }
    }
  }
  // Pages repeat the title; the copy that names the body is the one to keep.
  return found.find((t) => !/^(?:20\d{2}|年度)/.test(t)) ?? found[0] ?? lines.find((l) => l.length < 80 && /报告/.test(l) && /公开/.test(l) && !/[。,;:!?]/.test(l));
}

export function reportTitle(raw: RawDocument): string | null {
  // Document properties often hold a template's or another file's title: only one naming a report counts.
  const props = raw.docMeta?.title;
  const t = raw.title ?? firstTitleLine(raw) ?? (props && /报告|年报/.test(props) && /公开/.test(props) ? props : undefined);
  return t ? clean(t) : null;
}

/** The reporting year: the title's "2020年度", else the statistics period. */
export function reportYear(title: string | null, text: string): number | null {
  const fromTitle = title && /(20\d{2})\s*年/.exec(title);
  if (fromTitle) return Number(fromTitle[1]);
  const t = text.normalize('NFKC');
  const period = /(?:自|从)\s*(20\d{2})\s*年\s*1\s*月\s*1\s*日/.exec(t) ?? /统计期限[^。]{0,20}?(20\d{2})\s*年/.exec(t) ?? /(20\d{2})\s*年度/.exec(t.slice(0, 400));
  return period ? Number(period[1]) : null;
}

/**
 * A title often names the body without its city ("洪泽区人民政府") while the
 * opening paragraph names it in full ("本报告由淮安市洪泽区人民政府办公室…"):
 * the place names just before it are added.
 */
function qualify(agency: string, text: string): string {
  const opening = text.normalize('NFKC').replace(/\s+/g, '').slice(0, 800);
  for (let at = opening.indexOf(agency); at >= 0; at = opening.indexOf(agency, at + 1)) {
    const before = opening.slice(Math.max(0, at - 10), at);
    const prefix = before.replace(/^.*[^\u4e00-\u9fff]|^.*[由据于在的是对和与及向将]/, '');
    if (/^[\u4e00-\u9fff]{1,8}[省市州盟县区旗]$/.test(prefix)) return prefix + agency;
  }
  return agency;
}

/** The reporting body, from the title with year and report words removed, else "本报告由…编制". */
export function reportAgency(title: string | null, text: string): string | null {
  const plain = title?.replace(/^关于/, '').replace(/[《》〈〉“”"]/g, '');
  if (plain && REPORT.test(plain)) {
    let s = plain.replace(REPORT, '').replace(/的?$/, '');
    s = s.replace(/(?:^|(?<=[^0-9]))(?:19|20)\d{2}\s*年度?/g, '').replace(/[（(][^）)]*[）)]$/, '');
    s = s.replace(/(?:政府信息公开|信息公开)$/, '').trim();
    // Flip-book pages and web copies put "Page 8 -" or "正文" before the name.
    // A print may set the year apart from the title's line ("年上海市…"): no body's name starts with 年.
    s = s.replace(/^[^\u4e00-\u9fff]+/, '').replace(/^正文/, '').replace(/^年度?/, '');
    if (s.length >= 2 && s.length <= 40) return qualify(s, text);
  }
  const by = /本(?:年度)?报告(?:是)?由([\u4e00-\u9fff（）()]{2,30}?)(?:根据|依据|按照|编制)/.exec(text.normalize('NFKC'));
  return by?.[1] ?? null;
}
