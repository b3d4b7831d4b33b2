// Tokens of `pdftotext -layout` text by their character columns, shared by
// the header's columns (layout-columns.ts) and the pages a table runs on to
// (layout-pages.ts).

export interface Positioned {
  text: string;
  start: number;
  end: number;
}

/** The character column a token's middle stands at. */
export const centre = (v: Positioned) => (v.start + v.end - 1) / 2;

/** Every strictly increasing choice of `n` of `from`. */
export function* choices<T>(n: number, from: T[], first = 0): Generator<T[]> {
  if (n === 0) return yield [];
  for (let k = first; k <= from.length - n; k++) for (const rest of choices(n - 1, from, k + 1)) yield [from[k]!, ...rest];
}
