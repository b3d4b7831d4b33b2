// The pdfjs floor over a list of files in one process, one after another:
// prints one JSON line per file ({file, ms}) on stdout. The first file of a
// process pays for importing pdfjs and warming it; `warm` figures skip it.
import { floorOne } from './floor.mjs';

for (const file of process.argv.slice(2)) {
  const r = await floorOne(file);
  process.stdout.write(`${JSON.stringify({ file, ms: r.ms, pages: r.pages })}\n`);
}
