// `gkreport inspect`: the picture of page 3 of hongze-qu-2023.pdf outlines
// the cells of table 三 (with the fields they were mapped to) over a PNG.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInspect } from '../src/cli/inspect.js';
import { PDF_FIXTURES } from './pdf-helpers.js';

/** Attributes of every outlined cell in the SVG. */
function cells(svg: string): Record<string, string>[] {
  return [...svg.matchAll(/<rect class="cell"([^>]*)>/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
}

describe('gkreport inspect', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gk-inspect-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('outlines the 125 cells of table 三 on page 3 of hongze-qu-2023.pdf, with their fields, over a PNG', async () => {
    const code = await runInspect([PDF_FIXTURES + 'real/hongze-qu-2023.pdf', '--page', '3', '--out', dir]);
    assert.equal(code, 0);
    const svg = readFileSync(join(dir, 'hongze-qu-2023-p3.svg'), 'utf8');
    const three = cells(svg).filter((c) => c['data-table'] === '1');
    // Rows 0–16 of table 三 lie on page 3: header 2+3+5, two rows of 8, then
    // 9, 8, 9, 7×8, 9, 8 (row-spanning labels anchor once).
    assert.equal(three.length, 125);
    const needsCreation = three.find((c) => c['data-field'] === 'apps.unable.needs_creation.total');
    assert.ok(needsCreation, 'the bottom row of page 3 is mapped');
    assert.equal(needsCreation['data-row'], '16');
    assert.ok(Number(needsCreation.y) > 750);
    assert.equal(cells(svg).filter((c) => c['data-table'] === '0').length, 11, 'the end of table 二 on the same page');
    assert.ok((svg.match(/<line class="rule"/g) ?? []).length >= 20, 'rules drawn');
    assert.ok(existsSync(join(dir, 'hongze-qu-2023-p3.png')), 'PNG of the page');
    assert.match(svg, /<image href="hongze-qu-2023-p3.png"/);
  });

  it('prints help, and refuses a page that does not exist', async () => {
    assert.equal(await runInspect(['--help']), 0);
    assert.equal(await runInspect([PDF_FIXTURES + 'real/hongze-qu-2023.pdf', '--page', '9', '--out', dir]), 2);
    assert.equal(await runInspect(['--page', 'x']), 2);
  });
});
