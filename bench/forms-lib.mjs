// The forms of fixtures/forms (issue 10) against their sources: shared by
// bench/forms.mjs (the table of BENCHMARKS.md) and fixtures/forms/expect.mjs.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

export const FORMS = ['chromium', 'layout', 'raw', 'w3m', 'lynx', 'pandoc'];
export const FORM_NAMES = {
  chromium: 'browser-printed PDF (headless Chromium)',
  layout: '`pdftotext -layout`',
  raw: '`pdftotext` reading order',
  w3m: '`w3m -dump` (box-drawn tables)',
  lynx: '`lynx -dump`',
  pandoc: '`pandoc -t plain` (ASCII grids)',
};
// Arithmetic rules: an error of one of these that the source does not have is a false accusation.
export const ARITHMETIC = /^(apps\.|review\.|litigation_direct\.|litigation_after_review\.)/;

/** Every form file with the source it was made from. */
export function listForms(fixtures) {
  const out = [];
  for (const form of FORMS) {
    const dir = join(fixtures, 'forms', form);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith('.expected.json')) continue;
      const name = basename(file).replace(/\.(txt|pdf)$/, '');
      let source;
      if (form === 'layout' || form === 'raw') {
        source = name.startsWith('chromium-')
          ? join(fixtures, 'html', `${name.slice('chromium-'.length)}.html`)
          : [join(fixtures, 'pdf', `${name}.pdf`), join(fixtures, 'pdf', 'real', `${name}.pdf`)].find(existsSync);
      } else source = join(fixtures, 'html', `${name}.html`);
      out.push({ form, name, path: join(dir, file), source, expectedPath: join(dir, `${name}.expected.json`) });
    }
  }
  return out;
}

const key = (f) => `${f.rule} ${[...f.fields].sort().join(',')}`;

/** Compares a form's report with its source's: values right, lost, in a wrong field; errors the source does not have. */
export function compare(formReport, sourceReport) {
  const src = sourceReport.fields;
  const got = formReport.fields;
  let values = 0;
  let right = 0;
  const wrong = [];
  const lost = [];
  for (const [id, v] of Object.entries(src)) {
    if (v === null) continue;
    values++;
    if (got[id] === v) right++;
    else if (got[id] === null || got[id] === undefined) lost.push(id);
  }
  for (const [id, v] of Object.entries(got)) if (v !== null && src[id] !== v) wrong.push({ id, form: v, source: src[id] ?? null });
  const srcErrors = new Map();
  for (const f of sourceReport.findings) if (f.severity === 'error') srcErrors.set(key(f), (srcErrors.get(key(f)) ?? 0) + 1);
  const falseErrors = [];
  const otherErrors = [];
  for (const f of formReport.findings) {
    if (f.severity !== 'error') continue;
    const k = key(f);
    if (srcErrors.get(k)) srcErrors.set(k, srcErrors.get(k) - 1);
    else (ARITHMETIC.test(f.rule) ? falseErrors : otherErrors).push(f);
  }
  const meta = { agency: formReport.meta.agency === sourceReport.meta.agency, year: formReport.meta.year === sourceReport.meta.year };
  return { values, right, wrong, lost, falseErrors, otherErrors, meta };
}
