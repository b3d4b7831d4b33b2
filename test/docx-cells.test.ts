// Cell content and document text: nested tables, line breaks, titles.
import { strict as assert } from 'node:assert';
import { docxExtractor } from '../src/extractors/docx/index.js';
import type { RawDocument } from '../src/types.js';
import { grid, handMadeDocx, paraXml, tableXml } from './docx-helpers.js';

async function extract(body: string): Promise<RawDocument> {
  const r = await docxExtractor.extract({ path: 'hand-made.docx', buffer: await handMadeDocx(body) });
  assert.deepEqual(r.findings.filter((f) => f.severity === 'error'), []);
  return r.value;
}

describe('docx cells: nested tables and line breaks', () => {
  it('keeps a nested table as its own table, out of the outer cell text', async () => {
    const inner = tableXml(2, [{ cells: [{ text: '内1' }, { text: '内2' }] }]);
    const doc = await extract(
      tableXml(2, [
        { cells: [{ text: '外A' }, { xml: `${paraXml('外B')}${inner}<w:p/>` }] },
        { cells: [{ text: '外C' }, { text: '外D' }] },
      ]),
    );
    assert.equal(doc.tables.length, 2);
    assert.deepEqual(grid(doc.tables[0]!), [
      ['外A', '外B'],
      ['外C', '外D'],
    ]);
    assert.deepEqual(grid(doc.tables[1]!), [['内1', '内2']]);
    assert.equal(doc.tables[1]!.cells[0]!.prov.table, 1);
  });

  it('turns w:br and separate paragraphs inside a cell into line breaks', async () => {
    const br = '<w:p><w:r><w:t>三、本</w:t><w:br/><w:t>年度办</w:t></w:r></w:p>' + paraXml('理结果');
    const doc = await extract(tableXml(1, [{ cells: [{ xml: br }] }]));
    assert.equal(doc.tables[0]!.cells[0]!.text, '三、本\n年度办\n理结果');
  });
});

describe('docx text: title', () => {
  it('joins the body name on the line above a title that starts with the year', async () => {
    const doc = await extract(paraXml('示例县人民政府') + paraXml('2021年政府信息公开工作年度报告') + paraXml('本报告由示例县人民政府办公室编制。'));
    assert.equal(doc.title, '示例县人民政府2021年政府信息公开工作年度报告');
    assert.match(doc.text, /^示例县人民政府\n2021年政府信息公开工作年度报告\n/);
  });

  it('prefers the paragraph naming 政府信息公开 over an earlier mention of a 年度报告', async () => {
    const doc = await extract(paraXml('关于印发2021年度报告的通知') + paraXml('示例局2021年政府信息公开工作年度报告'));
    assert.equal(doc.title, '示例局2021年政府信息公开工作年度报告');
  });

  it('reads a title inside a table (web pages saved as Word keep their layout tables)', async () => {
    const nav = tableXml(1, [{ cells: [{ text: '2019年度报告' }] }]);
    const doc = await extract(tableXml(2, [{ cells: [{ xml: nav + '<w:p/>' }, { xml: paraXml('2019年某某局政府信息公开工作年度报告') + paraXml('发布日期') }] }]));
    assert.equal(doc.title, '2019年某某局政府信息公开工作年度报告');
  });

  it('falls back to docProps/core.xml when no paragraph names a 年度报告', async () => {
    // The base file of handMadeDocx is the converted sample report, whose core.xml carries the HTML <title>.
    const doc = await extract(paraXml('附件') + tableXml(1, [{ cells: [{ text: '1523' }] }]));
    assert.equal(doc.docMeta?.title, '示例市测试区人民政府2022年政府信息公开工作年度报告');
    assert.equal(doc.title, doc.docMeta?.title);
  });
});

describe('docx findings from mammoth', () => {
  it('merge trouble is a warning naming mammoth; style notes are left out', async () => {
    // A paragraph directly in a row (not in a cell): mammoth keeps the rows but warns.
    const odd = tableXml(2, [{ cells: [{ text: 'A' }, { text: 'B' }] }]).replace('<w:tr>', `<w:tr>${paraXml('stray')}`);
    const r = await docxExtractor.extract({ path: 'odd.docx', buffer: await handMadeDocx(odd) });
    const table = r.findings.filter((f) => f.rule === 'extract.docx_table');
    assert.equal(table.length, 1);
    assert.equal(table[0]!.severity, 'warning');
    assert.match(table[0]!.message, /^mammoth: unexpected non-cell element in table row, cell merging may be incorrect/);
    assert.deepEqual(r.findings.filter((f) => /style/.test(f.message)), []);
  });
});
