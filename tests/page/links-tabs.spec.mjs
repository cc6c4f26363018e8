// Hostile input, round two, the page's part (issue 10): a link or a stored entry is checked against
// the core's limits before any of the page is built from it; names are isolated (answer-first.spec);
// two tabs never silently overwrite each other, and 清除 in one is not undone by another; a change of
// city and back loses nothing (answer-first.spec).
import { test, expect } from '@playwright/test';
import { open, answer, member, fid, link, watch, ZJK } from './helpers.mjs';

const STORE = 'yibao.scenario.v1';

for (const year of [20000, 99999, 3e7, 1e9]) {
  test(`a link with benefit_year ${year}: refused with the reason, and the page stays quick`, async ({ page }) => {
    const seen = watch(page);
    await page.goto(link({ ...ZJK, benefit_year: year }));
    await expect(page.locator('#toolmsg')).toContainText(`待遇年度「${year}」不在2025—2035年之间`);
    await expect(answer(page)).toBeVisible();
    // Adding a member builds its history from a sane year: no freeze, no "Invalid array length".
    await page.getByRole('button', { name: '+ 配偶' }).click();
    await expect(member(page, 1)).toBeVisible({ timeout: 3000 });
    const chips = await member(page, 1).locator('.chip').count();
    expect(chips).toBeLessThanOrEqual(2035 - 2025);
    expect(seen.errors).toEqual([]);
  });
}

test('a link whose history row is not an object (history:[7]) is refused before a chip is built', async ({ page }) => {
  const seen = watch(page);
  await page.goto(link({ ...ZJK, members: [{ ...ZJK.members[0], history: [7] }] }));
  await expect(page.locator('#toolmsg')).toContainText('第1位成员的往年参保情况格式不对');
  const chip = member(page, 0).locator('.chip').first();
  if (await chip.count()) await chip.click();
  expect(seen.errors).toEqual([]);
});

test('storage with an absurd year is not used either', async ({ page }) => {
  const seen = watch(page);
  await page.addInitScript(([k, v]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(k, v);
      sessionStorage.setItem('seeded', '1');
    }
  }, [STORE, JSON.stringify({ ...ZJK, benefit_year: 1e9 })]);
  await page.goto('/');
  await expect(page.locator('#toolmsg')).toContainText('待遇年度「1000000000」不在2025—2035年之间');
  await page.getByRole('button', { name: '+ 配偶' }).click();
  await expect(member(page, 1)).toBeVisible();
  expect(seen.errors).toEqual([]);
});

// Tab A saves 甲; tab B (same phone, same storage) opens what A saved.
async function twoTabs(context) {
  const a = await context.newPage();
  const b = await context.newPage();
  await open(a, ZJK);
  await member(a, 0).getByLabel('称呼(可不填)').fill('甲');
  await expect(answer(a)).toContainText('甲');
  await a.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  await b.goto('/');
  await expect(member(b, 0).getByLabel('称呼(可不填)')).toHaveValue('甲');
  return [a, b];
}
const storedName = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)).members[0].name, STORE);

test('two tabs: a save in one is not silently written over by the other, and it can be taken', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  // Tab B saves its own edit.
  await member(b, 0).getByLabel('称呼(可不填)').fill('乙');
  await expect(answer(b)).toContainText('乙');
  await expect.poll(() => storedName(b)).toBe('乙');
  // Tab A is told; leaving it does not write 甲 back over 乙.
  await expect(a.locator('#toolmsg')).toContainText('另一个窗口刚保存了不同的内容');
  await a.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  expect(await storedName(a)).toBe('乙');
  // It can take the other tab's inputs.
  await a.getByRole('button', { name: '改用那边的' }).click();
  await expect(member(a, 0).getByLabel('称呼(可不填)')).toHaveValue('乙');
  // Editing in A after being told saves A's (not silently: it was said).
  await member(a, 0).getByLabel('称呼(可不填)').fill('丙');
  await expect.poll(() => storedName(a)).toBe('丙');
});

test('two tabs: 清除 in one is not undone by the other', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await member(b, 0).getByLabel(`补缴几年断保(不补填0)`).fill('1');
  await expect.poll(() => b.evaluate((k) => JSON.parse(localStorage.getItem(k)).members[0].repair_years, STORE)).toBe(1);
  await a.getByRole('button', { name: '清除' }).click();
  expect(await a.evaluate((k) => localStorage.getItem(k), STORE)).toBeNull();
  await expect(b.locator('#toolmsg')).toContainText('另一个窗口清除了保存的内容');
  // B's next save (leaving the page) does not bring the cleared inputs back.
  await b.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  expect(await b.evaluate((k) => localStorage.getItem(k), STORE)).toBeNull();
  await expect(b.locator(`#${fid('members[0].name')}`)).toHaveValue('甲');
});
