// Table 四's sums are not checked where a term is blank: a blank is not a
// zero (checks/sum.ts). On a scan that lets a misread total pass unseen:
// shanghai-2019-govpage at grey 100 dpi read 未经复议直接起诉's 总计 9 as 3
// beside 维持 8 and 尚未审结 1, with 纠正 and 其他 blank. For values read by
// OCR only, each of table 四's three sums whose total and at least one term
// were read is tried with its blank terms as 0; one that then fails is the
// reading's doubt (`ocr.uncertain` on its OCR cells, values kept), never an
// error of the report. Not table 三: many reports give only a row's 总计
// and leave its columns blank, which as 0 would fail every row.
import { CHECKS, runChecks } from '../checks/index.js';
import type { Normalized } from '../normalizers/index.js';
import { finding } from '../result.js';
import { REVIEW_GROUPS } from '../template.js';
import type { Finding } from '../types.js';
import { ARITHMETIC, placeOf } from './index.js';

const SUMS = CHECKS.filter((c) => ARITHMETIC.get(c.id) === 'review');

export function blankSums(n: Normalized): Finding[] {
  if (!Object.values(n.provenance).some((p) => p.ocr)) return [];
  const zeroed = { ...n.fields };
  const blank = new Set<string>();
  for (const g of REVIEW_GROUPS) {
    const terms = Object.keys(n.fields).filter((id) => id.startsWith(`${g}.`) && id !== `${g}.total`);
    if (n.fields[`${g}.total`] == null || !terms.some((id) => n.fields[id] != null)) continue;
    for (const id of terms) if (n.fields[id] === null && n.provenance[id]?.kind === 'blank') blank.add(id);
  }
  if (blank.size === 0) return [];
  for (const id of blank) zeroed[id] = 0;
  const out: Finding[] = [];
  for (const f of runChecks({ ...n, fields: zeroed }, SUMS)) {
    // A sum that fails without its blanks is the proof-reader's or the report's, not this one's.
    if (f.severity === 'info' || !f.fields.some((id) => blank.has(id))) continue;
    const read = f.fields.filter((id) => n.provenance[id]?.ocr && n.fields[id] !== null);
    if (read.length === 0) continue;
    const cells = read.map((id) => `${id} ${JSON.stringify(n.provenance[id]!.raw)}`).join(', ');
    out.push(finding('ocr.uncertain', 'warning', `With its blank cells as 0: ${f.message} A blank is not a zero, so this is no error of the report, but a cell read by OCR may be misread (${cells}). Check the scan.`, { fields: read, place: placeOf(n.provenance[read[0]!]!) }));
  }
  return out;
}
