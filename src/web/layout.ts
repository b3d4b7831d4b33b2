// The page shell: one stylesheet and one script, both served by the app
// itself (no CDN, works offline). Labels in Chinese and English.
import { html, type Html } from './html.js';

export function page(title: string, body: Html, opts: { nav?: 'overview' | 'corrections' | 'report'; readOnly?: boolean; doc?: { sha: string; format: string } } = {}): Html {
  return html`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · gkreport</title><link rel="stylesheet" href="/static/app.css"><script src="/static/app.js" defer></script></head>
<body${opts.doc ? html` data-sha="${opts.doc.sha}" data-format="${opts.doc.format}"` : ''}><header><a class="brand" href="/">gkreport</a>
<nav><a href="/"${opts.nav === 'overview' ? html` class="here"` : ''}>概览 Overview</a> <a href="/corrections"${opts.nav === 'corrections' ? html` class="here"` : ''}>更正记录 Corrections</a></nav>
${opts.readOnly ? html`<span class="ro">只读 read-only</span>` : ''}</header>
<main>${body}</main></body></html>`;
}

export const CSS = `
*{box-sizing:border-box}body{font:14px/1.45 "Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{display:flex;gap:1.5em;align-items:center;padding:.5em 1em;background:#1d2b3a;color:#fff}header a{color:#cfe0f5;text-decoration:none}header a.here{color:#fff;font-weight:bold}
.brand{font-weight:bold;color:#fff!important}.ro{margin-left:auto;background:#8a6d00;padding:0 .5em;border-radius:3px}
main{padding:1em 1.5em}h1{font-size:1.3em;margin:.2em 0 .6em}h2{font-size:1.1em;margin:1.2em 0 .4em}
table{border-collapse:collapse;background:#fff}th,td{border:1px solid #c9ced6;padding:2px 6px;vertical-align:top}th{background:#eef1f5;font-weight:600}
td.num,td.v{text-align:right;font-variant-numeric:tabular-nums;min-width:3.2em}
td.v{cursor:pointer}td.v:focus{outline:2px solid #2a6fdb}
.st-ok{background:#d8f0d8}.st-errors{background:#f6c9c4}.st-partial{background:#fbe7b5}.st-failed{background:#c9c9c9}.st-missing{background:#fff;color:#999}
.matrix td.cell{text-align:center;min-width:5.5em}.matrix td.cell a{color:inherit;display:block}
.legend span{display:inline-block;padding:0 .6em;margin-right:.4em;border:1px solid #c9ced6}
form.filters{display:flex;flex-wrap:wrap;gap:.8em;align-items:end;margin-bottom:1em}form.filters label{display:flex;flex-direction:column;font-size:.9em}
td.lit{background:#ffd9d2;box-shadow:inset 0 0 0 2px #d3412c}td.lit.warn{background:#fff0c2;box-shadow:inset 0 0 0 2px #c89400}
td.corrected{background:#dcebff}td.corrected .was{display:block;font-size:.8em;color:#666;text-decoration:line-through}
.note{display:block;font-size:.75em;color:#8c1c0c;text-align:left;white-space:nowrap}
.findings li{margin:.3em 0}.sev-error{color:#a3200c;font-weight:bold}.sev-warning{color:#8a6100;font-weight:bold}.sev-info{color:#555}
blockquote{margin:.3em 0 .3em 1em;padding:.2em .6em;border-left:3px solid #c89400;background:#fffbe8}mark{background:#ffe27a}
#prov{position:sticky;top:0;float:right;width:42%;max-height:95vh;overflow:auto;background:#fff;border:1px solid #c9ced6;padding:.6em;margin-left:1em}
#prov:empty{display:none}#prov dl{display:grid;grid-template-columns:auto 1fr;gap:0 1em;margin:.3em 0}#prov dd{margin:0;font-family:monospace}
.pagebox{position:relative;display:inline-block}.pagebox img{max-width:100%;display:block}
.pagebox .box{position:absolute;border:3px solid #e0201b;background:rgba(224,32,27,.12)}
td.src-hit{outline:3px solid #e0201b;background:#ffe3df}
.diff-up{color:#0b6b1f}.diff-down{color:#a3200c}tr.changed td{background:#fff6d6}td.carry{box-shadow:inset 0 0 0 2px #6a4bc4}
.sent-add{background:#dff5df}.sent-del{background:#fbe0dc;text-decoration:line-through}.sent-chg{background:#fff3c4}
.cols{display:flex;gap:1.5em;align-items:flex-start}.cols>div{flex:1;min-width:0;overflow-x:auto}
th.rl{text-align:left;white-space:nowrap;font-weight:normal}th.grp{white-space:nowrap;font-weight:normal;color:#555}caption{text-align:left;font-weight:bold;padding:.6em 0 .2em}
.muted{color:#777}.pager a{margin-right:.6em}.needs-look{background:#fff3c4;padding:.4em .6em;border:1px solid #c89400}
form.corr{display:flex;flex-wrap:wrap;gap:.5em;align-items:end;background:#fff;border:1px solid #c9ced6;padding:.6em}form.corr label{display:flex;flex-direction:column;font-size:.9em}
form.inline{display:inline}
`;

// Provenance on click: the cell's data attributes fill the side panel; a PDF
// page is drawn with the cell's box outlined. Text goes in with textContent.
export const JS = `
(function(){
  function el(tag, text, cls){var e=document.createElement(tag); if(text!=null) e.textContent=text; if(cls) e.className=cls; return e;}
  function show(td){
    var p=document.getElementById('prov'); if(!p) return; var d=td.dataset; p.replaceChildren();
    p.appendChild(el('h2', '来源 Provenance: '+d.field));
    var dl=el('dl'); [['原文 raw', d.raw],['页 page', d.page],['表 table', d.table],['行 row', d.row],['列 col', d.col],['框 bbox', d.bbox]].forEach(function(kv){ if(kv[1]==null||kv[1]==='') return; dl.appendChild(el('dt', kv[0])); dl.appendChild(el('dd', kv[1])); });
    p.appendChild(dl);
    var doc=document.body.dataset; 
    if(d.table!=null && d.table!==''){ var a=el('a','源表格 source table'); a.href='/doc/'+encodeURIComponent(doc.sha)+'/table/'+encodeURIComponent(d.table)+'?row='+encodeURIComponent(d.row)+'&col='+encodeURIComponent(d.col); a.id='src-link'; p.appendChild(a); }
    if(doc.format==='pdf' && d.page){
      var box=el('div',null,'pagebox'); var img=new Image(); img.alt='page '+d.page; img.src='/doc/'+encodeURIComponent(doc.sha)+'/page/'+encodeURIComponent(d.page)+'.png'; box.appendChild(img); p.appendChild(box);
      if(d.bbox){ var b=d.bbox.split(' ').map(Number); img.addEventListener('load', function(){ var s=2, W=img.naturalWidth, H=img.naturalHeight; var o=el('div',null,'box'); o.style.left=(b[0]*s/W*100)+'%'; o.style.top=(b[1]*s/H*100)+'%'; o.style.width=((b[2]-b[0])*s/W*100)+'%'; o.style.height=((b[3]-b[1])*s/H*100)+'%'; box.appendChild(o); o.scrollIntoView({block:'center', inline:'nearest'}); }); }
    }
  }
  document.addEventListener('click', function(e){ var td=e.target.closest && e.target.closest('td.v'); if(td) show(td); });
  document.addEventListener('keydown', function(e){ if(e.key==='Enter'){ var td=e.target.closest && e.target.closest('td.v'); if(td) show(td); } });
})();
`;
