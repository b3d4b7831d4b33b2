// Hand-made DOCX files with what mammoth ignores: w:gridBefore, w:gridAfter
// and legacy w:hMerge. Each value must land in its grid column.
import { strict as assert } from 'node:assert';
import * as cheerio from 'cheerio';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { docxExtractor } from '../src/extractors/docx/index.js';
import { fixDocumentXml, needsFixups } from '../src/extractors/docx/fixups.js';
import { htmlToRaw } from '../src/extractors/html/index.js';
import { extractReport } from '../src/pipeline.js';
import type { RawDocument, RawTable } from '../src/types.js';
import { grid, handMadeDocx, paraXml, tableXml, type CellSpec, type RowSpec } from './docx-helpers.js';

const nums = (...v: number[]): CellSpec[] => v.map((n) => ({ text: String(n) }));

// Ten grid columns as in table 三: three label columns, seven numbers.
const GRID_BEFORE: RowSpec[] = [
  { cells: [{ text: '一、本年新收政府信息公开申请数量', span: 3 }, ...nums(11, 12, 13, 14, 15, 16, 81)] },
  // Row starting one column in: no cell under the 三、本年度办理结果 column.
  { gridBefore: 1, cells: [{ text: '（一）予以公开', span: 2 }, ...nums(21, 22, 23, 24, 25, 26, 141)] },
  // Row with only numbers: three columns skipped.
  { gridBefore: 3, cells: nums(31, 32, 33, 34, 35, 36, 201) },
  // vMerge after a skipped column: the merge is in column 1, not column 0.
  { gridBefore: 1, cells: [{ text: '（三）不予公开', vMerge: 'restart' }, { text: '1.属于国家秘密' }, ...nums(41, 42, 43, 44, 45, 46, 261)] },
  { gridBefore: 1, cells: [{ vMerge: 'continue' }, { text: '2.其他法律行政法规禁止公开' }, ...nums(51, 52, 53, 54, 55, 56, 321)] },
  // Row ending one column early: the 总计 cell is missing, not shifted.
  { gridAfter: 1, cells: [{ text: '四、结转下年度继续办理', span: 3 }, ...nums(61, 62, 63, 64, 65, 66)] },
];

const HMERGE: RowSpec[] = [
  // 申请人情况 over seven columns, written as one restart cell and six continuations.
  {
    cells: [
      { text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', span: 3 },
      { text: '申请人情况', hMerge: 'restart' },
      ...Array.from({ length: 6 }, () => ({ hMerge: 'continue' }) as CellSpec),
    ],
  },
  // A label over three columns as restart (span 2) + continuation; a continuation holding text keeps it.
  { cells: [{ text: '一、本年新收', hMerge: 'restart', span: 2 }, { text: '政府信息公开申请数量', hMerge: 'continue' }, ...nums(11, 12, 13, 14, 15, 16, 81)] },
  // Two runs in one row, then plain cells.
  { cells: [{ text: 'A', hMerge: 'restart' }, { hMerge: 'continue' }, { text: 'B', hMerge: 'restart' }, { hMerge: 'continue' }, { hMerge: 'continue' }, ...nums(1, 2, 3, 4, 5)] },
];

async function tableOf(rows: RowSpec[]): Promise<{ doc: RawDocument; findings: string[]; buffer: Buffer }> {
  const buffer = await handMadeDocx(paraXml('示例') + tableXml(10, rows));
  const r = await docxExtractor.extract({ path: 'hand-made.docx', buffer });
  return { doc: r.value, findings: r.findings.map((f) => `${f.rule}: ${f.message}`), buffer };
}

/** What mammoth alone makes of the file, read by the same grid builder. */
async function mammothOnly(buffer: Buffer): Promise<RawTable> {
  const html = (await mammoth.convertToHtml({ buffer })).value;
  return htmlToRaw(cheerio.load(html), 'docx').value.tables[0]!;
}

const span = (t: RawTable, text: string) => {
  const c = t.cells.find((x) => x.text === text);
  return c && [c.row, c.col, c.rowSpan, c.colSpan];
};

describe('docx grid fix-ups: w:gridBefore and w:gridAfter', () => {
  it('lands every number of a gridBefore row in its column', async () => {
    const { doc, findings } = await tableOf(GRID_BEFORE);
    const g = grid(doc.tables[0]!);
    assert.equal(doc.tables[0]!.nCols, 10);
    assert.deepEqual(g[0]!.slice(3), ['11', '12', '13', '14', '15', '16', '81']);
    assert.deepEqual(g[1]!.slice(1), ['（一）予以公开', '', '21', '22', '23', '24', '25', '26', '141']);
    assert.deepEqual(g[2]!.slice(3), ['31', '32', '33', '34', '35', '36', '201']);
    assert.deepEqual(g[3]!.slice(2), ['1.属于国家秘密', '41', '42', '43', '44', '45', '46', '261']);
    assert.deepEqual(g[4]!.slice(2), ['2.其他法律行政法规禁止公开', '51', '52', '53', '54', '55', '56', '321']);
    assert.deepEqual(g[5]!.slice(3), ['61', '62', '63', '64', '65', '66', '']);
    assert.ok(findings.some((f) => /4 row\(s\) starting after skipped grid columns.*1 row\(s\) ending before/.test(f)), findings.join('\n'));
  });

  it('merges vertically in the column after the skipped ones', async () => {
    const { doc } = await tableOf(GRID_BEFORE);
    assert.deepEqual(span(doc.tables[0]!, '（三）不予公开'), [3, 1, 2, 1]);
  });

  it('works on ISO 29500 strict documents too (another namespace, same w: prefix)', async () => {
    const zip = await JSZip.loadAsync(await handMadeDocx(tableXml(10, GRID_BEFORE)));
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.replace('http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'));
    const buffer = await zip.generateAsync({ type: 'nodebuffer' });
    const g = grid((await docxExtractor.extract({ path: 'strict.docx', buffer })).value.tables[0]!);
    assert.deepEqual(g[2]!.slice(3), ['31', '32', '33', '34', '35', '36', '201']);
  });

  it('is needed: mammoth alone shifts the row left', async () => {
    const { buffer } = await tableOf(GRID_BEFORE);
    const g = grid(await mammothOnly(buffer));
    assert.equal(g[2]![0], '31', 'without the fix-up the first number sits in column 0');
  });

  it('through the pipeline: the gridBefore rows give their fields', async () => {
    const body = paraXml('三、收到和处理政府信息公开申请情况') + tableXml(10, GRID_BEFORE);
    const r = await extractReport({ path: 'grid-before.docx', buffer: await handMadeDocx(body) });
    assert.equal(r.fields['apps.granted.natural'], 21);
    assert.equal(r.fields['apps.granted.total'], 141);
    assert.equal(r.fields['apps.denied.law_forbidden.other_org'], 56);
    assert.equal(r.fields['apps.carried_out.other_org'], 66);
    assert.equal(r.fields['apps.carried_out.total'], null, 'the missing gridAfter cell is blank, not 0');
  });
});

describe('docx grid fix-ups: legacy w:hMerge', () => {
  it('turns a restart cell and its continuations into one spanning cell', async () => {
    const { doc, findings } = await tableOf(HMERGE);
    const t = doc.tables[0]!;
    assert.deepEqual(span(t, '申请人情况'), [0, 3, 1, 7]);
    assert.deepEqual(span(t, '一、本年新收\n政府信息公开申请数量'), [1, 0, 1, 3]);
    assert.deepEqual(span(t, 'A'), [2, 0, 1, 2]);
    assert.deepEqual(span(t, 'B'), [2, 2, 1, 3]);
    assert.deepEqual(grid(t)[1]!.slice(3), ['11', '12', '13', '14', '15', '16', '81']);
    assert.deepEqual(grid(t)[2]!.slice(5), ['1', '2', '3', '4', '5']);
    assert.equal(t.cells.filter((c) => c.row === 0).length, 2, 'no leftover empty cells in the header row');
    assert.ok(findings.some((f) => /4 legacy horizontal merge/.test(f)), findings.join('\n'));
  });

  it('is needed: mammoth alone leaves seven one-column cells', async () => {
    const { buffer } = await tableOf(HMERGE);
    const t = await mammothOnly(buffer);
    assert.deepEqual(span(t, '申请人情况'), [0, 3, 1, 1]);
    assert.equal(t.cells.filter((c) => c.row === 0).length, 8);
  });
});

describe('docx grid fix-ups: when they run', () => {
  it('leaves documents without the elements untouched (no second parse)', () => {
    assert.equal(needsFixups(tableXml(3, [{ cells: nums(1, 2, 3) }])), false);
    assert.equal(needsFixups(tableXml(3, [{ gridBefore: 1, cells: nums(2, 3) }])), true);
    // Not even well-formed: returned as is, which shows it was never parsed.
    const same = '<w:document><w:body><w:tbl>';
    assert.deepEqual(fixDocumentXml(same), { xml: same, counts: { gridBefore: 0, gridAfter: 0, hMerge: 0 } });
  });

  it('reports XML that does not parse instead of guessing', () => {
    assert.throws(() => fixDocumentXml('<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc'), /not well-formed/);
  });
});
