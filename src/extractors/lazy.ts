// Heavy parsers are imported when a file of their format arrives, not at
// start-up: a run over PDFs never pays for cheerio (≈ 320 ms with the undici
// it pulls in) or mammoth (≈ 110 ms). BENCHMARKS.md measured the difference.
type Cheerio = typeof import('cheerio');
type Mammoth = typeof import('mammoth');

let cheerio: Promise<Cheerio> | undefined;
let mammoth: Promise<Mammoth> | undefined;

export function loadCheerio(): Promise<Cheerio> {
  cheerio ??= Promise.all([import('cheerio'), import('parse5-htmlparser2-tree-adapter')]).then(([c, { adapter }]) => {
    linearFosterParenting(adapter);
    return c;
  });
  return cheerio;
}

type TreeAdapter = typeof import('parse5-htmlparser2-tree-adapter').adapter;

/**
 * Text or tags inside a <table> but outside its cells are moved before the
 * table ("foster parenting"); the adapter cheerio parses with finds that
 * table's place with `children.indexOf`, scanning the parent from its first
 * child, so a page of N such tables cost O(N²) (issue 9's linear-time test:
 * 24,000 of them, 3.5× the cost per byte of 3,000). The table is almost always
 * the parent's last child: found from the end, each move is O(1). Same tree.
 */
function linearFosterParenting(adapter: TreeAdapter): void {
  type Parent = Parameters<TreeAdapter['insertBefore']>[0];
  type Child = Parameters<TreeAdapter['insertBefore']>[2];
  const at = (parent: Parent, ref: Child) => parent.children.lastIndexOf(ref);
  adapter.insertBefore = (parent, node, ref) => {
    const i = at(parent, ref);
    const { prev } = ref;
    if (prev) {
      prev.next = node;
      node.prev = prev;
    }
    ref.prev = node;
    node.next = ref;
    parent.children.splice(i, 0, node);
    node.parent = parent;
  };
  adapter.insertTextBefore = (parent, text, ref) => {
    const prev = parent.children[at(parent, ref) - 1];
    if (prev && adapter.isTextNode(prev)) prev.data += text;
    else adapter.insertBefore(parent, adapter.createTextNode(text), ref);
  };
}

export function loadMammoth(): Promise<Mammoth> {
  mammoth ??= import('mammoth').then((m) => (m as unknown as { default: Mammoth }).default ?? m);
  return mammoth;
}
