// The title of a page printed from a site, as OCR reads page 1 of the 1-bit
// 200 dpi scan of fixtures/forms/chromium/shanghai-2019-govpage.pdf (the
// lines below are its readings, in page order; sizes are ink heights in
// points). The site's breadcrumb names 政府信息公开年度报告 too, and the
// title's 度 was read 库.
import assert from 'node:assert/strict';
import { findTitle, type TextLine } from '../src/extractors/pdf/meta.js';
import { reportAgency, reportYear } from '../src/normalizers/meta.js';

const line = (text: string, y: number, size = 9): TextLine => ({ text, x0: 40, x1: 40 + text.length * size, y0: y, y1: y + size, size });

describe('pdf meta: the title of a printed page', () => {
  const page = [
    line('上海市人民政府', 20, 14),
    line('首页要闻动查政务公开政府信息公开', 60),
    line('当前位置：首页>政府信息公开>政府信息公开年度报告', 90),
    line('2019年上海市人民政府办公厅政府信息公开工作年库报告', 120),
    line('本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的要求编制，全文包括总体情况、主动公开政府信息情况。', 150),
  ];

  it('never takes the breadcrumb; a line with the year and 公开 that ends in 报告 is the title', () => {
    assert.equal(findTitle(page), '2019年上海市人民政府办公厅政府信息公开工作年库报告');
  });

  it('the body and the year are read from the title as OCR read it', () => {
    const title = findTitle(page)!;
    assert.equal(reportAgency(title, ''), '上海市人民政府办公厅');
    assert.equal(reportYear(title, ''), 2019);
  });

  it('a title read right is taken before it', () => {
    const right = page.map((l) => (l.text.endsWith('年库报告') ? line('2019年上海市人民政府办公厅政府信息公开工作年度报告', 120) : l));
    assert.equal(findTitle(right), '2019年上海市人民政府办公厅政府信息公开工作年度报告');
  });

  it('a short piece beside the title on its row, in the same type (the site\'s logo read as text), is not part of it', () => {
    const logo = [{ ...line('导具', 100, 20), x0: 39, x1: 60 }, { ...line('2019年上海市人民政府办公厅政府信息公开工作年度报告', 100, 20), x0: 227, x1: 760 }, ...page.slice(4)];
    assert.equal(findTitle(logo), '2019年上海市人民政府办公厅政府信息公开工作年度报告');
  });

  it('a breadcrumb in the largest type is still no title', () => {
    const crumbs = [line('当前位置：首页>政府信息公开>政府信息公开年度报告', 20, 20), ...page.slice(3)];
    assert.equal(findTitle(crumbs), '2019年上海市人民政府办公厅政府信息公开工作年库报告');
  });
});

// Page 1 of the 1-bit 200 dpi scan of fixtures/forms/chromium/huaian-shi-2024-template2021.pdf, as OCR reads
// it: the title's last character, 告, wrapped onto a line of its own and was read 生, at half the height.
describe('pdf meta: a title whose wrapped last character OCR misread', () => {
  const page = [
    line('淮安市人民政府2024年政府信息公开工作年度报', 50, 24),
    line('生', 84, 12),
    line('P', 98, 10),
    line('本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》（国今第711号）（以下简称', 132, 12),
    line('《条例》）规定编制。报告所列统计期限自2024年1月1日至2024年12月31日。', 150, 12),
    line('一、总体情况', 180, 12),
  ];

  it('the largest block naming the year, 公开 and 年度报 is the title, its wrapped character as read', () => {
    assert.equal(findTitle(page), '淮安市人民政府2024年政府信息公开工作年度报生');
  });

  it('the body is the title\'s (淮安市人民政府), not the opening paragraph\'s office', () => {
    assert.equal(reportAgency(findTitle(page)!, page.map((l) => l.text).join('\n')), '淮安市人民政府');
    assert.equal(reportYear(findTitle(page)!, ''), 2024);
  });

  it('a block that names no 年度报 is no title for that reason', () => {
    assert.equal(findTitle([line('淮安市人民政府2024年政府信息公开工作', 50, 24), ...page.slice(1)]), undefined);
  });
});

// Page 1 of the 100 dpi JPEG scan of fixtures/forms/chromium/shanghai-bangongting-2019.pdf, as OCR reads it:
// the title is too garbled to be one, and the first narrative sentence names the 年度报告.
describe('pdf meta: no title rather than a sentence', () => {
  it('a sentence naming the report (本年度报告根据《条例》…编制，…) is never the title', () => {
    const page = [
      line('2019年上海市人民星政二息公开上F年境报司', 37, 8),
      line('发布日期：2020-01-31', 58, 8),
      line('本年度报告根据《中华人足北和国政信息公开条例》（以下简称《条例》）的要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息', 77, 9),
      line('一、总体情况', 122, 7),
    ];
    assert.equal(findTitle(page), undefined);
  });
});
