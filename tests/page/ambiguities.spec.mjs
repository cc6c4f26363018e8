// Where the rule text is silent (RULES.md §6 A6–A8, issue 14), the page shows both readings where
// the figure is shown, says which one it used, and lets the person switch; A7's business days
// reach the answer card in the core's words.
import { test, expect } from '@playwright/test';
import { open, answer, member, fid, headlineDate, ZJK } from './helpers.mjs';

test('A6: a 特困 adult repairing a lapsed year: 400元 at the full standard, 0元 at her own share, and a switch', async ({ page }) => {
  const tekun = { policy: 'zhangjiakou-2025', benefit_year: 2027, members: [{ role: 'self', category: 'adult', subsidy_group: 'te_kun',
    history: [{ year: 2025, enrolled: true }, { year: 2026, enrolled: false }], payment_date: '2027-03-10', repair_years: 1 }] };
  await open(page, tekun);
  const alt = page.locator('.alts .alt', { hasText: '特困人员' });
  await expect(alt).toContainText('本页所用:按个人缴费标准补缴');
  const row = alt.locator('tr', { hasText: '补缴1年的费用' });
  await expect(row).toContainText('400元');
  await expect(row).toContainText('0元');
  // The waiting period is the same under both: no rows for it.
  await expect(alt.locator('tr', { hasText: '等待期' })).toHaveCount(0);
  const d = page.locator('#res-0');
  await d.locator('> summary').click();
  await expect(d.locator('.contrib tr', { hasText: '补缴1年' })).toContainText('400元(另一种理解:0元)');
  await alt.getByRole('button', { name: '改按本人负担的比例补缴' }).click();
  await expect(page.locator('.alts .alt', { hasText: '特困人员' })).toContainText('本页所用:按本人负担的比例补缴');
  await expect(page.locator('#res-0 .contrib tr', { hasText: '补缴1年' })).toContainText('0元(另一种理解:400元)');
  await page.locator('#params > summary').click();
  await expect(page.getByRole('radio', { name: '按本人负担的比例' })).toBeChecked();
});

test('A7: a Zhangjiakou payment on 10-28 is inside the window but not a business day, and the card says so', async ({ page }) => {
  await open(page, { ...ZJK, members: [{ role: 'self', category: 'adult', history: [{ year: 2025, enrolled: true }, { year: 2026, enrolled: true }], payment_date: '2026-10-28' }] });
  await expect(headlineDate(page)).toHaveText('2027年1月1日');
  await expect(answer(page).locator('.a-more')).toContainText('10月28日在集中参保期内,但不是缴费业务办理日(9月—11月为1日—25日,12月为1日—28日)');
  await expect(answer(page).locator('.a-more')).toContainText('请改在10月25日或以前、11月1日或以后交');
});

test('A8: a first-time student not enrolled here in 2025 is asked whether she was insured elsewhere', async ({ page }) => {
  await open(page, { policy: 'yantai-2025', benefit_year: 2026, members: [{ role: 'self', category: 'university_first', history: [{ year: 2025, enrolled: false }], payment_date: '2025-09-10' }] });
  const alt = page.locator('.alts .alt', { hasText: '别处参保' });
  await expect(alt.locator('tr', { hasText: '大病保险限额' })).toContainText('减少3,000元');
  await expect(alt.locator('tr', { hasText: '大病保险限额' })).toContainText('不变');
  await expect(answer(page).locator('.a-lapse')).toContainText('如果那些年在别处参保过,就不算断保,限额不减少');
  const ask = member(page, 0).getByLabel(/在别的地方参加过居民医保或职工医保吗/);
  await expect(ask).toHaveValue('');
  await ask.selectOption('true');
  await expect(page.locator('.alts .alt', { hasText: '别处参保' })).toHaveCount(0);
  await expect(answer(page).locator('.a-lapse')).toHaveCount(0);
  // The answer goes with the scenario (a link, a reload).
  await page.reload();
  await expect(member(page, 0).getByLabel(/在别的地方参加过居民医保或职工医保吗/)).toHaveValue('true');
  await expect(page.locator(`#${fid('members[0].insured_elsewhere')}`)).toBeVisible();
});
