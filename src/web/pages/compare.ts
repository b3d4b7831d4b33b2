// 年度对比 Year against year: one agency's two reports side by side, changed
// values with their difference, the carried-over cells compared
// (cross_year.carry), and the narratives sentence by sentence.
import { carryComparisons } from '../../store/cross-year.js';
import type { Report } from '../../types.js';
import { html, type Html } from '../html.js';
import { page } from '../layout.js';
import type { SentenceDiff } from '../sentences.js';
import { fieldLabel, marksOf, templateTables, type CellMarks } from '../template-tables.js';

export interface CompareView {
  a: Report;
  b: Report;
  /** null when a source file could not be read again. */
  narrative: SentenceDiff[] | null;
}

const yearOf = (r: Report) => r.meta.year ?? '?';

function diffNote(d: number): Html {
  return html`<span class="note ${d > 0 ? 'diff-up' : 'diff-down'}" data-diff="${d}">Δ ${d > 0 ? '+' : ''}${Math.round(d * 1e6) / 1e6}</span>`;
}

export function comparePage(v: CompareView, readOnly: boolean): Html {
  const { a, b } = v;
  const doc = (r: Report) => ({ sha256: r.source.sha256, path: r.source.path, agencyKey: '', year: Number(r.meta.year), fields: r.fields });
  const carry = carryComparisons(doc(a), doc(b));
  const changed = Object.keys(b.fields).filter((id) => id in a.fields && a.fields[id] !== null && b.fields[id] !== null && a.fields[id] !== b.fields[id]);
  const ma: CellMarks = { ...marksOf(a.findings), extra: new Map() };
  const mb: CellMarks = { ...marksOf(b.findings), extra: new Map() };
  for (const id of changed) mb.extra!.set(id, { cls: 'changed', note: diffNote(b.fields[id]! - a.fields[id]!) });
  for (const c of carry) {
    const mark = c.result === 'equal' ? '=' : c.result === 'differ' ? '≠' : '?';
    const cls = `carry carry-${c.result}`;
    ma.extra!.set(`apps.carried_out.${c.column}`, { cls, note: html`<span class="note" data-carry="${c.result}">→ ${yearOf(b)} 上年结转 ${c.carriedIn ?? '空'} ${mark}</span>` });
    const prevNote = mb.extra!.get(`apps.carried_in.${c.column}`)?.note ?? '';
    mb.extra!.set(`apps.carried_in.${c.column}`, { cls: `${cls}${changed.includes(`apps.carried_in.${c.column}`) ? ' changed' : ''}`, note: html`${prevNote}<span class="note" data-carry="${c.result}">← ${yearOf(a)} 结转下年度 ${c.carriedOut ?? '空'} ${mark}</span>` });
  }
  const body = html`<div id="prov"></div><h1>年度对比 Year against year: ${b.meta.agency ?? a.meta.agency ?? ''} ${yearOf(a)} ↔ ${yearOf(b)}</h1>
<p><a href="/report/${a.source.sha256}">${yearOf(a)}: ${a.meta.title ?? a.source.path}</a> · <a href="/report/${b.source.sha256}">${yearOf(b)}: ${b.meta.title ?? b.source.path}</a></p>
<h2>结转核对 Carried over (cross_year.carry): ${yearOf(b)} 上年结转 = ${yearOf(a)} 结转下年度继续办理</h2>
<table id="carry"><thead><tr><th>列 Column</th><th>${yearOf(a)} 结转下年度</th><th>${yearOf(b)} 上年结转</th><th>结果 Result</th></tr></thead>
<tbody>${carry.map((c) => html`<tr class="carry-${c.result}" data-column="${c.column}"><td>${c.label}</td><td class="num">${c.carriedOut ?? ''}</td><td class="num">${c.carriedIn ?? ''}</td><td>${c.result === 'equal' ? '一致 equal' : c.result === 'differ' ? '不一致 differ' : '未比较 not compared (blank)'}</td></tr>`)}</tbody></table>
<h2>变化的数值 Changed values (${changed.length})</h2>
<table id="changes"><thead><tr><th>字段 Field</th><th>${yearOf(a)}</th><th>${yearOf(b)}</th><th>差 Δ</th></tr></thead>
<tbody>${changed.map((id) => html`<tr class="changed" data-field="${id}"><td><code>${id}</code> ${fieldLabel(id)}</td><td class="num">${a.fields[id]}</td><td class="num">${b.fields[id]}</td><td class="num">${diffNote(b.fields[id]! - a.fields[id]!)}</td></tr>`)}</tbody></table>
<div class="cols"><div><h2>${yearOf(a)}</h2>${templateTables(a, ma)}</div><div><h2>${yearOf(b)}</h2>${templateTables(b, mb)}</div></div>
<h2>叙述对比 Narrative, sentence by sentence</h2>
${v.narrative === null ? html`<p class="muted">源文件不可用 A source file is no longer at its stored path (or changed): the narrative cannot be compared.</p>` : html`<p class="legend"><span class="sent-add">新增 added in ${yearOf(b)}</span><span class="sent-chg">数字变化 numbers changed</span><span class="sent-del">删去 removed</span></p>
<ol id="narrative">${v.narrative.filter((s) => s.kind !== 'same').map((s) => html`<li class="sent-${s.kind === 'added' ? 'add' : s.kind === 'removed' ? 'del' : 'chg'}" data-kind="${s.kind}">${s.text}${s.before ? html`<br><span class="muted">${yearOf(a)}: ${s.before}</span>` : ''}</li>`)}</ol>
<p class="muted">${v.narrative.filter((s) => s.kind === 'same').length} 句相同 sentences the same in both years.</p>`}`;
  return page('年度对比 Year against year', body, { readOnly });
}
