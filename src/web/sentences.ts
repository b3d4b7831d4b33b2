// Narratives of two years, sentence by sentence. Pure. A sentence of the later
// year is `same` when the earlier one has it word for word, `changed` when the
// earlier one has it with other numbers (the same sentence once digits are
// masked), else `added`; sentences of the earlier year not matched are `removed`.
export interface SentenceDiff {
  kind: 'same' | 'changed' | 'added' | 'removed';
  text: string;
  /** For `changed`: the earlier year's sentence. */
  before?: string;
}

export function sentences(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/(?<=[。！？；!?;])|\n+/)
    .map((s) => s.replace(/\s+/g, ''))
    .filter((s) => s.length >= 4 && /[\u4e00-\u9fff]/.test(s));
}

// Digits and years masked: "收到申请21件" and "收到申请95件" are one sentence with other numbers.
const shape = (s: string) => s.replace(/[0-9.,，%]+|[零〇一二三四五六七八九十百千万]+(?=[件个项次条年月日%])/g, '#');

export function diffSentences(before: string, after: string): SentenceDiff[] {
  const a = sentences(before);
  const b = sentences(after);
  const exact = new Map<string, number>();
  for (const s of a) exact.set(s, (exact.get(s) ?? 0) + 1);
  const byShape = new Map<string, string[]>();
  for (const s of a) byShape.set(shape(s), [...(byShape.get(shape(s)) ?? []), s]);
  const used = new Set<string>();
  const out: SentenceDiff[] = [];
  for (const s of b) {
    if ((exact.get(s) ?? 0) > 0) {
      exact.set(s, exact.get(s)! - 1);
      used.add(s);
      out.push({ kind: 'same', text: s });
      continue;
    }
    const twin = (byShape.get(shape(s)) ?? []).find((x) => !used.has(x));
    if (twin) {
      used.add(twin);
      out.push({ kind: 'changed', text: s, before: twin });
    } else out.push({ kind: 'added', text: s });
  }
  for (const s of a) if (!used.has(s)) out.push({ kind: 'removed', text: s });
  return out;
}
