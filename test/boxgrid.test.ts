// Issue 10: tables drawn with characters in text (w3m's box drawing, pandoc's
// ASCII grids and rulers), read as grids with their merged cells; a page laid
// out in a drawn grid has its cells read as text.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readGrid } from '../src/extractors/boxgrid/index.js';
import { layoutCells } from '../src/extractors/boxgrid/layout.js';
import { extractReport } from '../src/pipeline.js';
import { FIXTURES } from './fixture-harness.js';

describe('boxgrid: tables drawn in text', () => {
  it('a cell whose border is missing spans its neighbours (w3m box drawing, wide characters two columns)', () => {
    const t = readGrid(['┌────┬──┬──┐', '│规章│ 1│ 2│', '├────┼──┴──┤', '│其他│   3 │', '└────┴─────┘'], 0, 10);
    const cells = t.cells.map((c) => [c.text, c.row, c.col, c.rowSpan, c.colSpan]);
    assert.deepEqual(cells, [['规章', 0, 0, 1, 1], ['1', 0, 1, 1, 1], ['2', 0, 2, 1, 1], ['其他', 1, 0, 1, 1], ['3', 1, 1, 1, 2]]);
    assert.equal(t.cells[4]!.prov.line, 13);
  });

  it('an outer grid holding a drawn table is a page layout: its cells come back as text; an ordinary grid does not', () => {
    const page = ['+----------+--------------------------+', '| 栏目导航 | 二、主动公开             |', '|          | +------+------+          |', '|          | | 规章 | 1    |          |', '|          | +------+------+          |', '+----------+--------------------------+'];
    const cells = layoutCells(page)!;
    assert.equal(cells.length, 2);
    assert.deepEqual(cells[1]!.lines.map((l) => l.trim()), ['二、主动公开', '+------+------+', '| 规章 | 1    |', '+------+------+']);
    assert.equal(layoutCells(['+------+------+', '| 规章 | 1    |', '+------+------+']), undefined);
  });

  it('pandoc grid without spans: the empty cells padding a spanning cell are dropped (shanghai-2019-cell-variants, lines 67-79)', async () => {
    const r = await extractReport(join(FIXTURES, 'forms/pandoc/shanghai-2019-cell-variants.txt'));
    assert.equal(r.fields['active.licensing.prev_items'], 1234);
    assert.equal(r.fields['active.licensing.change'], 12);
    assert.equal(r.fields['active.licensing.decisions'], 3985758);
    // "其他对外管理服务事项 | 30 | | -8 | —": the change is −8, the decisions a dash (null), never −8.
    assert.equal(r.fields['active.other_services.change'], -8);
    assert.equal(r.fields['active.other_services.decisions'], null);
    assert.equal(r.fields['active.penalty.prev_items'], 15);
    assert.equal(r.fields['active.penalty.decisions'], null);
  });

  it('pandoc grid of table 四 without spans: the header row is no data row (shanghai-2019-msword, lines 179-190)', async () => {
    const r = await extractReport(join(FIXTURES, 'forms/pandoc/shanghai-2019-msword.txt'));
    assert.deepEqual([r.fields['review.upheld'], r.fields['review.pending'], r.fields['review.total']], [5, 2, 7]);
    assert.deepEqual([r.fields['litigation_direct.upheld'], r.fields['litigation_direct.pending'], r.fields['litigation_direct.total']], [8, 1, 9]);
    assert.ok(!r.findings.some((f) => f.rule === 'value.not_numeric'));
  });

  it('a government page dumped in columns: agency and year from the title beside the navigation (w3m and pandoc govpage)', async () => {
    for (const form of ['w3m', 'pandoc']) {
      const r = await extractReport(join(FIXTURES, `forms/${form}/shanghai-2019-govpage.txt`));
      assert.equal(r.meta.agency, '上海市人民政府办公厅', form);
      assert.equal(r.meta.year, 2019, form);
    }
    // pandoc: the report's table 二 is drawn inside the page's grid (lines 146-153): 规章 13 13 524.
    const p = await extractReport(join(FIXTURES, 'forms/pandoc/shanghai-2019-govpage.txt'));
    assert.deepEqual([p.fields['active.regulations.new_made'], p.fields['active.regulations.new_published'], p.fields['active.regulations.total_published']], [13, 13, 524]);
  });

  it('a table pandoc reflowed into a cell of the page: each row\'s cells on a line, blank cells kept as no-break spaces (pandoc govpage)', async () => {
    const p = await extractReport(join(FIXTURES, 'forms/pandoc/shanghai-2019-govpage.txt'));
    const row = (id: string) => ['natural', 'commercial', 'research', 'nonprofit', 'legal_service', 'other_org', 'total'].map((c) => p.fields[`apps.${id}.${c}`]);
    // Lines 203–205: "一、本年新收政府信息公开申请数量", then "821 35 ␣ ␣ 2 1 859" (␣ a no-break space) two lines under it.
    assert.deepEqual(row('new'), [821, 35, null, null, 2, 1, 859]);
    assert.deepEqual(row('granted'), [258, 12, null, null, 1, 1, null]);
    assert.deepEqual(row('result_total'), [767, 35, null, null, 2, 1, 805]);
    assert.equal(p.provenance['apps.new.total']!.inferred, true);
    // Table 四's header runs over five lines in the template's order, its fifteen cells over two (lines 280–287).
    assert.deepEqual(['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => p.fields[`review.${c}`]), [5, null, null, 2, 7]);
    assert.deepEqual(['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => p.fields[`litigation_direct.${c}`]), [8, null, null, 1, 9]);
    assert.equal(p.provenance['review.total']!.inferred, true);
    assert.ok(!p.findings.some((f) => f.rule === 'table.missing'));
  });
});
