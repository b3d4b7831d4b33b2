// Heavy parsers are imported when a file of their format arrives, not at
// start-up: a run over PDFs never pays for cheerio (≈ 320 ms with the undici
// it pulls in) or mammoth (≈ 110 ms). BENCHMARKS.md measured the difference.
type Cheerio = typeof import('cheerio');
type Mammoth = typeof import('mammoth');

let cheerio: Promise<Cheerio> | undefined;
let mammoth: Promise<Mammoth> | undefined;

export function loadCheerio(): Promise<Cheerio> {
  cheerio ??= import('cheerio');
  return cheerio;
}

export function loadMammoth(): Promise<Mammoth> {
  mammoth ??= import('mammoth').then((m) => (m as unknown as { default: Mammoth }).default ?? m);
  return mammoth;
}
