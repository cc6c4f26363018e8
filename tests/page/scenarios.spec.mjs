// Residents' questions answered through the form, as a person fills it in.
import { test, expect } from '@playwright/test';
import { open, member, headlineDate, reference, watch, ZJK } from './helpers.mjs';


async function fillZhangjiakouRelapse(page) {
  await open(page);
  await page.getByRole('radio', { name: /张家口市/ }).check();
  await page.getByLabel('想知道哪一年的待遇').selectOption('2027');
  const me = member(page, 0);
  for (const year of ['2025', '2026']) {
    const chip = me.getByRole('button', { name: new RegExp(`^${year}年`) });
    await expect(chip).toHaveAttribute('aria-pressed', 'true');
    await chip.click();
    await expect(me.getByRole('button', { name: new RegExp(`^${year}年`) })).toHaveAttribute('aria-pressed', 'false');
  }
  await me.getByLabel('哪天交费').fill('2027-03-10');
  // Two hospital stays: May at a tertiary hospital, September at a secondary one.
  await me.getByText('预计看病花费').click();
  for (const [k, level, month, amount] of [[0, 'tertiary', '5', '30000'], [1, 'secondary', '9', '8000']]) {
    await me.getByRole('button', { name: '+ 添加一次住院' }).click();
    const stay = me.locator('fieldset.stay').nth(k);
    await expect(stay.getByLabel('医院级别')).toBeFocused();
    await stay.getByLabel('医院级别').selectOption(level);
    await stay.getByLabel('哪个月').selectOption(month);
    await stay.getByLabel('住院花费').fill(amount);
  }
  return me;
}

test('Zhangjiakou: two lapsed years, paid 2027-03-10 → cover from 2027-08-10 after 5 months', async ({ page }) => {
  const seen = watch(page);
  await fillZhangjiakouRelapse(page);

  await expect(headlineDate(page)).toHaveText('2027年8月10日');
  await expect(page.locator('#live .b-wait')).toHaveText('等待期5个月');
  await expect(page.locator('#live .summary')).toContainText('本人断保2年,等待期5个月,2027年8月10日起享受待遇');

  const card = page.locator('#res-0');
  // The waiting period broken down: fixed 3 + variable 2 − repaired 0 + floor 0.
  const parts = card.locator('table', { has: page.locator('caption', { hasText: '等待期的组成' }) });
  await expect(parts.locator('tr', { hasText: '固定等待期' })).toContainText('3个月');
  await expect(parts.locator('tr', { hasText: '变动等待期' })).toContainText('+2个月');
  await expect(parts.locator('tr', { hasText: '补缴减少' })).toContainText('−0个月');
  await expect(parts.locator('tr', { hasText: '下限补足' })).toContainText('+0个月');
  await expect(parts.locator('tr.total')).toContainText('5个月');
  // The 大病 cap change is signed and said in words; the resulting cap is flagged 待核实.
  await expect(card.locator('.capline')).toHaveText('本年限额调整:−4000.00元(降低)');
  await expect(card.getByText('本年限额约 296000.00元')).toContainText('待核实');
  // Repair options, the best one said in words.
  await expect(card.locator('.best')).toContainText('最划算:补缴2年,花800.00元,从2027年6月10日起能报销');
  // The stay in May falls in the waiting period; the September one is paid by the fund.
  const stays = card.locator('table', { has: page.locator('caption', { hasText: '按您填的花费估算' }) });
  await expect(stays.locator('tr', { hasText: '住院1:三级医院,5月' })).toContainText('30000.00');
  await expect(stays).toContainText('在待遇等待期内,医保不支付');
  await expect(stays.locator('tr', { hasText: '住院2:二级医院,9月' })).toContainText('5400.00');
  // The other reading of 「每多断保1年」 is shown beside ours.
  const alt = page.locator('.alts');
  await expect(alt).toContainText('本页所用:读法A');
  await expect(alt.locator('tr', { hasText: '等待期' })).toContainText('4个月');
  await expect(alt.locator('tr', { hasText: '开始报销' })).toContainText('2027年7月10日');
  await expect(reference(page)).toHaveText(/^YB-[0-9A-F]{4}-[0-9A-F]{4}$/);
  expect(seen.errors).toEqual([]);
});

test('a repair option moves the cover date, and the reading can be switched', async ({ page }) => {
  const me = await fillZhangjiakouRelapse(page);
  await expect(headlineDate(page)).toHaveText('2027年8月10日');

  await page.locator('#res-0').getByRole('row', { name: /补缴1年/ }).getByRole('button', { name: '按这个算' }).click();
  await expect(headlineDate(page)).toHaveText('2027年7月10日');
  await expect(me.getByLabel(/补缴几年断保/)).toHaveValue('1');
  await expect(page.locator('#res-0 .contrib, #res-0').getByRole('row', { name: /补缴1年/ }).first()).toBeVisible();

  await me.getByLabel(/补缴几年断保/).fill('2');
  await expect(headlineDate(page)).toHaveText('2027年6月10日');
  await expect(page.locator('#live .b-wait')).toHaveText('等待期3个月');
  await expect(page.locator('#res-0').getByRole('row', { name: /合计要交/ })).toContainText('1200.00元');

  await me.getByLabel(/补缴几年断保/).fill('');
  await expect(headlineDate(page)).toHaveText('2027年8月10日');
  await page.getByRole('button', { name: '改按读法B计算' }).click();
  await expect(headlineDate(page)).toHaveText('2027年7月10日');
  await expect(page.locator('#live .b-wait')).toHaveText('等待期4个月');
  await expect(page.locator('.alts')).toContainText('本页所用:读法B');
  await page.locator('#params > summary').click();
  await expect(page.getByRole('radio', { name: /读法B/ })).toBeChecked();
});

test('Yantai household: two tier-1 adults, a student and a minor pay 370+370+170+370 = 1280.00', async ({ page }) => {
  await open(page);
  await page.getByRole('radio', { name: /烟台市/ }).check();
  await expect(member(page, 0).getByLabel('属于哪一类人员')).toHaveValue('adult_tier1');
  await page.getByRole('button', { name: '+ 配偶' }).click();
  await member(page, 1).getByLabel('属于哪一类人员').selectOption({ label: '成年居民(一档)' });
  await page.getByRole('button', { name: '+ 子女' }).click();
  await member(page, 2).getByLabel('称呼(可不填)').fill('大宝');
  await member(page, 2).getByLabel('属于哪一类人员').selectOption({ label: '在校学生' });
  await page.getByRole('button', { name: '+ 子女' }).click();
  await member(page, 3).getByLabel('称呼(可不填)').fill('小宝');
  await member(page, 3).getByLabel('属于哪一类人员').selectOption({ label: '其他未成年居民' });

  const house = page.locator('.household');
  await expect(house).toBeVisible();
  const rows = house.locator('table').first().locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText('本人');
  await expect(rows.nth(0)).toContainText('370.00');
  await expect(rows.nth(1)).toContainText('配偶');
  await expect(rows.nth(1)).toContainText('370.00');
  await expect(rows.nth(2)).toContainText('大宝');
  await expect(rows.nth(2)).toContainText('170.00');
  await expect(rows.nth(3)).toContainText('小宝');
  await expect(rows.nth(3)).toContainText('370.00');
  await expect(rows.nth(4)).toContainText('全家合计');
  await expect(rows.nth(4).locator('td').first()).toHaveText('1280.00');
  await expect(house.locator('thead th').nth(1)).toHaveText('个人缴费(元)');
  await expect(page.locator('#live .summary')).toContainText('全家4人应缴1,280元');
  await expect(page.locator('#live .big')).toHaveCount(4);
});

test('Yantai newborn born 2025-10-08, paid 2025-10-20 for 2026: covered from the payment date', async ({ page }) => {
  await open(page);
  await page.getByRole('radio', { name: /烟台市/ }).check();
  await page.getByLabel('想知道哪一年的待遇').selectOption('2026');
  const baby = member(page, 0);
  await baby.getByLabel('和您的关系').selectOption('child');
  await baby.getByLabel('属于哪一类人员').selectOption({ label: '新生儿' });
  await expect(baby.getByRole('button', { name: /^2025年/ })).toHaveCount(0);
  await baby.getByLabel('出生日期').fill('2025-10-08');
  await baby.getByLabel('哪天交费').fill('2025-10-20');

  await expect(headlineDate(page)).toHaveText('2025年10月20日');
  await expect(page.locator('#live .b-wait')).toHaveText('不设等待期');
  await expect(page.locator('#res-0')).toContainText('新生儿不设等待期');
  await expect(page.locator('#res-0 .dline')).toContainText('至 2026年12月31日');
});

test('an unverified parameter can be changed; official ones cannot', async ({ page }) => {
  await fillZhangjiakouRelapse(page);
  await expect(page.locator('#res-0')).toContainText('住院2:二级医院,9月');
  await page.locator('#res-0').getByRole('link', { name: '修改原封顶线' }).click();
  const input = page.locator('#f-overrides_cap_original');
  await expect(input).toBeFocused();
  await input.fill('250000');
  await expect(page.locator('#res-0').getByText('本年限额约 246000.00元')).toContainText('您自填');
  await expect(page.locator('#p-f-waiting_fixed_months')).toContainText('官方数值,不能修改');
  await expect(page.locator('#p-f-waiting_fixed_months input')).toHaveCount(0);
  // The trace shows the clause, the document and the user's value beside the policy's.
  await page.locator('#trace > summary').click();
  await expect(page.locator('#trace-body')).toContainText('大病保险原封顶线 = 250000(资料原值 300000)');
  await expect(page.locator('#trace-body')).toContainText('设置参保后固定待遇等待期3个月');
  await expect(page.locator('#trace-body')).toContainText('出处:张家口市2025年度全民参保工作新闻发布会图文实录');
});

test('compare: the same household under each city, and paying now versus repairing', async ({ page }) => {
  await fillZhangjiakouRelapse(page);
  await page.locator('#cmp > summary').click();
  const cards = page.locator('.cmp-card');
  await expect(cards).toHaveCount(3);
  await expect(cards.filter({ hasText: '张家口市(当前选择)' })).toContainText('2027年8月10日');
  const yantai = cards.filter({ hasText: '烟台市' });
  await expect(yantai).toContainText('本人:烟台市没有「成年居民」这一类,按「成年居民(一档)」计算');
  await expect(yantai).toContainText('−6000.00元');
  const national = cards.filter({ hasText: '国家基准' });
  await expect(national).toContainText('国家基准的资料中没有住院的报销标准,这些花费没有计入');
  const repair = page.locator('#cmp-body table', { has: page.locator('caption', { hasText: '补缴几年的对比' }) });
  await expect(repair.locator('tbody tr')).toHaveCount(3);
  await expect(repair.locator('tbody tr').nth(0)).toContainText('现在交,不补缴');
  await expect(repair.locator('tbody tr').nth(2)).toContainText('2027年6月10日');
  await expect(repair.locator('tbody tr').nth(2)).toContainText('1200.00');
});

test('a spending line the city has no standard for says 未估算 and why', async ({ page }) => {
  // Zhangjiakou publishes no 普通门诊 standard; the form does not ask for it, but a link may carry it.
  const scenario = { ...ZJK, members: [{ ...ZJK.members[0], spending: { ...ZJK.members[0].spending, outpatient: '1000' } }] };
  await open(page, scenario);
  const table = page.locator('#res-0 table', { has: page.locator('caption', { hasText: '按您填的花费估算' }) });
  const row = table.locator('tr', { hasText: '普通门诊' }).first();
  await expect(row).toContainText('未估算');
  await expect(table).toContainText('张家口市的资料中没有普通门诊的报销标准,未估算');
  await expect(page.locator('#res-0')).toContainText('「未估算」:张家口市的资料里没有这一项的报销标准');
  await expect(page.locator(`#f-members_0_spending_outpatient`)).toHaveCount(0);
});
