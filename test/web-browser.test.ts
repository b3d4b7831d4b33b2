// The review app in a real browser: playwright-core driving Debian's chromium
// (/usr/bin/chromium; .ci/run installs it). The watchdog's path: the overview
// of the corpus, hongze 2023 with review.total lit (11 expected, 0 printed),
// the cell's page with its box, a correction that makes the finding go, 2023
// against 2024 with the carried-over cells compared; the hostile-title report
// shows its markup as text and runs nothing. Each step saves a screenshot
// (output/screenshots, not committed).
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openStore, type Store } from '../src/store/db.js';
import { buildApp } from '../src/web/server.js';
import { corpusSqlite, type CorpusStore } from './web-helpers.js';

const CHROMIUM = process.env.GKREPORT_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.GKREPORT_SCREENSHOTS ?? fileURLToPath(new URL('../../output/screenshots/', import.meta.url));
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe('review app in a real browser (chromium)', function () {
  this.timeout(300000);
  let corpus: CorpusStore;
  let store: Store;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;
  const dialogs: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') throw new Error(`no chromium at ${CHROMIUM}: .ci/run must install Debian's chromium`);
      this.skip();
    }
    mkdirSync(SHOTS, { recursive: true });
    corpus = await corpusSqlite();
    store = await openStore(corpus.target);
    app = await buildApp({ store, reviewer: 'browser-test' });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it('the overview of the corpus: hongze 2023 red, then a click to its report', async () => {
    await page.goto(base + '/');
    const row = page.locator('tr[data-agency="淮安市洪泽区人民政府"]');
    await row.waitFor();
    assert.equal(await row.locator('td.cell[data-state="errors"]').count(), 1);
    assert.match(await row.textContent() ?? '', /江苏省 淮安市 洪泽区 320813/);
    await shot('1-overview');
    await row.locator('td.cell[data-state="errors"] a').click();
    await page.waitForURL(`**/report/${corpus.sha.hongze2023}`);
  });

  it('hongze 2023: review.total lit with expected 11 and actual 0; a click shows its page with the box', async () => {
    const total = page.locator('td[data-field="review.total"]');
    assert.match((await total.getAttribute('class')) ?? '', /\blit\b/);
    assert.equal(await total.locator('.val').textContent(), '0');
    assert.match((await total.locator('.note').textContent()) ?? '', /expected 11 · 实为 actual 0/);
    assert.match((await page.locator('td[data-field="review.upheld"]').getAttribute('class')) ?? '', /\blit\b/);
    await shot('2-report-lit');
    await total.click();
    await page.locator('#prov .pagebox .box').waitFor({ timeout: 60000 });
    assert.match((await page.locator('#prov').textContent()) ?? '', /review\.total.*页 page4/s);
    const box = await page.locator('#prov .pagebox .box').boundingBox();
    const img = await page.locator('#prov .pagebox img').boundingBox();
    assert.ok(box && img && box.x > img.x && box.y > img.y && box.width > 0 && box.width < img.width / 4, 'the cell box sits inside the page image');
    await page.locator('#prov').screenshot({ path: join(SHOTS, '3-provenance.png') });
  });

  it('a correction (review.total = 11, with a reason) makes the finding go', async () => {
    assert.equal(await page.locator('#findings li[data-rule="review.total"]').count(), 1);
    await page.selectOption('#correct select[name="field"]', 'review.total');
    await page.fill('#correct input[name="new_value"]', '11');
    await page.fill('#correct input[name="reason"]', '表四行政复议合计印为0，应为11');
    await Promise.all([page.waitForURL(`**/report/${corpus.sha.hongze2023}`), page.click('#correct button[type="submit"]')]);
    assert.equal(await page.locator('#findings li[data-rule="review.total"]').count(), 0);
    assert.equal(await page.locator('#findings li[data-rule="litigation_after_review.total"]').count(), 1);
    assert.equal(await page.locator('td[data-field="review.total"] .val').textContent(), '11');
    assert.match((await page.locator('#corrections').textContent()) ?? '', /browser-test.*review\.total.*0.*11.*表四行政复议合计/s);
    await shot('4-corrected');
  });

  it('2023 against 2024: the carried-over cells compared', async () => {
    await Promise.all([page.waitForURL('**/compare?**'), page.locator('a.compare', { hasText: '2024' }).click()]);
    const total = page.locator('#carry tr[data-column="total"]');
    assert.match((await total.textContent()) ?? '', /总计\s*0\s*0\s*一致 equal/);
    // the cells it compares are marked in both years' table 三
    assert.equal(await page.locator('td.carry[data-field^="apps.carried_out."]').count(), 7);
    assert.equal(await page.locator('td.carry[data-field^="apps.carried_in."]').count(), 7);
    assert.ok((await page.locator('#changes tr[data-field="apps.new.total"]').textContent())?.includes('21'));
    assert.ok((await page.locator('#narrative li').count()) > 0, 'narrative differences listed');
    await shot('5-compare');
  });

  it('the hostile-title report shows its markup as text and runs nothing', async () => {
    await page.goto(`${base}/report/${corpus.sha.hostile}`);
    assert.equal(await page.locator('#title').textContent(), '<script>alert(1)</script>测试局<img/src=x/onerror=alert(2)>2024年政府信息公开工作年度报告');
    assert.match((await page.locator('#findings').textContent()) ?? '', /<img src=x onerror=alert\(3\)>/);
    await page.goto(base + '/');
    await page.waitForTimeout(500);
    assert.deepEqual(dialogs, []);
    assert.equal(await page.locator('main img').count(), 0);
    await page.goto(`${base}/report/${corpus.sha.hostile}`);
    await shot('6-hostile');
  });
});
