// Deep nesting, cut before parsing. parse5's tree builder scans its stack of
// open elements for every block start tag, so its time grows with depth ×
// tags (measured: 10,000 nested <div> 3 s, 40,000 50 s), and every tree walk
// after it (cheerio's text(), css-select, mammoth) recurses once per level.
// Tags opened below MAX_DEPTH are dropped here, in one linear pass over the
// markup: their text stays, in the element at MAX_DEPTH. Real reports nest
// 5 to 10 levels by this estimate (`flattenDeep(page, Infinity).depth` over
// the HTML fixtures).
//
// The depth is the markup's, estimated the way a browser closes what authors
// leave open: void elements never open, a new cell closes the open cell, a new
// row the open row, a block start an open <p>, and an end tag closes up to the
// nearest open element of its name. The estimate only ever removes tags past
// MAX_DEPTH; a page that never goes that deep is returned as it came.

export const MAX_DEPTH = 256;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'basefont', 'bgsound', 'frame', 'keygen', 'image']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
const CLOSES_P = new Set(['address', 'article', 'aside', 'blockquote', 'center', 'details', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul']);
const ROW_PARTS = new Set(['td', 'th', 'tr']);
/** Open elements searched for the element an end tag closes (bounds the pass to linear time). */
const SEARCH = 64;

export interface Flattened {
  html: string;
  /** Start tags dropped (0: the markup is unchanged). */
  dropped: number;
  /** Deepest nesting seen, by the estimate above. */
  depth: number;
}

/** The white space of a regular expression's `\s`, for the rare code unit outside ASCII. */
const SPACE = /\s/;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 128 && SPACE.test(String.fromCharCode(c)));
}

/**
 * The tag name starting at `i` (an ASCII letter, then anything up to white
 * space, `/` or `>`), lower-cased, or undefined when no letter starts it.
 * Scanned by code unit: this pass runs over every tag of every page.
 * `nameEnd` is left just past the name as written.
 */
let nameEnd = 0;
function nameAt(s: string, i: number): string | undefined {
  const c0 = s.charCodeAt(i);
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) return undefined;
  const n = s.length;
  let plain = c0 >= 97;
  let j = i + 1;
  for (; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c === 47 /* / */ || c === 62 /* > */ || isSpace(c)) break;
    if (c >= 65 && c <= 90) plain = false;
    else if (c >= 128) plain = false;
  }
  nameEnd = j;
  const name = s.slice(i, j);
  return plain ? name : name.toLowerCase();
}

/** Index just past the `>` that ends the tag whose attributes start at `i` (quotes respected). */
function tagEnd(s: string, i: number): number {
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 62 /* > */) return i + 1;
    if (c === 61 /* = */) {
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q === 34 /* " */ || q === 39 /* ' */) {
        const close = s.indexOf(q === 34 ? '"' : "'", i + 1);
        if (close < 0) return n;
        i = close + 1;
        continue;
      }
      continue;
    }
    i++;
  }
  return n;
}

/** Where the raw text of each RAW_TEXT element ends (its end tag, any case). */
const RAW_END = new Map([...RAW_TEXT].map((name) => [name, new RegExp(`</${name}`, 'ig')]));

/** Drops start and end tags nested deeper than `maxDepth`; linear in the length of `html`. */
export function flattenDeep(html: string, maxDepth = MAX_DEPTH): Flattened {
  const stack: string[] = [];
  // Per open element: whether its start tag was dropped (so is its end tag).
  const droppedOpen: boolean[] = [];
  const cut: Array<[number, number]> = [];
  let dropped = 0;
  let depth = 0;
  const pop = (): void => {
    stack.pop();
    droppedOpen.pop();
  };
  const n = html.length;
  let i = html.indexOf('<');
  while (i >= 0 && i < n) {
    const next = html.charCodeAt(i + 1);
    if (next === 33 /* ! */ && html.startsWith('<!--', i)) {
      const e = html.indexOf('-->', i + 4);
      i = e < 0 ? n : e + 3;
    } else if (next === 33 /* ! */ || next === 63 /* ? */) {
      const e = html.indexOf('>', i + 2);
      i = e < 0 ? n : e + 1;
    } else if (next === 47 /* / */) {
      const name = nameAt(html, i + 2);
      const end = tagEnd(html, i + 2);
      if (name !== undefined) {
        const stop = Math.max(0, stack.length - SEARCH);
        let k = stack.length - 1;
        while (k >= stop && stack[k] !== name) k--;
        if (k >= stop) {
          if (droppedOpen[k]) cut.push([i, end]);
          while (stack.length > k) pop();
        }
      }
      i = end;
    } else {
      const name = nameAt(html, i + 1);
      if (name === undefined) {
        i = html.indexOf('<', i + 1);
        continue;
      }
      const end = tagEnd(html, nameEnd);
      const top = stack[stack.length - 1];
      if (top === 'p' && CLOSES_P.has(name)) pop();
      if ((name === 'td' || name === 'th') && (stack[stack.length - 1] === 'td' || stack[stack.length - 1] === 'th')) pop();
      if (name === 'tr') {
        while (stack.length > 0 && ROW_PARTS.has(stack[stack.length - 1]!)) pop();
      }
      if ((name === 'li' || name === 'option' || name === 'dt' || name === 'dd') && stack[stack.length - 1] === name) pop();
      if (RAW_TEXT.has(name)) {
        // Raw text runs to its end tag, whatever it holds.
        const close = RAW_END.get(name)!;
        close.lastIndex = end;
        const found = close.exec(html);
        // Never dropped, never counted: raw text holds no markup to nest.
        i = found ? found.index : n;
        continue;
      }
      if (!VOID.has(name)) {
        const drop = stack.length >= maxDepth;
        if (drop) {
          cut.push([i, end]);
          dropped++;
        }
        stack.push(name);
        droppedOpen.push(drop);
        depth = Math.max(depth, stack.length);
      }
      i = end;
    }
    if (i < n) i = html.indexOf('<', i);
  }
  if (cut.length === 0) return { html, dropped: 0, depth };
  const parts: string[] = [];
  let at = 0;
  for (const [a, b] of cut) {
    parts.push(html.slice(at, a));
    at = b;
  }
  parts.push(html.slice(at));
  return { html: parts.join(''), dropped, depth };
}
