// A table cell's line, read squeezed across when it is long and its type
// large. The recogniser's cost grows with its input's width (45 ms at 400
// px, 211 ms at 1600, one thread), and row labels are about half of what a
// table page gives it. PP-OCR's recognisers are trained on lines resized to
// 48 × 320 px, a longer line squashed to fit (PaddleOCR's resize_norm_img),
// so a Chinese character needs fewer than the four or five CTC steps a
// 16 pt label gets at its own aspect. Narrative lines are not squeezed:
// most hold numbers and would be read twice (below), which cost page 1 of
// hongze-qu-2023 more than squeezing saved.
import type { Gray } from './image.js';
import type { Lexicon } from './lexicon.js';
import { recognize, type Reading } from './recognize.js';

/** Read at 0.6 of their width, the labels of 12 scans gave the same fields (BENCHMARKS.md, "Row labels read squeezed"). */
const SQUEEZE = 0.6;
/** Lines at least this many times as wide as high (about five characters and more). */
const LONG = 6;
/**
 * Glyphs lower than this are read at their width: they have few pixels to
 * lose (squeezed, the 17 px narrative type of a browser's print at 150 dpi
 * read its title 上海市人民政府办公厅 as 上海市人员府办公行; its labels, which
 * the template's lexicon settles, read alike at 12 px and up).
 */
const LARGE_PX = 16;
/**
 * Squeezed, a repeated digit loses the blank step between its two copies
 * (CTC collapses them: 711 read 71, 33.9 % read 3.9 %), and Latin letters
 * are as narrow: a reading with either is read again at its width unless
 * it is one of the template's labels (its numbering one digit at most:
 * 1.属于国家秘密) or the lexicon settled it.
 */
const NARROW = /[\p{Nd}A-Za-z]/u;

function templateLabel(text: string, lex: Lexicon): boolean {
  const numbering = lex.prefix.exec(text)?.[0] ?? '';
  return lex.set.has(text.slice(numbering.length)) && (numbering.match(/\d/gu)?.length ?? 0) <= 1;
}

/** Reads a cell's line image whose ink is `inkHeight` px high. */
export async function readCellLine(line: Gray, inkHeight: number, lex: Lexicon): Promise<Reading> {
  if (inkHeight < LARGE_PX || line.width < LONG * line.height) return recognize(line, lex);
  const r = await recognize(line, lex, SQUEEZE);
  if (r.word !== undefined || !NARROW.test(r.text) || templateLabel(r.text, lex)) return r;
  return recognize(line, lex);
}
