// Narrative text (runs outside tables) in reading order, page footers and
// headers ("- 3 -", "— 5 —", "第3页 共5页") left out, and the report title
// from the first page.
import { centreY, type TextRun } from './geometry.js';
import { joiner } from './text-join.js';

export interface TextLine {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  size: number;
}

const PAGE_NUMBER = /^[-—–－_\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[共/]\s*\d{1,4}\s*页?)?[-—–－_\s]*$/;

export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.test(text.trim());
}

/** Runs grouped into lines by vertical centre, then left to right. */
export function runLines(runs: TextRun[]): TextLine[] {
  const sorted = [...runs].sort((a, b) => centreY(a) - centreY(b) || a.x0 - b.x0);
  const groups: TextRun[][] = [];
  for (const r of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(centreY(r) - centreY(g[0]!)) < 0.5 * Math.min(r.size, g[0]!.size)) g.push(r);
    else groups.push([r]);
  }
  return groups.map((g) => {
    g.sort((a, b) => a.x0 - b.x0);
    let text = '';
    let prevX1 = -Infinity;
    for (const r of g) {
      if (text !== '' && r.x0 - prevX1 > 0.3 * r.size) text += joiner(text, r.str);
      text += r.str;
      prevX1 = r.x1;
    }
    return { text, x0: Math.min(...g.map((r) => r.x0)), x1: Math.max(...g.map((r) => r.x1)), y0: Math.min(...g.map((r) => r.y0)), y1: Math.max(...g.map((r) => r.y1)), size: Math.max(...g.map((r) => r.size)) };
  });
}

/**
 * Lines into paragraphs: a line continues the previous one unless the
 * previous ended short of the right margin or this one is indented.
 */
export function paragraphs(lines: TextLine[]): string[] {
  if (lines.length === 0) return [];
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const out: string[] = [];
  let prev: TextLine | undefined;
  for (const l of lines) {
    const indented = l.x0 > left + 1.5 * l.size;
    const prevShort = prev !== undefined && prev.x1 < right - 2 * prev.size;
    const gap = prev !== undefined && l.y0 - prev.y1 > 1.2 * l.size;
    if (prev && !indented && !prevShort && !gap && Math.abs(l.size - prev.size) < 1) out[out.length - 1] += joiner(out[out.length - 1]!, l.text.trim()) + l.text.trim();
    else out.push(l.text.trim());
    prev = l;
  }
  return out;
}

/** A site's breadcrumb (当前位置：首页>…) or menu path, printed with the page. */
const NAVIGATION = /当前位置|您的位置|[>›»]/;
/** A title is one or two lines: a longer line is narrative. */
const MAX_TITLE = 60;

/**
 * The title: the first block of largest-font lines on page 1 (a title often
 * wraps: agency / year + 年度报告); when the largest font is not distinctive
 * (all lines one size, as in LibreOffice output), the first line naming a 年度报告.
 */
export function findTitle(lines: TextLine[]): string | undefined {
  const body = lines.filter((l) => !isPageNumber(l.text));
  if (body.length === 0) return undefined;
  const max = Math.max(...body.map((l) => l.size));
  const big = body.filter((l) => l.size >= 0.9 * max);
  const distinctive = big.length <= 4 && big.length < body.length / 2 + 1;
  if (distinctive) {
    const first = body.indexOf(big[0]!);
    const block: TextLine[] = [];
    for (const l of body.slice(first)) {
      const prev = block[block.length - 1];
      if (l.size < 0.9 * max || (prev && l.y0 - prev.y1 > 1.5 * l.size)) break;
      block.push(l);
    }
    // A short piece beside a longer line of the block, on its row, is something else in the same type (a
    // site's logo read by OCR beside a printed page's title).
    const beside = (l: TextLine) => block.some((m) => m !== l && m.text.length > 2 * l.text.length && l.y0 < m.y1 && m.y0 < l.y1);
    const title = block.filter((l) => !beside(l)).map((l) => l.text.replace(/\s+/g, '')).join('');
    // Ends so: an OCR line's size is its ink's height, and a narrative line with brackets (本年度报告中所列…（www…）下载。) can be the tallest.
    if (/(报告|年报)[)）]?$/.test(title) && !NAVIGATION.test(title)) return title;
    // An OCR'd title whose last character wrapped onto a line of its own may have it misread and measured
    // small (告 read 生 at half the height): the block naming the year, 公开 and 年度报 is the title, with
    // that short line right below it as read.
    const tail = body[first + block.length];
    const last = block[block.length - 1]!;
    const wrapped = tail && tail.text.trim().length <= 2 && tail.y0 - last.y1 < last.size ? tail.text.trim() : '';
    if (/(19|20)\d\d年/.test(title) && /公开/.test(title) && /年度报$/.test(title) && !NAVIGATION.test(title)) return title + wrapped;
  }
  // A line with the year that ends with the words is the title; a page printed from a site also has
  // them in its menu (…年报办事服务…) and its breadcrumb (当前位置：首页>…年度报告).
  // Neither is ever the title. An OCR line may misread a word of the title (年库报告 for 年度报告 in a 1-bit
  // scan): a short line with the year, 公开 and ending in 报告 is the title before any line merely naming 年度报告.
  const candidates = body.filter((l) => !NAVIGATION.test(l.text));
  const ends = (l: TextLine): boolean => /(年度报告|年报)$/.test(l.text.trim());
  const year = (l: TextLine): boolean => /(19|20)\d\d\s*年/.test(l.text);
  const misread = (l: TextLine): boolean => year(l) && /公开/.test(l.text) && /报告$/.test(l.text.trim()) && l.text.trim().length <= MAX_TITLE;
  // A sentence naming the report (本年度报告根据《条例》…编制，…) is narrative, never the title.
  const naming = (l: TextLine): boolean => /年度报告|年报/.test(l.text) && l.text.trim().length <= MAX_TITLE && !/[。，,；;]/.test(l.text);
  const line = candidates.find((l) => ends(l) && year(l)) ?? candidates.find(misread) ?? candidates.find(naming);
  return line?.text.replace(/\s+/g, '');
}
