// After the answer, what to do (issue 15): where to pay, who may pay for you, (students,) by when —
// the city's facts from its policy file, under the answer, in the order a resident acts; nothing to
// tap that leaves the page; a city without them shows none of it.
import { test, expect } from '@playwright/test';
import { open, answer, shotPath, foreign, watch, WECHAT_UA, ZJK_2028 } from './helpers.mjs';

test.describe('at 360×640 in WeChat', () => {
  test.use({ viewport: { width: 360, height: 640 }, userAgent: WECHAT_UA, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

  test('Zhangjiakou: the channels, 家庭共济 and the window right under the answer', async ({ page }) => {
    const seen = watch(page);
    await open(page, ZJK_2028);
    const next = page.locator('#pictures .next');
    await expect(next.locator('h4')).toHaveText(['1. 去哪儿交', '2. 谁可以帮您交', '3. 什么时候交']);
    await expect(next).toContainText('手机或网上交');
    await expect(next).toContainText('「河北税务」微信公众号');
    await expect(next).toContainText('「河北智慧医保」');
    await expect(next).toContainText('2028年度的集中参保期是2027年9月2日至12月28日');
    await expect(next).toContainText('交了这一年以后,2029年度的钱在2028年9月2日至12月28日之间交,就没有等待期。');
    await expect(next).not.toContainText('估计');
    // Right under the answer card, before anything else.
    const card = await answer(page).boundingBox();
    const box = await next.boundingBox();
    expect(box.y).toBeGreaterThan(card.y + card.height);
    expect(box.y - (card.y + card.height)).toBeLessThan(40);
    // Text only: no link out of the page; the sources one tap away, each linked to its copy here.
    await expect(next.locator('a:not(.doc-link)')).toHaveCount(0);
    await next.getByText('这些说明的出处').click();
    await expect(next).toContainText('张家口市2025年度全民参保工作新闻发布会图文实录');
    for (const href of await next.locator('a.doc-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(href).toMatch(/^sources\/[^/]+\.html(#|$)/);
    await next.evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: shotPath('next-steps-zjk-360.png') });
    expect(foreign(seen.requests)).toEqual([]);
  });

  test('Yantai: four ways to pay, 家庭共济 within the province, and students 按学制 when there is one', async ({ page }) => {
    await open(page, { policy: 'yantai-2025', benefit_year: 2027, members: [
      { role: 'self', category: 'adult_tier1', history: [{ year: 2025, enrolled: true }, { year: 2026, enrolled: true }], payment_date: '2026-11-20' },
      { role: 'child', category: 'university', history: [{ year: 2025, enrolled: true }, { year: 2026, enrolled: true }], payment_date: '2026-11-20' },
    ] });
    const next = page.locator('#pictures .next');
    await expect(next.locator('h4')).toHaveText(['1. 去哪儿交', '2. 谁可以帮您交', '3. 学生', '4. 什么时候交']);
    await expect(next.locator('h4:has-text("去哪儿交") + ul > li')).toHaveCount(4);
    await expect(next).toContainText('2027年度的集中参保期是2026年9月1日至12月31日');
    // Yantai published only the closing day: the first is said to be an estimate, here, beside the
    // payment date and in the glossary (a journalist's walk: it read as fact). And the step after
    // paying: next year's window.
    await expect(next).toContainText('(开始日期当地没有公布,是估计的)');
    await expect(next).toContainText('交了这一年以后,2028年度的钱在2027年9月1日至12月31日之间交,就没有等待期。');
    await expect(page.locator('#form .hint', { hasText: '集中参保期' }).first()).toContainText('9月1日(开始日期是估计的)至12月31日');
    await expect(page.locator('#glossary-words')).toContainText('烟台市是每年9月1日(开始日期是估计的)至12月31日');
    await next.evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: shotPath('next-steps-yantai-360.png') });
  });
});

test('the national baseline says plainly that channels and dates are each city\'s own', async ({ page }) => {
  await open(page, { policy: 'national-2025', benefit_year: 2027, members: [{ role: 'self', category: 'adult', history: [{ year: 2025, enrolled: true }, { year: 2026, enrolled: true }], payment_date: '2026-11-20' }] });
  const next = page.locator('#pictures .next');
  await expect(next).toContainText('缴费渠道、集中参保期和办理时间由各地规定');
  await expect(next).not.toContainText('什么时候交');
});

test('no students part where no member is a university student', async ({ page }) => {
  await open(page, { policy: 'yantai-2025', benefit_year: 2027, members: [{ role: 'self', category: 'adult_tier1', history: [{ year: 2025, enrolled: true }, { year: 2026, enrolled: true }], payment_date: '2026-11-20' }] });
  await expect(page.locator('#pictures .next h4')).toHaveText(['1. 去哪儿交', '2. 谁可以帮您交', '3. 什么时候交']);
});
