// The documents behind the figures, one tap away (a journalist's walk): 资料来源, each parameter's
// 出处, each step's 依据 and the notes of 请注意 named files (「见 third-party-figures.md」) and titles
// that led nowhere. Each now links to the document's copy (dist/sources/), at the quote.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { ZJK_2028, YANTAI_FAMILY, open, watch } from './helpers.mjs';

// Every <details> opened, the lazily built ones too (each opening may build more).
async function openAll(page) {
  for (let k = 0; k < 4; k++) {
    await page.locator('details:not([open])').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
    await page.waitForTimeout(200);
  }
}

// The text a fragment link asks for.
function fragmentParts(href) {
  const m = /#:~:text=(.*)$/.exec(href);
  return m ? m[1].split(',').map(decodeURIComponent) : [];
}

const NATIONAL = { policy: 'national-2025', benefit_year: 2026, members: [{ role: 'self', category: 'adult', payment_date: '2026-03-01', history: [{ year: 2025, enrolled: false }] }] };
for (const [label, scn] of [['Zhangjiakou', ZJK_2028], ['Yantai household', YANTAI_FAMILY], ['the national baseline', NATIONAL]]) {
  test(`${label}: every document named on the page links to its copy, and every quote's link finds the quote there`, async ({ page, context }) => {
    test.setTimeout(180_000);
    const seen = watch(page);
    await open(page, scn);
    await openAll(page);
    const hrefs = [...new Set(await page.locator('a.doc-link').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))];
    // 资料来源 (each of the city's documents), the parameters' 出处, the steps' 依据.
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of hrefs) {
      // A page each: going to another fragment of the same document would not load it again.
      const viewer = await context.newPage();
      const res = await viewer.goto(`/${href}`);
      expect(res && res.status(), href).toBe(200);
      await expect(viewer).toHaveTitle(/医保待遇测算的(资料来源|项目文档)$/);
      const text = (await viewer.locator('main').innerText()).replace(/\s+/g, '');
      // Each quote's text is on the page. A short phrase found twice highlights the first, maybe not
      // the one quoted (Zhangjiakou's 住院起付线 landed on Yantai's line of the same account): only a
      // whole sentence may recur (the Zhangjiakou transcript says the waiting-period rule twice).
      for (const piece of fragmentParts(href)) {
        const found = text.split(piece.replace(/\s+/g, '')).length - 1;
        expect(found, `${href}: ${piece}`).toBeGreaterThanOrEqual(1);
        if (found > 1) expect([...piece].length, `${href}: 「${piece}」 is found ${found} times`).toBeGreaterThanOrEqual(20);
      }
      const sec = /#(sec-\d+)$/.exec(href);
      if (sec) await expect(viewer.locator(`#${sec[1]}`)).toHaveCount(1);
      // A quote below the first screen: the browser scrolled to it (a phrase cut inside a Chinese
      // word finds nothing, and the page would open at its top).
      const [start] = fragmentParts(href);
      if (start) {
        const top = await viewer.evaluate((s) => {
          const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const at = n.data.indexOf(s);
            if (at < 0) continue;
            const r = document.createRange();
            r.setStart(n, at);
            r.setEnd(n, at + s.length);
            return r.getBoundingClientRect().top + window.scrollY;
          }
          return -1;
        }, start);
        expect(top, `${href}: the quote's start is in one paragraph`).toBeGreaterThanOrEqual(0);
        if (top > viewer.viewportSize().height) await expect.poll(() => viewer.evaluate(() => window.scrollY), { message: href }).toBeGreaterThan(0);
      }
      await viewer.close();
    }
    expect(seen.errors).toEqual([]);
  });
}

test('Zhangjiakou\'s 住院起付线 links to its own line of the third-party account, not Yantai\'s', async ({ page, context }) => {
  await open(page, ZJK_2028);
  await openAll(page);
  const param = page.locator('#params li.param', { hasText: '住院起付线(二级)' });
  const href = await param.locator('a.doc-link').getAttribute('href');
  const [phrase] = fragmentParts(href);
  expect(phrase).toContain('二级医院800元');
  const doc = await context.newPage();
  await doc.goto(`/${href}`);
  const text = (await doc.locator('main').innerText()).replace(/\s+/g, '');
  expect(text.split(phrase.replace(/\s+/g, '')).length - 1).toBe(1);
});

test('请注意 links the file it names, and 资料来源 lists the city\'s documents as links', async ({ page }) => {
  await open(page, ZJK_2028);
  await openAll(page);
  const note = page.locator('.notes-card li.pn', { hasText: '第三方资料' });
  await expect(note.getByRole('link', { name: 'third-party-figures.md' })).toHaveAttribute('href', 'sources/third-party-figures.html');
  const sources = page.locator('#sources');
  await expect(sources.locator('.src-city')).toHaveText('张家口市的测算依据(点标题看原文):');
  await expect(sources.getByRole('link', { name: /张家口市2025年度全民参保工作新闻发布会/ })).toHaveAttribute('href', 'sources/zhangjiakou-2025-press-conference.html');
  const res = await page.request.get('/sources/third-party-figures.html');
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('第三方资料中的待遇数值(未能核实)');
});

test('the documents\' pages keep their file names, lead back to the estimator, and are not precached', async () => {
  const files = fs.readdirSync('dist/sources').filter((f) => f.endsWith('.html'));
  expect(files).toContain('third-party-figures.html');
  expect(fs.readFileSync('dist/sw.js', 'utf8')).not.toContain('sources/');
  for (const f of files) {
    const html = fs.readFileSync(`dist/sources/${f}`, 'utf8');
    expect(html, f).toMatch(/<title>[^<]+ · 医保待遇测算的资料来源<\/title>/);
    expect(html, f).toContain('<a href="../">← 回到医保待遇测算</a>');
  }
});

// 复现 named 「docs/scenario.md 第4.16节」 for what each column means: a file in the repository, not on
// the page. It is a page of its own now, and the link lands on the section with the column table.
test('复现 links the table\'s columns to their meanings, the project document\'s §4.16', async ({ page, context }) => {
  await open(page, ZJK_2028);
  await page.locator('#repro').evaluate((d) => { d.open = true; });
  const link = page.locator('#repro-body a.doc-link', { hasText: '项目文档第4.16节' });
  await expect(link).toHaveAttribute('href', 'docs/scenario.html#sec-4.16');
  const doc = await context.newPage();
  expect((await doc.goto('/docs/scenario.html#sec-4.16')).status()).toBe(200);
  await expect(doc).toHaveTitle(/医保待遇测算的项目文档$/);
  const section = doc.locator('#sec-4\\.16');
  await expect(section).toContainText('CSV 输出');
  // The table of columns follows the heading: 待遇开始日 is one of its Chinese names.
  await expect(doc.locator('#sec-4\\.16 ~ table').first()).toContainText('待遇开始日');
  await expect.poll(() => doc.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
  // Its wide tables and examples scroll in their own boxes; the page keeps the phone's width.
  expect(await doc.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
