// What a table cell of a text dump holds when it holds a number: for the
// readers of layout text and cell dumps, which must tell a row's numbers from
// its label without a grid.
import { COUNT_IN_WORDS } from '../../template.js';
import { VALUE } from './stream.js';

// A count in words ("六件") is a cell too: the normalizer reports it as no number.
// Cells with a note ("55（含自然失效29件）") or a change in words ("减少3") are cells too.
const NOTED = /^(?:增加|减少)?[0-9０-９][0-9０-９,，.．]*(?:万元|亿元|元|件|条|个|项)?(?:[（(][^（()）]{0,30}[）)])?$/;

/** Zero-width characters a copy of a web page keeps in its cells (&#8203;, a joiner, a byte-order mark): no text. */
export const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

export function isCellValue(text: string): boolean {
  return VALUE.test(text) || NOTED.test(text) || COUNT_IN_WORDS.test(text);
}
