// One scanned document through extractReport in its own process: fields
// exact against the text form's report (JSON on argv[3]), seconds, pages
// read by OCR, peak RSS. Printed as one JSON line.
import { readFileSync } from 'node:fs';
import { extractReport } from '../dist/src/pipeline.js';

const [scan, textJson] = process.argv.slice(2);
const text = JSON.parse(readFileSync(textJson, 'utf8'));
const t0 = performance.now();
const c0 = process.cpuUsage();
const r = await extractReport(scan, { timeoutMs: 3_600_000 });
const seconds = (performance.now() - t0) / 1000;
// CPU seconds too: on a shared, overloaded machine wall time mostly measures the neighbours.
const c1 = process.cpuUsage(c0);
const cpuSeconds = (c1.user + c1.system) / 1e6;
const ids = Object.keys(text.fields);
const exact = ids.filter((id) => r.fields[id] === text.fields[id]).length;
const errs = (x) => x.findings.filter((f) => f.severity === 'error').map((f) => f.rule).sort().join(',');
const pages = r.findings.filter((f) => f.rule === 'ocr.page').length;
process.stdout.write(JSON.stringify({
  exact, total: ids.length, seconds, cpuSeconds, pages, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  sameErrors: errs(r) === errs(text), metaSame: JSON.stringify(r.meta) === JSON.stringify(text.meta),
  corrected: r.findings.filter((f) => f.rule === 'ocr.corrected').length, uncertain: r.findings.filter((f) => f.rule === 'ocr.uncertain').length,
  wrong: ids.filter((id) => r.fields[id] !== text.fields[id]).slice(0, 5).map((id) => `${id}=${r.fields[id]}≠${text.fields[id]}`),
}) + '\n');
