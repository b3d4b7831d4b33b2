// Deep nesting in WordprocessingML, cut before mammoth reads it. mammoth (and
// the xmldom tree under it) recurses once per element level: 2,000 nested runs
// or hyperlinks overflow the call stack and cost the whole document. Elements
// opened below MAX_XML_DEPTH are unwrapped here in one linear pass: their start
// and end tags go, their text runs (w:t, w:tab, w:br, w:cr) stay, inside the
// element at that depth. Word's own parts reach about 20 levels (drawings,
// text boxes); a table nested in a table adds 3.

export const MAX_XML_DEPTH = 100;

/** Leaf elements kept wherever they are: they carry the text. */
const KEEP = new Set(['w:t', 'w:tab', 'w:br', 'w:cr']);

export interface FlatXml {
  xml: string;
  /** Start tags dropped (0: the XML is unchanged). */
  dropped: number;
  depth: number;
}

const NAME = /[^\s/>]+/y;

/** Index just past the `>` ending the tag whose name ends at `i`; XML attribute values may hold `>`. */
export function tagEnd(s: string, i: number): number {
  const n = s.length;
  while (i < n) {
    const c = s[i];
    if (c === '>') return i + 1;
    if (c === '"' || c === "'") {
      const close = s.indexOf(c, i + 1);
      if (close < 0) return n;
      i = close + 1;
      continue;
    }
    i++;
  }
  return n;
}

export function flattenXml(xml: string, maxDepth = MAX_XML_DEPTH): FlatXml {
  const cut: Array<[number, number]> = [];
  // Per open element: whether its tags are dropped.
  const open: boolean[] = [];
  let dropped = 0;
  let depth = 0;
  const n = xml.length;
  let i = xml.indexOf('<');
  while (i >= 0 && i < n) {
    if (xml.startsWith('<!--', i)) {
      const e = xml.indexOf('-->', i + 4);
      i = e < 0 ? n : e + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      const e = xml.indexOf(']]>', i + 9);
      i = e < 0 ? n : e + 3;
    } else if (xml[i + 1] === '!' || xml[i + 1] === '?') {
      const e = xml.indexOf('>', i + 2);
      i = e < 0 ? n : e + 1;
    } else if (xml[i + 1] === '/') {
      const end = tagEnd(xml, i + 2);
      if (open.pop()) cut.push([i, end]);
      i = end;
    } else {
      NAME.lastIndex = i + 1;
      const name = NAME.exec(xml)?.[0] ?? '';
      const end = tagEnd(xml, i + 1 + name.length);
      const selfClosing = xml[end - 2] === '/';
      const drop = open.length >= maxDepth && !KEEP.has(name);
      if (drop) {
        cut.push([i, end]);
        dropped++;
      }
      if (!selfClosing) {
        open.push(drop);
        depth = Math.max(depth, open.length);
      }
      i = end;
    }
    if (i < n) i = xml.indexOf('<', i);
  }
  if (cut.length === 0) return { xml, dropped: 0, depth };
  const parts: string[] = [];
  let at = 0;
  for (const [a, b] of cut) {
    parts.push(xml.slice(at, a));
    at = b;
  }
  parts.push(xml.slice(at));
  return { xml: parts.join(''), dropped, depth };
}
