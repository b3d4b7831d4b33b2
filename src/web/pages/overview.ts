// 概览 Overview: agencies × years coloured by state, counts per rule, filters, and the CSV of what is shown.
import { html, qs, type Html } from '../html.js';
import { page } from '../layout.js';
import { STATES, type CellState, type Overview, type OverviewFilter } from '../overview-data.js';

const STATE_LABEL: Record<CellState, string> = {
  ok: '通过 ok',
  errors: '有错误 errors',
  partial: '不完整 partial',
  failed: '失败 failed',
  missing: '无报告 no report',
};

function filterQuery(f: OverviewFilter): Record<string, string | number | undefined> {
  return { region: f.region, year: f.year, rule: f.rule, status: f.status };
}

function cellHtml(c: Overview['rows'][number]['cells'][number]): Html {
  const label = STATE_LABEL[c.state];
  if (!c.sha256) return html`<td class="cell st-${c.state}" title="${label}">—</td>`;
  const text = c.state === 'errors' ? `${c.errors} 错 err` : c.state === 'ok' ? '✓' : label;
  return html`<td class="cell st-${c.state}" data-state="${c.state}" title="${label}; ${c.errors} errors, ${c.warnings} warnings${c.documents > 1 ? `; ${c.documents} documents` : ''}"><a href="/report/${c.sha256}">${text}${c.corrected ? ' ✎' : ''}</a></td>`;
}

export function overviewPage(o: Overview, f: OverviewFilter, readOnly: boolean): Html {
  const q = filterQuery(f);
  const pages = Math.max(1, Math.ceil(o.total / o.pageSize));
  const current = f.page ?? 1;
  const body = html`<h1>概览 Overview <span class="muted">— ${o.total} 机构 agencies</span></h1>
<form class="filters" method="get" action="/">
  <label>地区 Region<select name="region"><option value="">全部 all</option>${o.regions.map((r) => html`<option value="${r.code}"${r.code === f.region ? html` selected` : ''}>${r.name} ${r.code}</option>`)}</select></label>
  <label>年度 Year<select name="year"><option value="">全部 all</option>${[...new Set([...o.years, ...(f.year ? [f.year] : [])])].map((y) => html`<option${y === f.year ? html` selected` : ''}>${y}</option>`)}</select></label>
  <label>规则 Rule<select name="rule"><option value="">全部 all</option>${o.rules.map((r) => html`<option${r === f.rule ? html` selected` : ''}>${r}</option>`)}</select></label>
  <label>状态 Status<select name="status"><option value="">全部 all</option>${STATES.map((s) => html`<option value="${s}"${s === f.status ? html` selected` : ''}>${STATE_LABEL[s]}</option>`)}</select></label>
  <button type="submit">筛选 Filter</button>
  <a id="csv" href="/overview.csv${qs({ ...q, page: f.page })}">下载所示 CSV of what is shown</a>
</form>
<p class="legend">${STATES.map((s) => html`<span class="st-${s}">${STATE_LABEL[s]}</span>`)}<span>✎ 已更正 corrected</span></p>
<div class="cols"><div>
<table class="matrix" id="matrix"><thead><tr><th>机构 Agency</th><th>地区 Region</th><th>错误 Errors</th>${o.years.map((y) => html`<th>${y}</th>`)}</tr></thead>
<tbody>${o.rows.map(
    (r) => html`<tr data-agency="${r.agency}"><td>${r.agency}</td><td>${r.region_name} <span class="muted">${r.region_code ?? ''}</span></td><td class="num">${r.errors}</td>${r.cells.filter((c) => !Number.isNaN(c.year)).map(cellHtml)}${r.cells.some((c) => Number.isNaN(c.year)) ? html`<td class="muted">年度未识别 year not read: ${r.cells.filter((c) => Number.isNaN(c.year)).map(cellHtml)}</td>` : ''}</tr>`,
  )}</tbody></table>
<p class="pager">${pages > 1 ? Array.from({ length: pages }, (_, i) => i + 1).map((p) => (p === current ? html`<b>${p}</b> ` : html`<a href="/${qs({ ...q, page: p })}">${p}</a> `)) : ''}</p>
</div><div>
<h2>各规则计数 Findings per rule <span class="muted">(errors + warnings)</span></h2>
<table id="rules"><thead><tr><th>规则 Rule</th><th>数量 Count</th></tr></thead><tbody>${o.ruleCounts.map((r) => html`<tr><td><a href="/${qs({ ...q, rule: r.rule, page: undefined })}">${r.rule}</a></td><td class="num">${r.n}</td></tr>`)}</tbody></table>
</div></div>`;
  return page('概览 Overview', body, { nav: 'overview', readOnly });
}

export const OVERVIEW_CSV_COLUMNS = ['agency', 'agency_key', 'region_code', 'region', 'year', 'state', 'errors', 'warnings', 'documents', 'corrected', 'sha256'];

/** The rows of the CSV: one per cell shown, in the order shown. */
export function overviewCsvRows(o: Overview): Array<Array<string | number | null>> {
  return o.rows.flatMap((r) =>
    r.cells.map((c) => [r.agency, r.key.startsWith('sha:') ? null : r.key, r.region_code, r.region_name, Number.isNaN(c.year) ? null : c.year, c.state, c.errors, c.warnings, c.documents, c.corrected ? 'yes' : 'no', c.sha256 ?? null]),
  );
}
