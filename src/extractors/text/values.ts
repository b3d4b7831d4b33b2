// What a table cell of a text dump holds when it holds a number: for the
// readers of layout text and cell dumps, which must tell a row's numbers from
// its label without a grid.
import { VALUE } from './stream.js';

// Cells with a note ("55（含自然失效29件）") or a change in words ("减少3") are cells too.
const NOTED = /^(?:增加|减少)?[0-9０-９][0-9０-９,，.．]*(?:万元|亿元|元|件|条|个|项)?(?:[（(][^（()）]{0,30}[）)])?$/;

export function isCellValue(text: string): boolean {
  return VALUE.test(text) || NOTED.test(text);
}
