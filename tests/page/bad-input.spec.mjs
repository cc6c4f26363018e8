// Bad input: once the person leaves the field, the core's message appears next to it; everything
// typed is kept; the answer card turns grey and names the input — no figure from before, never a mix.
import { test, expect } from '@playwright/test';
import { open, answer, pending, leave, fid, formValues, headlineDate, watch, ZJK, YANTAI_FAMILY } from './helpers.mjs';

const NEWBORN = {
  policy: 'yantai-2025',
  benefit_year: 2026,
  members: [{ role: 'child', category: 'newborn', birth_date: '2025-10-08', payment_date: '2025-10-20' }],
};

// [what, start scenario, field path, how to break it, expected message, how to fix it]
const CASES = [
  ['negative amount', YANTAI_FAMILY, 'members[0].spending.outpatient', (f) => f.fill('-5'), '普通门诊花费无效:不能为负数', (f) => f.fill('1200')],
  ['text instead of an amount', YANTAI_FAMILY, 'members[0].spending.outpatient', (f) => f.fill('一千'), '普通门诊花费无效:「一千」不是金额,请只填数字,例如 1200', (f) => f.fill('1000')],
  ['three decimals', ZJK, 'members[0].spending.stays[1].amount', (f) => f.fill('8000.125'), '住院花费无效:最多两位小数', (f) => f.fill('8000.12')],
  ['stay amount left empty', ZJK, 'members[0].spending.stays[0].amount', (f) => f.fill(''), '请填写住院花费', (f) => f.fill('30000')],
  // An empty date is a missing one (not the date 「」).
  ['payment date cleared', ZJK, 'members[0].payment_date', (f) => f.fill(''), '请填写缴费日期', (f) => f.fill('2027-03-10')],
  // Dates the core writes ISO read as dates.
  ['payment after the benefit year', ZJK, 'members[0].payment_date', (f) => f.fill('2028-01-05'), '晚于待遇年度结束日2027年12月31日', (f) => f.fill('2027-03-10')],
  ['payment before the window', YANTAI_FAMILY, 'members[2].payment_date', (f) => f.fill('2025-08-01'), '早于2026年度集中参保期开始日2025年9月1日', (f) => f.fill('2025-11-20')],
  ['newborn born after paying', NEWBORN, 'members[0].birth_date', (f) => f.fill('2025-10-25'), '出生日期2025年10月25日晚于缴费日期2025年10月20日', (f) => f.fill('2025-10-08')],
  ['newborn without a birth date', NEWBORN, 'members[0].birth_date', (f) => f.fill(''), '新生儿请填写出生日期', (f) => f.fill('2025-10-08')],
  ['repairing more years than lapsed', ZJK, 'members[0].repair_years', (f) => f.fill('3'), '补缴年数(3)多于紧接待遇年度之前的连续断保年数(2)', (f) => f.fill('')],
  ['repair years not a number', ZJK, 'members[0].repair_years', (f) => f.fill('两'), '补缴年数应为整数,收到「两」', (f) => f.fill('')],
  ['child order out of range', YANTAI_FAMILY, 'members[1].spending.childbirth.child_order', (f) => f.fill('0'), '第几孩应为1—10', (f) => f.fill('2')],
  ['name too long', ZJK, 'members[0].name', (f) => f.fill('长'.repeat(41)), '称呼最多40个字', (f) => f.fill('老王')],
  ['bad override value', ZJK, 'overrides.cap.original', (f) => f.fill('三十万'), '「大病保险原封顶线」的值无效', (f) => f.fill('300000')],
];

for (const [what, scenario, path, breakIt, message, fixIt] of CASES) {
  test(`bad input: ${what}`, async ({ page }) => {
    const seen = watch(page);
    await open(page, scenario);
    if (path.startsWith('overrides.')) await page.locator('#params > summary').click();
    const fieldEl = page.locator(`#${fid(path)}`);
    await expect(fieldEl).toBeAttached();
    // Fields inside a closed section (spending) are opened first, as a person would.
    const closed = page.locator('details:not([open])', { has: fieldEl });
    if (await closed.count()) await closed.last().locator('> summary').click();
    const goodDate = await headlineDate(page).textContent();
    const before = await formValues(page);

    await breakIt(fieldEl);
    await leave(fieldEl);
    const slot = page.locator(`#e-${fid(path)}`);
    await expect(slot).toBeVisible();
    await expect(slot).toContainText(message);
    // Next to its field: in the same field box, tied to the control for screen readers.
    const box = fieldEl.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " field ")][1]');
    await expect(box.locator('.err')).toContainText(message);
    await expect(fieldEl).toHaveAttribute('aria-invalid', 'true');
    await expect(fieldEl).toHaveAttribute('aria-describedby', `e-${fid(path)}`);
    // The answer card turns grey and names it, with a link to it; no figure from before.
    await expect(pending(page)).toContainText(message);
    await expect(pending(page).getByRole('link').first()).toHaveAttribute('href', /^#/);
    await expect(answer(page)).toHaveCount(0);
    await expect(page.locator('#live .b-date')).toHaveCount(0);
    await expect(page.locator('#results .mres')).toHaveCount(0);
    // Nothing else the user typed was lost.
    const after = await formValues(page);
    const changed = after.filter(([id, v], k) => before[k] && before[k][1] !== v).map(([id]) => id);
    expect(after.map(([id]) => id)).toEqual(before.map(([id]) => id));
    expect(changed).toEqual([fid(path)]);

    await fixIt(fieldEl);
    await expect(slot).toBeHidden();
    await expect(pending(page)).toHaveCount(0);
    await expect(headlineDate(page)).toHaveText(goodDate);
    await expect(fieldEl).not.toHaveAttribute('aria-invalid', 'true');
    expect(seen.errors).toEqual([]);
  });
}

test('bad input: two people marked 本人', async ({ page }) => {
  await open(page, YANTAI_FAMILY);
  await page.locator(`#${fid('members[1].role')}`).selectOption('self');
  const slot = page.locator(`#e-${fid('members')}`);
  await expect(slot).toContainText('只能有一位「本人」');
  await expect(pending(page)).toContainText('只能有一位「本人」');
  await expect(answer(page)).toHaveCount(0);
  await page.locator(`#${fid('members[1].role')}`).selectOption('spouse');
  await expect(slot).toBeHidden();
});

test('a link whose scenario is invalid still shows the form and every message', async ({ page }) => {
  await open(page, { ...ZJK, members: [{ ...ZJK.members[0], payment_date: '2027-02-30', repair_years: 5 }] });
  await expect(page.locator(`#e-${fid('members[0].payment_date')}`)).toContainText('这一天不存在');
  await expect(pending(page)).toContainText('改好后马上显示结果');
  await page.locator(`#${fid('members[0].payment_date')}`).fill('2027-03-10');
  await page.locator(`#${fid('members[0].repair_years')}`).fill('');
  await expect(headlineDate(page)).toHaveText('2027年8月10日');
});
