// Issue 10: every form of fixtures/forms against its source. Prints, per form,
// values right / lost / in a wrong field, false arithmetic errors, and whether
// agency and year were read (the table of BENCHMARKS.md). `--verbose` lists
// each file's wrong and lost fields. Run after `npm run build`:
//   node bench/forms.mjs [--verbose]
import { fileURLToPath } from 'node:url';
import { extractReport } from '../dist/src/pipeline.js';
import { compare, FORM_NAMES, listForms } from './forms-lib.mjs';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const verbose = process.argv.includes('--verbose');
const sources = new Map();
const byForm = new Map();
for (const f of listForms(fixtures)) {
  if (!sources.has(f.source)) sources.set(f.source, await extractReport(f.source));
  const c = compare(await extractReport(f.path), sources.get(f.source));
  const agg = byForm.get(f.form) ?? { files: 0, values: 0, right: 0, wrong: 0, falseErrors: 0, otherErrors: 0, agency: 0, year: 0 };
  agg.files++;
  agg.values += c.values;
  agg.right += c.right;
  agg.wrong += c.wrong.length;
  agg.falseErrors += c.falseErrors.length;
  agg.otherErrors += c.otherErrors.length;
  agg.agency += c.meta.agency ? 1 : 0;
  agg.year += c.meta.year ? 1 : 0;
  byForm.set(f.form, agg);
  if (verbose && (c.wrong.length || c.lost.length || c.falseErrors.length || c.otherErrors.length || !c.meta.agency || !c.meta.year)) {
    process.stderr.write(`${f.form}/${f.name}: ${c.right}/${c.values}` +
      `${c.wrong.length ? ` WRONG ${c.wrong.map((w) => `${w.id}=${w.form}(src ${w.source})`).join(' ')}` : ''}` +
      `${c.lost.length ? ` lost ${c.lost.length}: ${c.lost.slice(0, 8).join(' ')}` : ''}` +
      `${c.falseErrors.length ? ` FALSE ${c.falseErrors.map((e) => e.rule).join(' ')}` : ''}` +
      `${c.otherErrors.length ? ` errors ${c.otherErrors.map((e) => e.rule).join(' ')}` : ''}` +
      `${c.meta.agency ? '' : ' agency?'}${c.meta.year ? '' : ' year?'}\n`);
  }
}
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
console.log('| form | files | values right (of the source\'s) | values in a wrong field | false arithmetic errors | other new errors | agency read | year read |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [form, a] of byForm) {
  console.log(`| ${FORM_NAMES[form]} | ${a.files} | ${a.right} / ${a.values} (${pct(a.right, a.values)}) | ${a.wrong} | ${a.falseErrors} | ${a.otherErrors} | ${a.agency} / ${a.files} | ${a.year} / ${a.files} |`);
}
