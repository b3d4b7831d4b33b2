// 更正记录 Corrections: the append-only log, newest first.
import type { Correction } from '../../corrections/apply.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';

export function correctionsPage(cs: Correction[], live: Set<string>, readOnly: boolean): Html {
  return page(
    '更正记录 Corrections',
    html`<h1>更正记录 Corrections <span class="muted">(${cs.length})</span></h1><p class="muted">只追加 Append-only: a correction is never edited or deleted; a newer one for the same field takes over.</p>
<table id="all-corrections"><thead><tr><th>时间 When</th><th>审核人 Who</th><th>机构 Agency</th><th>年度 Year</th><th>对象 Field / finding</th><th>原值 Old</th><th>新值 New</th><th>理由 Reason</th><th>文件 Document</th></tr></thead>
<tbody>${cs.map(
      (c) => html`<tr><td>${c.created_at}</td><td>${c.author}</td><td>${c.agency_key ?? ''}</td><td>${c.year ?? ''}</td><td>${c.kind === 'value' ? html`<code>${c.field}</code>` : html`驳回 dismiss <code>${c.rule}</code>`}</td><td class="num">${c.kind === 'value' ? (c.old_value ?? '空') : ''}</td><td class="num">${c.kind === 'value' ? (c.new_value ?? '空') : ''}</td><td>${c.reason}</td><td>${live.has(c.sha256) ? html`<a href="/report/${c.sha256}">${c.sha256.slice(0, 12)}</a>` : html`<span class="needs-look">${c.sha256.slice(0, 12)} 文件已变更 document changed — 需要复核 needs a look</span>`}</td></tr>`,
    )}</tbody></table>`,
    { nav: 'corrections', readOnly },
  );
}
