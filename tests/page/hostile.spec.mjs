// Hostile input and rough handling: the shipped Content-Security-Policy, tampered share links,
// corrupt storage, a trap in the wasm core, double clicks and rapid typing. Never a blank page.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { open, answer, fid, member, headlineDate, reference, formValues, foreign, watch, trapThenRecover, ZJK, YANTAI_FAMILY, cities } from './helpers.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";
const STORE = 'yibao.scenario.v1';
const b64 = (text) => Buffer.from(text, 'utf8').toString('base64url');

// Records every securitypolicyviolation event from the first script on.
async function cspWatch(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
const violations = (page) => page.evaluate(() => window.__csp);

test('both pages ship the Content-Security-Policy', () => {
  for (const file of ['dist/index.html', 'dist/accessibility.html']) {
    const html = fs.readFileSync(file, 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    expect(meta, file).not.toBeNull();
    expect(meta[1]).toBe(CSP);
    // Before any script or stylesheet, so it covers them all; nothing inline for it to block.
    expect(html.indexOf(meta[0])).toBeLessThan(html.indexOf('<link'));
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
  }
});

test('the page works under its CSP: no violation, no request off its origin', async ({ page }) => {
  await cspWatch(page);
  const seen = watch(page);
  await open(page, YANTAI_FAMILY);
  await expect(headlineDate(page)).toBeVisible();
  // Every panel and the share flow render under the policy too.
  for (const id of ['cmp', 'trace', 'repro']) {
    await page.locator(`#${id} > summary`).click();
    await expect(page.locator(`#${id}-body`)).not.toBeEmpty();
  }
  await page.getByRole('button', { name: '分享' }).click();
  await page.getByRole('button', { name: '我明白,生成链接' }).click();
  const embed = await page.locator('#embed-url').inputValue();
  await member(page, 0).getByLabel('称呼(可不填)').fill('爸');
  await expect(answer(page)).toBeVisible();
  await page.goto(embed);
  await expect(page.locator('#embed .b-date').first()).toBeVisible();
  await page.goto('/accessibility.html');
  await expect(page.locator('h1')).toHaveText('无障碍说明');
  expect(await violations(page)).toEqual([]);
  expect(foreign(seen.requests)).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a panel whose code cannot be downloaded says so, and opens on the next try', async ({ page }) => {
  await open(page, ZJK);
  const panels = /\/panels\.[0-9a-f]{8}\.js(#.*)?$/;
  await page.route(panels, (route) => route.abort());
  await page.locator('#cmp > summary').click();
  await expect(page.locator('#toolmsg')).toContainText('加载失败');
  await page.unroute(panels);
  await page.locator('#cmp > summary').click();
  await page.locator('#cmp > summary').click();
  await expect(page.locator('.cmp-card')).toHaveCount(cities().length);
  await expect(headlineDate(page)).toHaveText('2027年8月10日');
});

// An engine that may not compile WebAssembly under the CSP (iOS 15): old-engines.spec.mjs.

// ---- share links ---------------------------------------------------------------------------------
const BAD_LINKS = [
  ['broken base64', '/#s=%%%!!!***'],
  ['a truncated link', `/#s=${b64(JSON.stringify(ZJK)).slice(0, 57)}`],
  ['base64 of broken JSON', `/#s=${b64('{"policy":"yantai-2025","members":[{')}`],
  ['base64 of bytes that are not text', `/#s=${Buffer.from([0xff, 0xfe, 0x00, 0x9c]).toString('base64url')}`],
  ['JSON of the wrong shape (a list)', `/#s=${b64('[1,2,3]')}`],
  ['JSON of the wrong shape (members not objects)', `/#s=${b64(JSON.stringify({ policy: 'yantai-2025', benefit_year: 2026, members: [1, 'x', null] }))}`],
  ['an unknown policy', `/#s=${b64(JSON.stringify({ ...ZJK, policy: '<img src=x>' }))}`],
  ['a year that is not a number', `/#s=${b64(JSON.stringify({ ...ZJK, benefit_year: { y: 1 } }))}`],
  ['a huge payload (150 KB)', `/#s=${b64(JSON.stringify({ ...ZJK, pad: 'x'.repeat(150000) }))}`],
  ['an embed link with a broken payload', '/#embed=1&s=e30'],
];
for (const [what, url] of BAD_LINKS) {
  test(`share link: ${what} → a Chinese notice; the saved inputs stay`, async ({ page }) => {
    const seen = watch(page);
    await open(page, ZJK);
    await member(page, 0).getByLabel('称呼(可不填)').fill('老王');
    await expect(page.locator(`#lg-0`)).toHaveText('老王');
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    const saved = await page.evaluate((k) => localStorage.getItem(k), STORE);
    expect(JSON.parse(saved).members[0].name).toBe('老王');
    const values = await formValues(page);

    await page.goto('about:blank');
    await page.goto(url);
    await expect(answer(page)).toBeVisible();
    await expect(page.locator('#toolmsg')).toContainText(what.startsWith('a huge') ? '太长' : /损坏|看不懂/);
    await expect(page.locator('#toolmsg')).toContainText('本机保存的内容没有被改动');
    // The page shows what this phone had saved, and leaves it saved.
    expect(await formValues(page)).toEqual(values);
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    expect(await page.evaluate((k) => localStorage.getItem(k), STORE)).toBe(saved);
    expect(seen.errors).toEqual([]);
  });
}

test('a valid share link whose inside cannot be shown falls back to the defaults', async ({ page }) => {
  const seen = watch(page);
  // The outline is right; the insides are of the wrong types everywhere.
  const odd = { policy: 'zhangjiakou-2025', benefit_year: 2027, members: [{ role: 7, category: [], history: 'x', spending: { stays: 'many' }, name: { a: 1 } }] };
  await page.goto(`/#s=${b64(JSON.stringify(odd))}`);
  await expect(page.locator('#live .answer').first()).toBeVisible();
  await expect(page.locator('#app')).toBeVisible();
  expect(seen.errors).toEqual([]);
});

// ---- storage -------------------------------------------------------------------------------------
const BAD_STORE = [
  ['not JSON', '{"policy":"yantai-2025",'],
  ['JSON of the wrong type', '"hello"'],
  ['members of the wrong types', JSON.stringify({ policy: 'yantai-2025', benefit_year: 2026, members: 'everyone' })],
  ['an unknown policy', JSON.stringify({ ...ZJK, policy: 'atlantis-2099' })],
  ['an unknown version', JSON.stringify({ ...ZJK, version: 7 })],
];
for (const [what, stored] of BAD_STORE) {
  test(`storage: ${what} → defaults and a short notice`, async ({ page }) => {
    const seen = watch(page);
    await page.addInitScript(([k, v]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(k, v);
        sessionStorage.setItem('seeded', '1');
      }
    }, [STORE, stored]);
    await page.goto('/');
    await expect(answer(page)).toBeVisible();
    await expect(page.locator('#toolmsg')).toContainText('本机保存的内容已损坏或来自其他版本');
    await expect(member(page, 1)).toHaveCount(0);
    // The next edit saves a good scenario over it; a reload then has nothing to complain about.
    await member(page, 0).getByLabel('称呼(可不填)').fill('小李');
    await page.reload();
    await expect(member(page, 0).locator('> legend')).toHaveText('小李');
    await expect(page.locator('#toolmsg')).toBeEmpty();
    expect(seen.errors).toEqual([]);
  });
}

// ---- a trap in the core ------------------------------------------------------------------------
test('a trap in the wasm core: the module is re-created, the inputs kept, the next change works', async ({ page }) => {
  const seen = watch(page);
  await page.goto(`/?test-trap=1#s=${b64(JSON.stringify(ZJK))}`);
  await trapThenRecover(page);
  expect(seen.errors).toEqual([]);
  // Without the flag there is no hook.
  await page.goto('/');
  expect(await page.evaluate(() => typeof window.yibaoTest)).toBe('undefined');
});

// ---- double clicks and rapid typing ------------------------------------------------------------
test('double clicks: one member added, one share box, one clear, one undo, one repair choice', async ({ page }) => {
  const seen = watch(page);
  await open(page, ZJK);
  const count = () => page.$$eval('#form fieldset', (fs) => fs.filter((f) => /^f-members_\d+_$/.test(f.id)).length);
  expect(await count()).toBe(1);

  await page.locator('[data-act="add"]').first().dblclick();
  await expect(member(page, 1)).toBeVisible();
  expect(await count()).toBe(2);

  await page.getByRole('button', { name: '分享' }).dblclick();
  await expect(page.locator('#sharebox')).toBeVisible();
  await page.getByRole('button', { name: '我明白,生成链接' }).dblclick();
  await expect(page.locator('#share-url')).toBeVisible();
  await page.getByRole('button', { name: '关闭' }).click();

  await page.locator('#res-0 > summary').click();
  const repair = page.locator('[data-act="repair"]').last();
  if (await repair.count()) {
    await repair.dblclick();
    await expect(answer(page)).toBeVisible();
  }
  const ref = await reference(page).textContent();

  await page.getByRole('button', { name: '清除' }).dblclick();
  await expect(page.locator('#form')).toContainText('已清除');
  await expect(page.locator('#step-h')).toHaveText('您在哪里参加居民医保?');
  await page.locator('#undo').dblclick();
  await expect(page.locator('#toolmsg')).toContainText('已恢复');
  expect(await count()).toBe(2);
  await expect(reference(page)).toHaveText(ref);
  await expect(answer(page)).toHaveCount(1);
  expect(seen.errors).toEqual([]);
});

test('rapid typing: 30 characters into an amount give one consistent result', async ({ page }) => {
  const seen = watch(page);
  await open(page, YANTAI_FAMILY);
  const amount = page.locator(`#${fid('members[0].spending.outpatient')}`);
  const closed = page.locator('details:not([open])', { has: amount });
  if (await closed.count()) await closed.last().locator('> summary').click();
  await page.evaluate(() => {
    window.__renders = 0;
    new MutationObserver(() => { window.__renders += 1; }).observe(document.getElementById('live'), { childList: true });
  });
  await amount.fill('');
  const typed = '000000000000000000000001234.50';
  expect(typed).toHaveLength(30);
  await amount.pressSequentially(typed, { delay: 5 });
  await expect(amount).toHaveValue(typed);
  await page.waitForTimeout(900);
  // Typing fast ran the core once or twice (debounced), not once per key.
  expect(await page.evaluate(() => window.__renders)).toBeLessThanOrEqual(3);
  await expect(page.locator('#live .answer')).toHaveCount(1);
  // The figures and messages on screen (the reference number names the exact input, so it is left out).
  const shown = () => page.$eval('#live', (el) => el.innerText.replace(/参考编号.*$/m, ''));
  const afterTyping = await shown();
  const slot = await page.locator(`#e-${fid('members[0].spending.outpatient')}`).innerText();

  // The same 30 characters entered in one go give the same screen.
  await amount.fill('1200');
  await page.waitForTimeout(600);
  await amount.fill(typed);
  await page.waitForTimeout(600);
  expect(await shown()).toBe(afterTyping);
  expect(await page.locator(`#e-${fid('members[0].spending.outpatient')}`).innerText()).toBe(slot);
  expect(seen.errors).toEqual([]);
});
