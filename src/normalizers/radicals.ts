// Radical code points in place of ideographs. Some PDF writers (Chromium's
// Skia with Noto CJK among them) map glyphs shared by a radical and an
// ideograph to the radical's code point in ToUnicode: "⾏政复议", "人⺠政府".
// The text is the same to a reader, so the normalizer reads it as the
// ideograph: Kangxi radicals (U+2F00–U+2FD5) by NFKC, the supplement
// (U+2E80–U+2EF3, which NFKC leaves alone) by the table below.
import type { RawDocument } from '../types.js';

const SUPPLEMENT: Record<string, string> = {
  '⺌': '小', '⺗': '心', '⺟': '母', '⺠': '民', '⺮': '竹', '⺳': '网', '⺼': '肉', '⻄': '西', '⻅': '见', '⻆': '角',
  '⻈': '讠', '⻉': '贝', '⻋': '车', '⻌': '辶', '⻓': '长', '⻔': '门', '⻗': '雨', '⻘': '青', '⻚': '页', '⻛': '风',
  '⻜': '飞', '⻝': '食', '⻠': '饣', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦',
  '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻳': '龟',
};
const RADICAL = /[\u2e80-\u2ef3\u2f00-\u2fd5]/g;

export function unifyRadicals(s: string): string {
  if (!/[\u2e80-\u2fd5]/.test(s)) return s;
  return s.replace(RADICAL, (ch) => SUPPLEMENT[ch] ?? ch.normalize('NFKC'));
}

/** The document with radicals read as ideographs in its text, title and cells (a copy; the extractor's document is unchanged). */
export function withIdeographs(raw: RawDocument): RawDocument {
  const cellsHave = raw.tables.some((t) => t.cells.some((c) => /[\u2e80-\u2fd5]/.test(c.text)));
  if (!cellsHave && !/[\u2e80-\u2fd5]/.test(raw.text) && !/[\u2e80-\u2fd5]/.test(raw.title ?? '')) return raw;
  return {
    ...raw,
    text: unifyRadicals(raw.text),
    ...(raw.title !== undefined ? { title: unifyRadicals(raw.title) } : {}),
    tables: raw.tables.map((t) => ({ ...t, cells: t.cells.map((c) => ({ ...c, text: unifyRadicals(c.text) })) })),
  };
}
