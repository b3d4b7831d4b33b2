// One scanned document through extractReport in its own process: fields
// exact against the text form's report (JSON on argv[3]), seconds, pages
// read by OCR, peak RSS. Printed as one JSON line. CPU is counted twice:
// for the whole run (model load, pdfjs, every page, the checks), and per
// page read by OCR (drawing and reading it, the models already loaded),
// through the PDF extractor's page hook; a table page is one where OCR
// found at least one table, and its CPU is split into its tables (drawing,
// rules, cells) and the narrative lines around them.
import { readFileSync } from 'node:fs';
import { watchOcrPages } from '../dist/src/extractors/raster/pdf-page.js';
import { loadModels } from '../dist/src/ocr/models.js';
import { extractReport } from '../dist/src/pipeline.js';

const [scan, textJson] = process.argv.slice(2);
const text = JSON.parse(readFileSync(textJson, 'utf8'));
const t0 = performance.now();
const c0 = process.cpuUsage();
// Loaded first so that no page's figure carries the model load (once per worker); the run's totals still do.
await loadModels();
const cl = process.cpuUsage(c0);
const pageCosts = [];
watchOcrPages((c) => pageCosts.push(c));
const r = await extractReport(scan, { timeoutMs: 3_600_000 });
const seconds = (performance.now() - t0) / 1000;
// CPU seconds too: on a shared, overloaded machine wall time mostly measures the neighbours.
const c1 = process.cpuUsage(c0);
const cpuSeconds = (c1.user + c1.system) / 1e6;
const tablePages = pageCosts.filter((c) => c.tables > 0);
const ids = Object.keys(text.fields);
const exact = ids.filter((id) => r.fields[id] === text.fields[id]).length;
const errs = (x) => x.findings.filter((f) => f.severity === 'error').map((f) => f.rule).sort().join(',');
const pages = r.findings.filter((f) => f.rule === 'ocr.page').length;
process.stdout.write(JSON.stringify({
  exact, total: ids.length, seconds, cpuSeconds, pages, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  modelLoadCpuSeconds: (cl.user + cl.system) / 1e6,
  tablePages: tablePages.length,
  tablePageCpuSeconds: tablePages.reduce((s, c) => s + c.cpuMicros, 0) / 1e6,
  // Of that, the narrative lines outside the tables (a browser's print sets a long narrative beside a table).
  tablePageProseCpuSeconds: tablePages.reduce((s, c) => s + c.proseCpuMicros, 0) / 1e6,
  pageCpuSeconds: pageCosts.map((c) => Math.round(c.cpuMicros / 1e4) / 100),
  sameErrors: errs(r) === errs(text), metaSame: JSON.stringify(r.meta) === JSON.stringify(text.meta),
  corrected: r.findings.filter((f) => f.rule === 'ocr.corrected').length, uncertain: r.findings.filter((f) => f.rule === 'ocr.uncertain').length,
  wrong: ids.filter((id) => r.fields[id] !== text.fields[id]).slice(0, 5).map((id) => `${id}=${r.fields[id]}≠${text.fields[id]}`),
  // Values read but not the text's (not nulls): each, and whether an ocr.uncertain finding names it.
  misread: ids.filter((id) => r.fields[id] != null && r.fields[id] !== text.fields[id]).map((id) => ({
    id, value: r.fields[id], text: text.fields[id] ?? null,
    flagged: r.findings.some((f) => f.rule === 'ocr.uncertain' && (f.fields ?? []).includes(id)),
  })),
}) + '\n');
