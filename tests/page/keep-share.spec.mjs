// Inputs survive reloads; a share link restores the same scenario; the embed view; 清除.
import { test, expect } from '@playwright/test';
import { open, answer, member, headlineDate, reference, formValues, link, shotPath, watch, ZJK, YANTAI_FAMILY } from './helpers.mjs';

test('inputs persist across a reload', async ({ page }) => {
  await open(page);
  await page.getByRole('radio', { name: /张家口市/ }).check();
  await page.getByLabel('想知道哪一年的待遇').selectOption('2027');
  await member(page, 0).getByRole('button', { name: /^2026年/ }).click();
  await member(page, 0).getByLabel('哪天交费').fill('2027-03-10');
  await member(page, 0).getByLabel('称呼(可不填)').fill('老王');
  await expect(headlineDate(page)).toHaveText('2027年7月10日');
  // The name is typed last and computed after a pause: wait for the result that carries it (the card
  // names the person), or the code read here can be the one before it (seen on a loaded machine).
  await expect(page.locator('#live .answer')).toContainText('老王');
  const ref = await reference(page).textContent();
  const before = await formValues(page);

  await page.reload();
  await expect(headlineDate(page)).toHaveText('2027年7月10日');
  await expect(reference(page)).toHaveText(ref);
  expect(await formValues(page)).toEqual(before);
  await expect(member(page, 0).locator('> legend')).toHaveText('老王');
});

test('a share link says what it carries, and restores the same result', async ({ page, browser }) => {
  const seen = watch(page);
  await open(page, ZJK);
  await member(page, 0).getByLabel('称呼(可不填)').fill('张阿姨');
  await member(page, 0).getByLabel(/补缴几年断保/).fill('1');
  await expect(headlineDate(page)).toHaveText('2027年7月10日');
  // Both typed values are in the result the reference is read from (the card names the person).
  await expect(page.locator('#live .answer')).toContainText('张阿姨');
  const ref = await reference(page).textContent();
  const values = await formValues(page);

  await page.getByRole('button', { name: '分享' }).click();
  await expect(page.locator('#sharebox')).toContainText('链接里带着您填写的全部内容');
  await expect(page.locator('#share-url')).toHaveCount(0);
  await page.getByRole('button', { name: '我明白,生成链接' }).click();
  const url = await page.locator('#share-url').inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=[A-Za-z0-9_-]+$/);
  expect(await page.locator('#embed-url').inputValue()).toMatch(/#embed=1&s=/);
  // The link carries the inputs as base64url JSON, nothing else.
  const carried = JSON.parse(Buffer.from(url.split('#s=')[1], 'base64url').toString('utf8'));
  expect(carried.members[0]).toMatchObject({ name: '张阿姨', repair_years: 1, payment_date: '2027-03-10' });

  // A different person (a fresh browser context, nothing stored) opens the link.
  const other = await browser.newContext({ viewport: page.viewportSize(), locale: 'zh-CN', serviceWorkers: 'block' });
  const page2 = await other.newPage();
  const seen2 = watch(page2);
  await page2.goto(url);
  await expect(reference(page2)).toHaveText(ref);
  await expect(headlineDate(page2)).toHaveText('2027年7月10日');
  expect(await formValues(page2)).toEqual(values);
  await expect(page2.locator('#toolmsg')).toContainText('已打开分享链接');
  // Editing the shared scenario drops the fragment, so a reload shows the edited version.
  await member(page2, 0).getByLabel(/补缴几年断保/).fill('2');
  await expect(headlineDate(page2)).toHaveText('2027年6月10日');
  expect(new URL(page2.url()).hash).toBe('');
  await page2.reload();
  await expect(headlineDate(page2)).toHaveText('2027年6月10日');
  expect(seen.errors.concat(seen2.errors)).toEqual([]);
  await other.close();
});

test('the embed view shows a compact result and links to the full page', async ({ page }, testInfo) => {
  const seen = watch(page);
  await page.goto(link(YANTAI_FAMILY, true));
  const card = page.locator('.embed-card');
  await expect(card).toBeVisible();
  await expect(page.locator('#app')).toBeHidden();
  await expect(card.locator('.summary')).toContainText('全家4人应缴');
  await expect(card.locator('.b-date')).toHaveCount(4);
  await expect(card.locator('.b-date').first()).toHaveText('2026年1月1日');
  await expect(card).toContainText('参考编号 YB-');
  await expect(card).toContainText('待核实');
  const full = card.getByRole('link', { name: '打开完整测算,看计算过程' });
  const href = await full.getAttribute('href');
  expect(href).toMatch(/#s=/);
  expect(href).not.toMatch(/embed=1/);
  await expect(page.locator('footer')).toContainText('数据只在本机计算');
  await page.screenshot({ path: shotPath(`embed-${testInfo.project.name}.png`), fullPage: true });

  // The full page shows the same reference as the embed view.
  const ref = (await card.locator('.ref b').textContent()).trim();
  await page.goto(href);
  await expect(reference(page)).toHaveText(ref);
  expect(seen.errors).toEqual([]);
});

test('清除 removes the stored inputs, starts again from the first question, and can be undone', async ({ page }) => {
  await open(page, ZJK);
  await member(page, 0).getByLabel('称呼(可不填)').fill('老李');
  await expect(page.locator('#live .answer')).toContainText('老李');
  await page.getByRole('button', { name: '清除' }).click();
  await expect(page.locator('#step-h')).toHaveText('您在哪里参加居民医保?');
  await expect(page.locator('#form')).toContainText('已清除您填写的内容');
  // Starting again asks for the city again (no city ticked until one is picked).
  await expect(page.locator('#form input[name="policy"]:checked')).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('yibao.scenario.v1'))).toBeNull();
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(member(page, 0).getByLabel('称呼(可不填)')).toHaveValue('老李');
  await expect(headlineDate(page)).toHaveText('2027年8月10日');
});

test('a broken share link falls back and says so', async ({ page }) => {
  await page.goto('/#s=not-base64-json!!');
  await expect(page.locator('#toolmsg')).toContainText('分享链接');
  await expect(answer(page)).toBeVisible();
});
