// 报告 Report page: the tables as the template prints them with the source's
// values, findings lit on their cells, corrections, and the way to the source.
import type { Correction } from '../../corrections/apply.js';
import type { Finding } from '../../types.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';
import type { ReportView } from '../report-data.js';
import { fieldLabel, marksOf, templateTables } from '../template-tables.js';

/** The narrative sentence a text.mismatch finding quotes. */
function quotedSentence(f: Finding): string | undefined {
  return f.rule === 'text.mismatch' ? /Narrative "(.+?)" (?:states|says)/.exec(f.message)?.[1] : undefined;
}

const fmt = (v: unknown) => (v === null || v === undefined ? '—' : String(v));

function findingItem(f: Finding, sha: string, csrf: string | undefined): Html {
  const sentence = quotedSentence(f);
  return html`<li class="finding" data-rule="${f.rule}"><span class="sev-${f.severity}">${f.severity}</span> <code>${f.rule}</code>
${f.expected !== undefined || f.actual !== undefined ? html` · 应为 expected <b>${fmt(f.expected)}</b> · 实为 actual <b>${fmt(f.actual)}</b>` : ''}
${f.fields.length ? html` · <span class="muted">${f.fields.join(' ')}</span>` : ''}<br>${f.message}
${sentence ? html`<blockquote>“<mark>${sentence}</mark>”</blockquote>` : ''}
${csrf && f.severity !== 'info' ? html`<form class="inline dismiss" method="post" action="/report/${sha}/corrections"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="kind" value="dismiss"><input type="hidden" name="rule" value="${f.rule}"><input type="hidden" name="finding_fields" value="${f.fields.join(' ')}"><input name="reason" required placeholder="理由 reason" aria-label="驳回理由 reason to dismiss"> <button>驳回 Dismiss</button></form>` : ''}</li>`;
}

function correctionRow(c: Correction): Html {
  return html`<tr><td>${c.created_at}</td><td>${c.author}</td><td>${c.kind === 'value' ? html`<code>${c.field}</code>` : html`驳回 dismiss <code>${c.rule}</code>`}</td><td class="num">${c.kind === 'value' ? fmt(c.old_value) : ''}</td><td class="num">${c.kind === 'value' ? fmt(c.new_value) : ''}</td><td>${c.reason}</td><td class="muted">${c.sha256.slice(0, 12)}</td></tr>`;
}

function correctionTable(cs: Correction[], id: string): Html {
  return html`<table id="${id}"><thead><tr><th>时间 When</th><th>审核人 Who</th><th>对象 Field / finding</th><th>原值 Old</th><th>新值 New</th><th>理由 Reason</th><th>文件 Document</th></tr></thead><tbody>${cs.map(correctionRow)}</tbody></table>`;
}

export function reportPage(v: ReportView, opts: { csrf?: string; reviewer: string; readOnly: boolean }): Html {
  const r = v.view.report;
  const sha = v.sha256;
  const m = marksOf(r.findings, new Map([...v.view.corrected].map(([id, c]) => [id, c.extracted])));
  const shown = r.findings.filter((f) => f.severity !== 'info');
  const info = r.findings.filter((f) => f.severity === 'info');
  const region = [r.meta.region_province, r.meta.region_city, r.meta.region_county].filter(Boolean).join(' ');
  const others = v.years.filter((y) => y.sha256 !== sha);
  // A URL that gave no content has nothing to correct: the next fetch replaces it.
  const csrf = opts.readOnly || v.fetchFailedAt !== null ? undefined : opts.csrf;
  const body = html`<div id="prov"></div>
<h1 id="title">${r.meta.title ?? r.meta.agency ?? r.source.path}</h1>
<p class="meta">机构 Agency: <b id="agency">${r.meta.agency ?? '—'}</b> · 年度 Year: <b>${r.meta.year ?? '—'}</b> · 地区 Region: ${region || '—'} <span class="muted">${r.meta.region_code ?? ''}</span>
· 状态 Status: <b>${r.status}</b> · 模板 Template: ${r.meta.format_version} · 格式 Format: ${r.source.format}<br>
${v.fetchFailedAt === null ? html`<span class="muted">来源 Source: ${r.source.path} · sha256 ${sha}</span> · <a href="/doc/${sha}/file">原文件 source file</a>` : html`<span class="fetch-failed" id="fetch-failed">下载失败 Not fetched: ${r.source.path} · ${v.fetchFailedAt} (no content: a later fetch that succeeds replaces this report)</span>`}</p>
${others.length ? html`<p>与其他年度比较 Compare with: ${others.map((o) => html`<a class="compare" href="/compare?a=${o.year < (r.meta.year ?? 0) ? o.sha256 : sha}&amp;b=${o.year < (r.meta.year ?? 0) ? sha : o.sha256}">${o.year}</a> `)}</p>` : ''}
${v.toReview.length ? html`<div class="needs-look" id="needs-look"><b>需要复核 Needs a look:</b> ${v.toReview.length} 条更正针对本报告的旧版本 correction(s) made on an earlier version of this document; they are not applied.${correctionTable(v.toReview, 'review-corrections')}</div>` : ''}
<p class="muted">点击数值查看来源 Click a value for its provenance. ${v.view.corrected.size ? html`<span class="corrected-legend">蓝色 = 已更正 blue = corrected (${v.view.corrected.size})</span>` : ''}</p>
${templateTables(r, m)}
<h2>问题 Findings (${shown.length})</h2>
<ul class="findings" id="findings">${shown.map((f) => findingItem(f, sha, csrf))}</ul>
${v.view.dismissed.length ? html`<h2>已驳回 Dismissed (${v.view.dismissed.length})</h2><ul class="findings" id="dismissed">${v.view.dismissed.map((d) => html`<li><code>${d.finding.rule}</code> — ${d.finding.message}<br><span class="muted">${d.correction.author}, ${d.correction.created_at}: ${d.correction.reason}</span></li>`)}</ul>` : ''}
${v.view.stale.length ? html`<h2>需复核 To look at again (${v.view.stale.length})</h2><p class="muted">These findings name a corrected value and cannot be re-run from the store (the narrative or the template's shape is needed); dismiss them if the correction settles them.</p><ul class="findings">${v.view.stale.map((f) => findingItem(f, sha, csrf))}</ul>` : ''}
${csrf ? html`<h2>更正 Correct a value</h2>
<form class="corr" id="correct" method="post" action="/report/${sha}/corrections"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="kind" value="value">
<label>字段 Field<select name="field" required>${Object.keys(r.fields).map((id) => html`<option value="${id}">${id} — ${fieldLabel(id)}</option>`)}</select></label>
<label>新值 New value<input name="new_value" inputmode="decimal" placeholder="空 = blank"></label>
<label>理由 Reason<input name="reason" required size="30"></label>
<label>审核人 Reviewer<input name="author" value="${opts.reviewer}" required></label>
<button type="submit">保存更正 Save correction</button></form>` : ''}
${v.corrections.length ? html`<h2>本报告的更正 Corrections of this report</h2>${correctionTable(v.corrections, 'corrections')}` : ''}
<details><summary>信息 Info findings (${info.length})</summary><ul class="findings">${info.map((f) => findingItem(f, sha, undefined))}</ul></details>`;
  return page(r.meta.title ?? r.source.path, body, { nav: 'report', readOnly: opts.readOnly, doc: { sha, format: r.source.format } });
}
