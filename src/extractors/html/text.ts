// Text of HTML nodes as a reader sees it: <br> and block ends become line
// breaks, nested tables are left out, and &nbsp; stays a (non-breaking) space:
// normalising it is the normalizers' job.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const BLOCK = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'table', 'br', 'dd', 'dt']);

/**
 * Government pages often lay the whole article out in a table. A table that
 * holds another table, or a cell of running text, is layout: its text is
 * narrative. Any other table is data, left to the table reader.
 */
function isLayoutTable(el: Element): boolean {
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'tag' && (n as Element).name?.toLowerCase() === 'table') return true;
    if (n.type === 'text') {
      const data = (n as unknown as { data: string }).data;
      // Trimmed only when it could be long enough: most cells are short.
      if (data.length > 150 && data.trim().length > 150) return true;
    }
    const kids = (n as Partial<Element>).children;
    if (Array.isArray(kids)) for (const k of kids) stack.push(k);
  }
  return false;
}

/** Elements whose text is never a cell's or the narrative's. */
const SKIPPED = new Set(['script', 'style', 'head', 'title']);
/** Elements whose text the walk leaves out or turns into a line break: a cell holding one is walked. */
const OPAQUE = new Set([...SKIPPED, 'table', 'br']);

type TableMode = 'skip-all' | 'skip-data';

// Iterative, with an explicit stack: a hostile page nests tags tens of
// thousands deep, and a recursive walk would overflow the call stack there.
// A string on the stack is text to emit once the nodes pushed before it are done.
// `tables` gathers every <table> met, in document order.
function walk(start: AnyNode, out: string[], mode: TableMode, tables?: Element[]): void {
  const stack: Array<AnyNode | string> = [start];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      out.push(node);
      continue;
    }
    if (node.type === 'text') {
      // Source line breaks inside text are HTML white space, not line breaks.
      out.push((node as unknown as { data: string }).data.replace(/[ \t\r\n\f]+/g, ' '));
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'root' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    const name = el.name?.toLowerCase();
    if (SKIPPED.has(name)) continue;
    if (tables && el.name === 'table') tables.push(el);
    if (name === 'table' && (mode === 'skip-all' || !isLayoutTable(el))) continue;
    if (name === 'br') {
      out.push('\n');
      continue;
    }
    if (name === 'td' || name === 'th') out.push('\t');
    // Pushed in reverse: the block end comes after all children, the first child is popped first.
    if (name && BLOCK.has(name)) stack.push('\n');
    const children = el.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** The text of a table cell, without the text of tables nested in it. */
export function cellText($: CheerioAPI, td: Element): string {
  // Most cells hold one text node, alone or in a chain of single elements (<p><span>…</span></p>):
  // the walk below gives its white space collapsed and trimmed, so that is taken at once.
  let only: AnyNode | undefined = td;
  while (only && only.type === 'tag' && (only as Element).children.length === 1 && !OPAQUE.has((only as Element).name.toLowerCase())) only = (only as Element).children[0];
  if (only && only !== td && only.type === 'text') return (only as unknown as { data: string }).data.replace(/[ \t\r\n\f]+/g, ' ').trim();
  const out: string[] = [];
  for (const child of td.children) walk(child, out, 'skip-all');
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t\r]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

/**
 * The page's narrative: all text outside data tables, one block per line.
 * `tables` receives every <table> of the page in document order, nested ones
 * after their parent (a data table holds none: it would be layout), so the
 * page is walked once for both.
 */
export function narrativeText(root: AnyNode, tables?: Element[]): string {
  const out: string[] = [];
  walk(root, out, 'skip-data', tables);
  // One pass over the page's lines, keeping the non-blank ones (no intermediate arrays).
  const kept: string[] = [];
  for (const l of out.join('').split('\n')) {
    const t = l.replace(/[ \t\r]+/g, ' ').trim();
    if (t !== '') kept.push(t);
  }
  return kept.join('\n');
}
