import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { narrativeText } from '../src/extractors/html/text.js';

describe('html narrative text', () => {
  const page = (body: string) => narrativeText(cheerio.load(`<html><body>${body}</body></html>`).root().get(0)!);

  it('keeps the text of a layout table that wraps the whole article', () => {
    const para = '本报告由某某县人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制。'.repeat(4);
    const text = page(`<table><tr><td>首页 &gt; 政务公开</td></tr><tr><td><p>${para}</p><table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>`);
    assert.ok(text.includes('本报告由某某县人民政府办公室'));
    assert.ok(!text.includes('规章'), 'the data table nested in the layout stays out of the narrative');
  });

  it('leaves a data table out of the narrative', () => {
    const text = page('<p>一、总体情况</p><table><tr><td>行政许可</td><td>12</td></tr></table><p>二、存在的主要问题</p>');
    assert.equal(text, '一、总体情况\n二、存在的主要问题');
  });
});
