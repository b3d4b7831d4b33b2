// Tables 二, 三 and 四 redrawn in the template's layout from a report's fields:
// the source's values (a blank stays blank, its raw mark shown), every value
// cell carrying its provenance for the click panel, cells named by a finding lit.
import { ACTIVE_2019, ACTIVE_2021, APPS_COLUMNS, APPS_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, type ActiveRow } from '../template.js';
import type { Finding, Report, ValueProv } from '../types.js';
import { html, type Html } from './html.js';

export const COLUMN_LABELS: Record<string, string> = {
  new_made: '本年新制作数量', new_published: '本年新公开数量', total_published: '对外公开总数量',
  prev_items: '上一年项目数量', change: '本年增/减', decisions: '处理决定数量', items: '采购项目数量', amount_yuan: '采购总金额（元）',
  issued: '本年制发件数', repealed: '本年废止件数', in_force: '现行有效件数', amount_10k_yuan: '本年收费金额（万元）',
};
const ROW_LABELS: Record<string, string> = {
  'active.regulations': '规章', 'active.normative': '规范性文件', 'active.other_docs': '其他主动公开文件', 'active.licensing': '行政许可',
  'active.other_services': '其他对外管理服务事项', 'active.penalty': '行政处罚', 'active.coercion': '行政强制', 'active.fees': '行政事业性收费', 'active.procurement': '政府集中采购',
};
const GROUP_LABELS: Record<string, string> = { review: '行政复议', litigation_direct: '未经复议直接起诉', litigation_after_review: '复议后起诉' };

export interface CellMarks {
  /** Findings (errors and warnings) by the field ids they name. */
  lit: Map<string, Finding[]>;
  /** Corrected fields: the value extracted before the correction. */
  corrected: Map<string, number | null>;
  /** Extra classes and notes per field (year against year). */
  extra?: Map<string, { cls: string; note: Html | string }>;
}

export function marksOf(findings: Finding[], corrected: Map<string, number | null> = new Map()): CellMarks {
  const lit = new Map<string, Finding[]>();
  for (const f of findings) if (f.severity !== 'info') for (const id of f.fields) lit.set(id, [...(lit.get(id) ?? []), f]);
  return { lit, corrected };
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
const isTotal = (f: Finding, id: string) => f.place?.table !== undefined && f.fields[f.fields.length - 1] === id;

/** One value cell. A null keeps the source's own mark ("/", "—", blank); the number is what the report printed. */
function valueCell(r: Report, id: string, m: CellMarks): Html {
  if (!(id in r.fields)) return html`<td class="na muted" title="${id}: 不在此版本 not in this template version"></td>`;
  const v = r.fields[id];
  const p = r.provenance[id] as (ValueProv & { kind?: string }) | undefined;
  const fs = m.lit.get(id) ?? [];
  const cls = ['v', fs.length ? 'lit' : '', fs.length && fs.every((f) => f.severity === 'warning') ? 'warn' : '', m.corrected.has(id) ? 'corrected' : '', m.extra?.get(id)?.cls ?? ''].filter(Boolean).join(' ');
  const shown = v === null ? (p?.raw ?? '') : fmt(v);
  // The note sits on the cell whose value a rule compares (the total), listing rule, expected and actual.
  const notes = fs.filter((f) => f.expected !== undefined || f.actual !== undefined).filter((f) => isTotal(f, id) || f.fields.length <= 2 || f.fields[f.fields.length - 1] === id);
  return html`<td class="${cls}" tabindex="0" data-field="${id}" data-raw="${p?.raw ?? ''}" data-page="${p?.page ?? ''}" data-table="${p?.table ?? ''}" data-row="${p?.row ?? ''}" data-col="${p?.col ?? ''}" data-bbox="${p?.bbox?.map((n) => Math.round(n * 10) / 10).join(' ') ?? ''}" title="${id}${fs.length ? ' — ' + fs.map((f) => f.rule).join(', ') : ''}"><span class="val">${shown}</span>${m.corrected.has(id) ? html`<span class="was" title="提取值 extracted">${fmt(m.corrected.get(id)) || '空 blank'}</span>` : ''}${notes.map((f) => html`<span class="note" data-rule="${f.rule}">${f.rule}: 应为 expected ${fmt(f.expected as number)} · 实为 actual ${fmt(f.actual as number)}</span>`)}${m.extra?.get(id)?.note ?? ''}</td>`;
}

function activeVersionOf(r: Report): ActiveRow[] {
  const ids = Object.keys(r.fields);
  const score = (rows: ActiveRow[]) => rows.reduce((s, row) => s + row.columns.filter((c) => ids.includes(`${row.prefix}.${c}`)).length, 0);
  return score(ACTIVE_2021) > score(ACTIVE_2019) ? ACTIVE_2021 : ACTIVE_2019;
}

function activeTable(r: Report, m: CellMarks): Html {
  const rows = activeVersionOf(r).filter((row) => row.columns.some((c) => `${row.prefix}.${c}` in r.fields));
  // Consecutive rows with the same columns form one block under one header, as the template prints them.
  const blocks: ActiveRow[][] = [];
  for (const row of rows) {
    const last = blocks[blocks.length - 1];
    if (last && last[0]!.columns.join() === row.columns.join()) last.push(row);
    else blocks.push([row]);
  }
  const width = Math.max(1, ...rows.map((r) => r.columns.length));
  return html`<table class="tpl" id="table-active"><caption>二、主动公开政府信息情况</caption><tbody>${blocks.map(
    (b) => html`<tr><th>信息内容</th>${b[0]!.columns.map((c) => html`<th>${COLUMN_LABELS[c] ?? c}</th>`)}${b[0]!.columns.length < width ? html`<th colspan="${width - b[0]!.columns.length}"></th>` : ''}</tr>${b.map(
      (row) => html`<tr><th class="rl">${ROW_LABELS[row.prefix] ?? row.prefix}</th>${row.columns.map((c) => valueCell(r, `${row.prefix}.${c}`, m))}${row.columns.length < width ? html`<td colspan="${width - row.columns.length}"></td>` : ''}</tr>`,
    )}`,
  )}</tbody></table>`;
}

function appsTable(r: Report, m: CellMarks): Html {
  const rows = APPS_ROWS.filter((row) => APPS_COLUMNS.some((c) => `apps.${row.id}.${c.id}` in r.fields));
  return html`<table class="tpl" id="table-apps"><caption>三、收到和处理政府信息公开申请情况</caption>
<thead><tr><th rowspan="3" colspan="2" title="本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和">（第一项加第二项之和，等于第三项加第四项之和）</th><th colspan="7">申请人情况</th></tr>
<tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr>
<tr>${APPS_COLUMNS.slice(1, 6).map((c) => html`<th>${c.label}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr><th class="grp">${row.group ?? ''}</th><th class="rl">${row.label}</th>${APPS_COLUMNS.map((c) => valueCell(r, `apps.${row.id}.${c.id}`, m))}</tr>`)}</tbody></table>`;
}

function reviewTable(r: Report, m: CellMarks): Html {
  return html`<table class="tpl" id="table-review"><caption>四、政府信息公开行政复议、行政诉讼情况</caption>
<thead><tr><th colspan="5" rowspan="2">行政复议</th><th colspan="10">行政诉讼</th></tr>
<tr><th colspan="5">${GROUP_LABELS.litigation_direct}</th><th colspan="5">${GROUP_LABELS.litigation_after_review}</th></tr>
<tr>${REVIEW_GROUPS.map(() => REVIEW_COLUMNS.map((c) => html`<th>${c.label}</th>`))}</tr></thead>
<tbody><tr>${REVIEW_GROUPS.map((g) => REVIEW_COLUMNS.map((c) => valueCell(r, `${g}.${c.id}`, m)))}</tr></tbody></table>`;
}

export function templateTables(r: Report, m: CellMarks): Html {
  return html`${r.tables_found.active ? activeTable(r, m) : html`<p class="muted">未找到表二 table 二 not found</p>`}
${r.tables_found.apps ? appsTable(r, m) : html`<p class="muted">未找到表三 table 三 not found</p>`}
${r.tables_found.review ? reviewTable(r, m) : html`<p class="muted">未找到表四 table 四 not found</p>`}`;
}

/** Human label of a field id, for lists and the correction form. */
export function fieldLabel(id: string): string {
  const parts = id.split('.');
  if (parts[0] === 'apps') {
    const col = APPS_COLUMNS.find((c) => c.id === parts[parts.length - 1]);
    const row = APPS_ROWS.find((x) => `apps.${x.id}.${col?.id}` === id);
    return `表三 ${row?.group ? row.group + ' › ' : ''}${row?.label ?? ''} › ${col?.label ?? ''}`;
  }
  if (parts[0] === 'active') return `表二 ${ROW_LABELS[`active.${parts[1]}`] ?? parts[1]} › ${COLUMN_LABELS[parts[2]!] ?? parts[2]}`;
  const g = GROUP_LABELS[parts[0]!];
  if (g) return `表四 ${g} › ${REVIEW_COLUMNS.find((c) => c.id === parts[1])?.label ?? parts[1]}`;
  return id;
}
