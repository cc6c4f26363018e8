// Shared helpers for the page tests (not a spec file: playwright.config.mjs matches *.spec.mjs).
import fs from 'node:fs';
import { expect } from '@playwright/test';

export const SHOTS = 'target/screenshots';
export function shotPath(name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  return `${SHOTS}/${name}`;
}

// Collects console errors, uncaught exceptions, failed requests and every request the page makes.
export function watch(page) {
  const seen = { errors: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => seen.errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A navigation cancels what the previous page was still loading: not a failure of the page.
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') seen.errors.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('request', (req) => seen.requests.push(req.url()));
  return seen;
}

// Requests to anything but the page's own origin (data: and blob: URLs stay on the device).
export const foreign = (urls) =>
  urls.filter((u) => {
    const { protocol, hostname } = new URL(u);
    return !['data:', 'blob:'].includes(protocol) && hostname !== '127.0.0.1';
  });

// base64url of the scenario's JSON: the page's share-link format (#s=…).
export const encode = (scenario) => Buffer.from(JSON.stringify(scenario), 'utf8').toString('base64url');
export const link = (scenario, embed) => `/#${embed ? 'embed=1&' : ''}s=${encode(scenario)}`;

// Opens the page and waits for the answer card (or the grey card naming what is missing). With a
// scenario, from a share link (the answer comes first); without, a first visit, which starts with
// the guided questions: this skips them (不用一步步填), for tests of the full form.
export async function open(page, scenario) {
  await page.goto(scenario ? link(scenario) : '/');
  await expect(page.locator('#version')).toHaveText(/^\d+\.\d+\.\d+/);
  if (!scenario) await page.getByRole('button', { name: /不用一步步填/ }).click();
  await expect(page.locator('#live .answer').first()).toBeVisible();
  await expect(page.locator('#form-sec')).toBeVisible();
}

// The answer card when it shows a result; the grey card when the inputs cannot be computed.
export const answer = (page) => page.locator('#live .answer:not(.a-pending)');
export const pending = (page) => page.locator('#live .a-pending');

// 下一步 in the guided questions.
export const next = (page) => page.getByRole('button', { name: '下一步' }).click();

// The issue-9 resident through the guided path: Zhangjiakou, 2028, lapsed 2026–2027, paying
// 2028-03-10, a 二级 stay of 20,000 in September.
export async function answerAsTheResident(page, shots) {
  const shot = async (name) => shots && page.screenshot({ path: shotPath(`${shots}-${name}.png`) });
  await page.goto('/');
  await shot('1-city');
  await page.getByRole('radio', { name: /张家口市/ }).check();
  await next(page);
  await shot('2-who');
  await next(page);
  await page.getByLabel('想知道哪一年的待遇').selectOption('2028');
  await shot('3-year');
  await next(page);
  for (const y of ['2026', '2027']) await page.getByRole('button', { name: new RegExp(`^${y}年`) }).click();
  await shot('4-history');
  await next(page);
  await page.getByLabel('哪天交费').fill('2028-03-10');
  await shot('5-pay');
  await next(page);
  await page.getByRole('button', { name: '+ 添加一次住院' }).click();
  await page.getByLabel('医院级别').selectOption('secondary');
  await page.getByLabel('哪个月').selectOption('9');
  await page.getByLabel('住院花费').fill('20000');
  await shot('6-spend');
  await page.getByRole('button', { name: '看结果' }).click();
  await expect(answer(page)).toBeVisible();
  await shot('7-answer');
}

// Leaves a field, as a person does when done with it: its error (if any) may show now.
export const leave = (locator) => locator.evaluate((el) => el.blur());

// The issue-9 resident: Zhangjiakou, enrolled 2025, lapsed 2026 and 2027, paying 2028-03-10 for
// 2028, a 二级 hospital stay of 20,000 in September.
export const ZJK_2028 = {
  policy: 'zhangjiakou-2025',
  benefit_year: 2028,
  members: [{
    role: 'self', category: 'adult',
    history: [{ year: 2025, enrolled: true }, { year: 2026, enrolled: false }, { year: 2027, enrolled: false }],
    payment_date: '2028-03-10',
    spending: { stays: [{ level: 'secondary', month: 9, amount: '20000' }] },
  }],
};

// A WeChat in-app browser on an Android phone, as residents open the page from an article.
export const WECHAT_UA = 'Mozilla/5.0 (Linux; Android 10; V2001A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 ' +
  'Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) ' +
  'WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

// The field id the page derives from a scenario path (members[0].payment_date → f-members_0_payment_date).
export const fid = (path) => `f-${path.replace(/[^A-Za-z0-9]+/g, '_')}`;
export const member = (page, i) => page.locator(`#${fid(`members[${i}]`)}`);
export const headlineDate = (page, i = 0) => page.locator('#live .b-date').nth(i);
export const reference = (page) => page.locator('#live .ref b');

// Every form control's value, to check that nothing the user typed was lost.
export const formValues = (page) =>
  page.$$eval('#form input, #form select', (els) =>
    els.map((e) => [e.id || e.name, e.type === 'checkbox' || e.type === 'radio' ? e.checked : e.value]));

// Zhangjiakou, benefit year 2027, lapsed 2025 and 2026, paid 2027-03-10 (tests/golden/zjk-relapse).
export const ZJK = {
  policy: 'zhangjiakou-2025',
  benefit_year: 2027,
  members: [
    {
      role: 'self',
      category: 'adult',
      history: [{ year: 2025, enrolled: false }, { year: 2026, enrolled: false }],
      payment_date: '2027-03-10',
      spending: { stays: [{ level: 'tertiary', month: 5, amount: '30000' }, { level: 'secondary', month: 9, amount: '8000' }] },
    },
  ],
};

// Yantai 2026: two adults (tier 1), a student and another minor, all paid in the window.
export const YANTAI_FAMILY = {
  policy: 'yantai-2025',
  benefit_year: 2026,
  members: [
    { name: '爸爸', role: 'self', category: 'adult_tier1', history: [{ year: 2025, enrolled: true, zero_claim: true }], payment_date: '2025-11-20',
      spending: { outpatient: '1200', stays: [{ level: 'tertiary', month: 4, amount: '60000' }] } },
    { name: '妈妈', role: 'spouse', category: 'adult_tier1', history: [{ year: 2025, enrolled: false }], payment_date: '2026-02-14',
      spending: { childbirth: { child_order: 2, month: 10 } } },
    { name: '大宝', role: 'child', category: 'student', history: [{ year: 2025, enrolled: true }], payment_date: '2025-11-20' },
    { name: '小宝', role: 'child', category: 'minor', history: [{ year: 2025, enrolled: true }], payment_date: '2025-11-20',
      spending: { special_rehab: { condition: 'autism', amount: '12000' } } },
  ],
};

// Runs axe-core and returns the serious and critical violations, one line each.
export async function seriousViolations(AxeBuilder, page) {
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  return violations
    .filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')})`);
}

// With ZJK open at ?test-trap=1: a trap restarts the core (wasm or fallback alike), the inputs stay, the
// result comes back, and the next change computes.
export async function trapThenRecover(page) {
  await expect(headlineDate(page)).toHaveText('2027年8月10日');
  const values = await formValues(page);
  expect(await page.evaluate(() => window.yibaoTest.loads)).toBe(1);
  await page.evaluate(() => window.yibaoTest.trap());
  await member(page, 0).getByLabel('称呼(可不填)').fill('老张');
  await expect(page.locator('#toolmsg')).toContainText('测算程序刚才出错,已自动重新启动');
  await expect(answer(page)).toBeVisible();
  await expect(headlineDate(page)).toHaveText('2027年8月10日');
  expect(await page.evaluate(() => window.yibaoTest.loads)).toBe(2);
  const unnamed = (list) => list.filter(([id]) => id !== fid('members[0].name'));
  expect(unnamed(await formValues(page))).toEqual(unnamed(values));
  await member(page, 0).getByLabel(/补缴几年断保/).fill('2');
  await expect(headlineDate(page)).toHaveText('2027年6月10日');
}

// With ZJK open and its files in the service worker's cache: offline, a reload shows the result and
// a change computes.
export async function worksOffline(page, context) {
  await context.setOffline(true);
  await page.reload();
  await expect(headlineDate(page)).toHaveText('2027年8月10日');
  await member(page, 0).getByLabel(/补缴几年断保/).fill('2');
  await expect(headlineDate(page)).toHaveText('2027年6月10日');
  await context.setOffline(false);
}

// The cities the built page lists (dist/policies/index.<hash>.json, as scripts/build-www wrote it
// from policies/*.toml): tests count cards and choices from it, never from a number of their own.
export function cities() {
  const dir = 'dist/policies';
  const list = fs.readdirSync(dir).find((f) => /^index\.[0-9a-f]+\.json$/.test(f));
  return JSON.parse(fs.readFileSync(`${dir}/${list}`, 'utf8')).policies;
}
