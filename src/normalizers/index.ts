// Raw tables → canonical fields with provenance. Rows are read in document
// order whatever tables they sit in (reports split table 二 into blocks and
// PDFs break table 三 across pages), and each row is matched by its label.
import { finding } from '../result.js';
import type { Finding, RawCell, RawDocument, ReportMeta, Result, TemplateVersion, ValueProv } from '../types.js';
import { activeHeaderVotes, activeRow, activeTemplateRow } from './active.js';
import { matchAppsRow } from './apps.js';
import { logicalRows, type LogicalRow } from './grid.js';
import { reportAgency, reportTitle, reportYear } from './meta.js';
import { decideShape, scan } from './scan.js';
import { parseNumber, unitOf } from './numbers.js';
import { placeCounted } from './placement.js';
import { placeByArithmetic } from './placement-arith.js';
import { placeColumns } from './placement-columns.js';
import { placeSingleRows } from './placement-single.js';
import { countedInHeaderOrder, reviewFieldAt } from './review.js';
import { withIdeographs } from './radicals.js';
import { isValueLike, labelKeys } from './row-parts.js';
import { APPS_COLUMNS, APPS_HEADER_WORDS, COUNT_IN_WORDS, APPS_ROWS, fieldIds, type ActiveRow, type FieldSetShape } from '../template.js';

export interface CellProvenance extends ValueProv {
  /** How the cell text parsed: a number, a "not reported" mark, or text that is no number. */
  kind: 'number' | 'blank' | 'invalid';
}

export interface Normalized {
  meta: ReportMeta;
  shape: FieldSetShape;
  fields: Record<string, number | null>;
  provenance: Record<string, CellProvenance>;
  tablesFound: { active: boolean; apps: boolean; review: boolean };
  /** The report's narrative text (for checks that compare it with the tables). */
  narrative: string;
}

function provOf(cell: RawCell, kind: CellProvenance['kind']): CellProvenance {
  const { table, row, col, page, bbox, line, paragraph } = cell.prov;
  const p: CellProvenance = { raw: cell.text, kind, table, row, col };
  if (page !== undefined) p.page = page;
  if (bbox) p.bbox = bbox;
  if (line !== undefined) p.line = line;
  if (paragraph !== undefined) p.paragraph = paragraph;
  if (cell.prov.ocr) {
    p.ocr = true;
    if (cell.prov.confidence !== undefined) p.confidence = cell.prov.confidence;
  }
  if (cell.prov.inferred) p.inferred = true;
  return p;
}

function placeOf(row: LogicalRow, cell?: RawCell) {
  const c = cell ?? row.cells[0]!;
  return { table: row.table, row: row.row, ...(c.prov.page ? { page: c.prov.page } : {}), ...(c.prov.line ? { line: c.prov.line } : {}) };
}

/** Values whose places are unknown (blank cells dropped by the source) stay null, with a finding. */
function unplaced(ids: string[], row: LogicalRow, cells: RawCell[], what: string): Finding {
  return finding('value.unplaced', 'warning', `${what}: ${cells.length} value(s) for ${ids.length} columns (${cells.map((c) => JSON.stringify(c.text)).join(' ')}); the source dropped blank cells, so which column each number belongs to is unknown. Left null.`, {
    fields: ids,
    expected: ids.length,
    actual: cells.length,
    place: placeOf(row, cells[0]),
  });
}

/** Picks the cells for `k` columns from a row's value cells: extras must be blank. */
function fitValues(values: RawCell[], k: number): RawCell[] | undefined {
  if (values.length === k) return values;
  if (values.length > k) {
    // A grid drawn without its spans (pandoc) pads a spanning cell with empty ones: when exactly the extra
    // slots are empty, they are that padding (a blank value would leave one empty cell more).
    const empty = values.filter((c) => c.text.trim() === '');
    if (empty.length === values.length - k) return values.filter((c) => c.text.trim() !== '');
    if (values.slice(k).every((c) => parseNumber(c.text).kind === 'blank')) return values.slice(0, k);
    const filled = values.filter((c) => parseNumber(c.text).kind !== 'blank');
    if (k === 1 && filled.length === 1) return filled;
  }
  return undefined;
}

/**
 * A row rebuilt by a text reader from cells on several lines (no grid, no spans): its labels and
 * numbers were put together by their order, so it is held to the rules of counted rows.
 */
function streamed(row: LogicalRow): boolean {
  if (row.cells.some((c) => c.rowSpan > 1 || c.colSpan > 1 || c.prov.line === undefined)) return false;
  return new Set(row.cells.map((c) => c.prov.line)).size > 1;
}

// Field ids per template row, built once: a report looks up hundreds, and a string built
// afresh is hashed afresh at each lookup.
const APPS_IDS = new Map(APPS_ROWS.map((t) => [t.id, APPS_COLUMNS.map((c) => `apps.${t.id}.${c.id}`)]));
const ACTIVE_IDS = new Map<ActiveRow, string[]>();
const activeIds = (t: ActiveRow): string[] => ACTIVE_IDS.get(t) ?? ACTIVE_IDS.set(t, t.columns.map((c) => `${t.prefix}.${c}`)).get(t)!;
const REVIEW_IDS = Array.from({ length: 15 }, (_, i) => reviewFieldAt(i));

export function normalize(input: RawDocument): Result<Normalized> {
  const raw = withIdeographs(input);
  const findings: Finding[] = [];
  const read = logicalRows(raw.tables);
  const votes = activeHeaderVotes(read);
  // Numbers counted off a stream whose tables print them before their labels are re-paired first (placement.ts).
  // In reading-order text, tables 三 and 四 are read by their arithmetic first (placement-arith.ts), then
  // table 二's blocks given column by column or holding one row (placement-columns.ts, placement-single.ts).
  const readingOrder = new Set(raw.tables.filter((t) => t.readingOrder).map((t) => t.index));
  const activeVersion = votes['2019'] === votes['2021'] ? undefined : votes['2019'] > votes['2021'] ? '2019' : '2021';
  const arith = placeByArithmetic(read, readingOrder);
  findings.push(...arith.findings);
  const columns = placeColumns(arith.rows, readingOrder, activeVersion, arith.placed);
  const single = placeSingleRows(columns.rows, readingOrder, activeVersion, new Set([...arith.placed, ...columns.placed]));
  const placement = placeCounted(single.rows, activeVersion, new Set([...arith.placed, ...columns.placed, ...single.placed]));
  findings.push(...placement.findings);
  const rows = placement.rows;
  const s = scan(rows);
  const shape = decideShape(s, votes);
  const ids = fieldIds(shape);
  const fields: Record<string, number | null> = Object.fromEntries(ids.map((id) => [id, null]));
  const provenance: Record<string, CellProvenance> = {};
  const assign = (id: string, cell: RawCell) => {
    if (!(id in fields)) return;
    const parsed = parseNumber(cell.text, unitOf(id));
    fields[id] = parsed.value;
    provenance[id] = provOf(cell, parsed.kind);
  };

  const appsIds = (id: string) => APPS_IDS.get(id)!;
  const matched = new Set(s.apps.map((m) => m.template.id));
  // Rows filled from a run of numbers after an earlier label: their own labels, met later, own no numbers.
  const filled = new Set<string>();
  s.apps.forEach((m, k) => {
    const rowIds = appsIds(m.template.id);
    if (!(rowIds[0]! in fields)) return;
    // Numbers counted off a stream are placed only when the count leaves no doubt: seven for this row,
    // and any more only when they fill exactly the template rows that stand, all unlabelled, between this
    // row and the next label found (labels of merged cells that reading order moved elsewhere).
    const counted = m.values.some((c) => c.prov.inferred);
    const full = m.values.length === APPS_COLUMNS.length;
    if (counted && m.excess.length) {
      const from = APPS_ROWS.indexOf(m.template);
      const next = s.apps[k + 1];
      const to = next ? APPS_ROWS.indexOf(next.template) : APPS_ROWS.length;
      const between = to > from ? APPS_ROWS.slice(from + 1, to).filter((t) => `apps.${t.id}.natural` in fields) : [];
      // A row found elsewhere among them leaves a hole the count skips: numbers adding up around it prove nothing.
      if (full && between.every((t) => !matched.has(t.id)) && between.length * APPS_COLUMNS.length === m.excess.length) {
        m.values.forEach((cell, i) => assign(rowIds[i]!, cell));
        between.forEach((t, j) => appsIds(t.id).forEach((id, i) => assign(id, m.excess[j * APPS_COLUMNS.length + i]!)));
        for (const t of between) filled.add(t.id);
        return;
      }
      findings.push(unplaced(rowIds, m.row, [...m.values, ...m.excess], `Table 三 row "${m.labels.map((c) => c.text).join(' ')}" (numbers counted in running text, more than its row holds)`));
      return;
    }
    // Counted cells must all be numbers or blanks, and only one label of the stream may name a row:
    // labels running together ("7.属于行政执法案卷 8.属于行政查询事项" then numbers) leave the owner in doubt.
    // Labels of rows already filled from an earlier run are no rivals: their numbers stood there.
    const rivalRow = (c: RawCell) => {
      const keys = labelKeys([c]);
      if (APPS_HEADER_WORDS.has(keys.last)) return false;
      const match = matchAppsRow(keys);
      return match?.score === 1 && !filled.has(match.template.id);
    };
    // A row of layout text whose numbers stand on one line beside one label that names a row by itself: the
    // labels on the lines above are rows left blank, each on its own line, not rivals for these numbers.
    const line = m.values[0]?.prov.line;
    const own = !counted && m.values.every((c) => c.prov.line === line) && m.labels.filter((c) => c.prov.line === line).length === 1 && m.labels[m.labels.length - 1]!.prov.line === line;
    const named = own && matchAppsRow(labelKeys([m.labels[m.labels.length - 1]!]))?.template === m.template;
    const doubtful = (counted || streamed(m.row)) && (!m.values.every((c) => isValueLike(c) || COUNT_IN_WORDS.test(c.text.trim())) || (m.labels.filter(rivalRow).length > 1 && !named));
    if (full && !doubtful) m.values.forEach((cell, i) => assign(rowIds[i]!, cell));
    else if (doubtful) findings.push(unplaced(rowIds, m.row, m.values, `Table 三 row "${m.labels.map((c) => c.text).join(' ')}" (numbers counted in running text after several row labels)`));
    else findings.push(unplaced(rowIds, m.row, m.values, `Table 三 row "${m.labels.map((c) => c.text).join(' ')}"`));
    if (m.excess.length) {
      const label = m.labels.map((c) => c.text).join(' ');
      findings.push(
        finding('value.unplaced', 'warning', `Table 三 row "${label}": ${m.excess.length} more number(s) follow its seven (${m.excess.map((c) => JSON.stringify(c.text)).join(' ')}); they belong to rows whose labels stand elsewhere in the text, so they were not used.`, {
          actual: m.excess.length,
          place: placeOf(m.row, m.excess[0]),
        }),
      );
    }
  });
  for (const a of s.active) {
    const t = activeTemplateRow(shape.active, a.prefix);
    if (!t) {
      findings.push(finding('label.unmapped', 'warning', `Row "${a.label.text}" of table 二 has no field in the ${shape.active} template.`, { place: placeOf(a.row, a.label) }));
      continue;
    }
    const rowIds = activeIds(t);
    // A counted row is placed only when one row label stands before numbers alone (row labels running together leave the owner in doubt).
    const loose = a.values.some((c) => c.prov.inferred);
    const labels = a.row.cells.filter((c) => !a.values.includes(c) && c.text.trim() !== '');
    const named = labels.filter((c) => activeRow({ ...a.row, cells: [c, ...a.values] })).length;
    const cells = !loose || (named <= 1 && a.values.every(isValueLike)) ? fitValues(a.values, rowIds.length) : undefined;
    if (cells) cells.forEach((cell, i) => assign(rowIds[i]!, cell));
    else findings.push(unplaced(rowIds, a.row, a.values, `Table 二 row "${a.label.text}"${loose ? ' (numbers counted in running text)' : ''}`));
  }
  if (s.review) {
    const reviewIds = REVIEW_IDS;
    // Table 四's numbers counted off a stream (each on a line of its own, among pieces of its header):
    // the header's pieces come out in an order of their own, so the column of each number is a guess.
    const loose = s.review.values.some((c) => c.prov.inferred);
    if (s.review.values.length === 15 && (!loose || countedInHeaderOrder(s.review.row))) s.review.values.forEach((cell, i) => assign(reviewIds[i]!, cell));
    else findings.push(unplaced(reviewIds, s.review.row, s.review.values, loose ? 'Table 四 (numbers counted in running text)' : 'Table 四'));
  }
  for (const row of s.unmapped) {
    const label = row.cells.findLast((c) => c.text.trim() !== '' && !isValueLike(c))!;
    findings.push(finding('label.unmapped', 'warning', `Row label "${label.text}" matches no row of the template; its numbers were not used.`, { actual: label.text, place: placeOf(row, label) }));
  }

  const tablesFound = { active: s.active.length > 0 || placement.activeUnplaced === true, apps: s.apps.length >= 3 || arith.appsRead || arith.appsUnplaced !== undefined, review: s.review !== undefined || arith.reviewUnplaced !== undefined };
  if (s.apps.length < 3 && arith.appsUnplaced) findings.push(arith.appsUnplaced);
  if (!s.review && arith.reviewUnplaced) findings.push(arith.reviewUnplaced);
  const title = reportTitle(raw);
  // A table whose cells were cut away still shows its version in its header labels.
  const format_version: TemplateVersion = tablesFound.active || votes['2019'] !== votes['2021'] ? shape.active : tablesFound.apps ? shape.apps : 'unknown';
  const meta: ReportMeta = { agency: reportAgency(title, raw.text), year: reportYear(title, raw.text), title, format_version };
  return { value: { meta, shape, fields, provenance, tablesFound, narrative: raw.text }, findings };
}
