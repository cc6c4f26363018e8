// Accessibility, layout, print, Content-Security-Policy, offline, and the screenshots a person looks at.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { open, link, watch, foreign, shotPath, seriousViolations, member, fid, headlineDate, worksOffline, ZJK, YANTAI_FAMILY } from './helpers.mjs';

// Opens every collapsible part, so checks see the whole page.
async function openEverything(page) {
  // Each one checked open, and tapped again if not: a panel built as the previous one opens (the
  // parameters' 600 elements) can move the next summary from under a click (CI, on a busy machine,
  // once left 计算过程 closed).
  for (const sel of ['.glossary', '#params', '#cmp', '#trace', '#repro']) {
    const d = page.locator(sel);
    await expect(async () => {
      if (!(await d.evaluate((el) => el.open))) await d.locator('> summary').click();
      expect(await d.evaluate((el) => el.open)).toBe(true);
    }).toPass();
  }
  const closed = page.locator('#form details:not([open]) > summary, #results details:not([open]) > summary');
  for (let n = 0; n < 60 && (await closed.count()); n++) await closed.first().click();
  await expect(page.locator('#trace-body .step').first()).toBeVisible();
  await expect(page.locator('.cmp-card').first()).toBeVisible();
}

test('no serious accessibility violations: default, household with everything open, and with errors', async ({ page }) => {
  test.setTimeout(300_000);
  await open(page);
  expect(await seriousViolations(AxeBuilder, page)).toEqual([]);

  await open(page, YANTAI_FAMILY);
  await openEverything(page);
  expect(await seriousViolations(AxeBuilder, page)).toEqual([]);

  await page.locator(`#${fid('members[0].spending.outpatient')}`).fill('-1');
  await page.locator(`#${fid('members[2].payment_date')}`).fill('');
  await expect(page.locator('#live .alert')).toBeVisible();
  expect(await seriousViolations(AxeBuilder, page)).toEqual([]);

  await page.getByRole('button', { name: '分享' }).click();
  await page.getByRole('button', { name: '我明白,生成链接' }).click();
  expect(await seriousViolations(AxeBuilder, page)).toEqual([]);
});

test('embed view and accessibility statement have no serious violations', async ({ page }) => {
  await page.goto(`/#embed=1&s=${Buffer.from(JSON.stringify(ZJK)).toString('base64url')}`);
  await expect(page.locator('.embed-card')).toBeVisible();
  expect(await seriousViolations(AxeBuilder, page)).toEqual([]);
  await open(page);
  await page.getByRole('link', { name: '无障碍说明' }).click();
  await expect(page.getByRole('heading', { name: '无障碍说明' })).toBeVisible();
  await expect(page.locator('main')).toContainText('已知的不足');
  expect(await seriousViolations(AxeBuilder, page)).toEqual([]);
});

test('fits the width, 16px text at least, 44px touch targets, everything labelled', async ({ page }) => {
  await open(page, YANTAI_FAMILY);
  await openEverything(page);
  await page.getByRole('button', { name: '分享' }).click();
  const report = await page.evaluate(() => {
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && !el.closest('.sr-only');
    };
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    const wide = [...document.querySelectorAll('body *')].filter((el) => visible(el) && el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`).slice(0, 5);
    const small = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el || !visible(el)) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < 16) small.push(`${el.tagName}.${el.className} ${px}px "${n.textContent.trim().slice(0, 20)}"`);
    }
    const targets = [...document.querySelectorAll('button, select, input:not([type=checkbox]):not([type=radio]), summary, a.tl, a.btn, a.foot-link, .radio, .check, .chip')]
      .filter(visible)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44)
      .map(({ el, r }) => `${el.tagName}#${el.id}.${el.className} ${Math.round(r.width)}×${Math.round(r.height)}`);
    const unlabelled = [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
      .map((el) => el.id || el.name);
    return { overflow, wide, small: small.slice(0, 10), targets: targets.slice(0, 10), unlabelled };
  });
  expect(report.overflow, `wider than the screen: ${report.wide.join(', ')}`).toBeLessThanOrEqual(0);
  expect(report.small, 'text below 16px').toEqual([]);
  expect(report.targets, 'touch targets below 44px').toEqual([]);
  expect(report.unlabelled, 'controls without a label').toEqual([]);

  // Text enlarged to 200%: still no sideways scrolling.
  // Through the CSSOM: the page's CSP (style-src 'self') blocks an injected <style> element.
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});

test('keyboard: the form can be filled and the result reached without a mouse', async ({ page }) => {
  await page.goto(link(ZJK));
  await expect(page.locator('#live .b-date')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: '跳到测算结果' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#answer')).toBeFocused();
  await expect(page.locator('#live .b-date')).toBeVisible();
  // Tab to the city radios and move with the arrow keys.
  const zjk = page.getByRole('radio', { name: /张家口市/ });
  await zjk.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('radio', { name: /烟台市/ })).toBeChecked();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: /张家口市/ })).toBeChecked();
  // A year chip toggles with Enter and keeps the focus.
  const chip = member(page, 0).getByRole('button', { name: /^2025年/ });
  const was = await chip.getAttribute('aria-pressed');
  await chip.focus();
  await page.keyboard.press('Enter');
  await expect(member(page, 0).getByRole('button', { name: /^2025年/ })).toHaveAttribute('aria-pressed', was === 'true' ? 'false' : 'true');
  await expect(member(page, 0).getByRole('button', { name: /^2025年/ })).toBeFocused();
  // ⓘ opens its help text.
  const help = page.getByRole('button', { name: '说明:哪天交费' });
  await help.focus();
  await page.keyboard.press('Enter');
  await expect(help).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator(`#${await help.getAttribute('aria-controls')}`)).toContainText('等待期从这一天算起');
});

test('no console errors and no request outside 127.0.0.1 through a whole session', async ({ page }) => {
  const seen = watch(page);
  await open(page, YANTAI_FAMILY);
  await openEverything(page);
  await page.getByRole('radio', { name: /张家口市/ }).check();
  await page.getByRole('radio', { name: /国家基准/ }).check();
  await page.getByRole('button', { name: '+ 父母' }).click();
  await page.getByRole('button', { name: '分享' }).click();
  await page.getByRole('button', { name: '我明白,生成链接' }).click();
  await page.getByRole('button', { name: '复制链接' }).click();
  await page.getByRole('link', { name: '无障碍说明' }).click();
  await expect(page.getByRole('heading', { name: '无障碍说明' })).toBeVisible();
  expect(seen.errors).toEqual([]);
  expect(foreign(seen.requests)).toEqual([]);
});

test('runs under a strict Content-Security-Policy (no inline script, style or handler)', async ({ page }) => {
  const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    return route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const seen = watch(page);
  await open(page, YANTAI_FAMILY);
  await openEverything(page);
  await page.locator(`#${fid('members[0].spending.outpatient')}`).fill('-1');
  await expect(page.locator('#live .alert')).toBeVisible();
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(seen.errors).toEqual([]);
  const html = fs.readFileSync('dist/index.html', 'utf8');
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/\son[a-z]+=|\sstyle=/);
});

test('print: the result fits one A4 page', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'print layout does not depend on the phone size');
  for (const [name, scenario] of [['zjk', ZJK], ['household', YANTAI_FAMILY]]) {
    await open(page, scenario);
    // Printing opens the details (a real print fires beforeprint; emulation does not).
    await page.locator('#results .mres').first().waitFor();
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#form-sec')).toBeHidden();
    await expect(page.locator('#print-head')).toContainText('参考编号 YB-');
    const pdf = await page.pdf({ format: 'A4', printBackground: true, path: shotPath(`print-${name}.pdf`) });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length;
    expect(pages, `${name}: printed pages`).toBe(1);
    // A picture of the printed page, at A4 width (210 mm at 96 dpi).
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: shotPath(`print-${name}.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 390, height: 844 });
  }
});

test('screenshots: phone, small phone and desktop', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  await open(page, ZJK);
  await page.screenshot({ path: shotPath(`${testInfo.project.name}.png`), fullPage: true });
  await page.screenshot({ path: shotPath(`${testInfo.project.name}-top.png`) });
  await open(page, YANTAI_FAMILY);
  await openEverything(page);
  await page.screenshot({ path: shotPath(`${testInfo.project.name}-household-open.png`), fullPage: true });
  await open(page, ZJK);
  const date = page.locator(`#${fid('members[0].payment_date')}`);
  await date.fill('2028-01-05');
  await expect(page.locator('#live .alert')).toBeVisible();
  await date.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: shotPath(`${testInfo.project.name}-error-field.png`) });
  await page.locator('#live').evaluate((el) => el.scrollIntoView());
  await page.screenshot({ path: shotPath(`${testInfo.project.name}-error-summary.png`) });
  if (testInfo.project.name !== 'phone') return;
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false, locale: 'zh-CN', serviceWorkers: 'block' });
  const dp = await desk.newPage();
  await open(dp, YANTAI_FAMILY);
  await openEverything(dp);
  // Nothing sticks out of its box in the two-column layout.
  const outside = await dp.evaluate(() => [...document.querySelectorAll('table, input, select, .btn, .chip')]
    .filter((el) => el.offsetParent)
    .filter((el) => el.getBoundingClientRect().right > el.parentElement.closest('.card, details, section, fieldset, header').getBoundingClientRect().right + 1)
    .map((el) => `${el.tagName}.${el.className}`));
  expect(outside).toEqual([]);
  expect(await dp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await open(dp, ZJK);
  await dp.screenshot({ path: shotPath('desktop.png') });
  await dp.screenshot({ path: shotPath('desktop-full.png'), fullPage: true });
  await desk.close();
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });
  test('after the first visit the page works without a network, and says so', async ({ page, context }, testInfo) => {
    test.skip(testInfo.project.name !== 'phone', 'one run is enough');
    await open(page, ZJK);
    await expect(page.locator('#offline')).toContainText('没有网络时也能打开', { timeout: 15_000 });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Once the worker controls the page, every asset of this build is in its cache.
    await page.reload();
    await expect(headlineDate(page)).toHaveText('2027年8月10日');
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith('yibao-')));
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    const manifest = JSON.parse(fs.readFileSync('dist/asset-manifest.json', 'utf8'));
    // (The files only engines that cannot run the wasm use are cached when asked for: old-engines.spec.mjs;
    // so is a city other than the first, once loaded: here Zhangjiakou, loaded before the worker took over.)
    for (const f of manifest.files.filter((x) => !x.old_engines_only && !x.on_demand).map((x) => x.file).filter((f) => /\.[0-9a-f]{8}\./.test(f))) {
      expect(cached).toContain(`/${f}`);
    }
    const cities = manifest.files.filter((x) => x.on_demand);
    expect(cities.length).toBeGreaterThan(0);
    for (const c of cities) {
      if (c.source === `policies/${ZJK.policy}.bin`) expect(cached).toContain(`/${c.file}`);
      else expect(cached).not.toContain(`/${c.file}`);
    }
    await worksOffline(page, context);
  });

  test('the service worker never holds back an update: pages come from the network first', async ({ browser }, testInfo) => {
    test.skip(testInfo.project.name !== 'phone', 'one run is enough');
    // A copy of dist/ on its own server, so the test can publish a "new build" of index.html.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-sw-'));
    fs.cpSync('dist', dir, { recursive: true });
    const port = Number(process.env.PAGE_TEST_PORT || 8123) + 17;
    const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: 'ignore' });
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', serviceWorkers: 'allow' });
    try {
      const origin = `http://127.0.0.1:${port}`;
      await expect.poll(() => fetch(`${origin}/index.html`).then((r) => r.status, () => 0), { timeout: 10_000 }).toBe(200);
      const page = await ctx.newPage();
      const seen = watch(page);
      await page.goto(`${origin}/`);
      await expect(page.locator('#offline')).toContainText('没有网络时也能打开', { timeout: 15_000 });
      await page.reload();
      expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
      const index = path.join(dir, 'index.html');
      fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('<h1>医保待遇测算</h1>', '<h1>医保待遇测算(新版)</h1>'));
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('医保待遇测算(新版)');
      await expect(page.locator('#step-h')).toBeVisible();
      // Offline, the cached page is the new one.
      await ctx.setOffline(true);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('医保待遇测算(新版)');
      await expect(page.locator('#step-h')).toBeVisible();
      expect(foreign(seen.requests)).toEqual([]);
    } finally {
      await ctx.close();
      server.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('the page does not shift when the 看结果 bar hides at the foot of the page', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'the bar shows on phone widths; one phone size is enough');
  await open(page, ZJK);
  // At the top the answer is on screen: no bar. Down in the form it shows the date.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.locator('#jump')).toBeHidden();
  await page.locator('#form-sec').evaluate((el) => el.scrollIntoView());
  await expect(page.locator('#jump')).toBeVisible();
  await expect(page.locator('#jump')).toHaveText('从2027年8月10日起能报销 · 看结果 ↑');
  const before = await page.evaluate(() => document.documentElement.scrollHeight);
  // Scroll to the very end: the footer comes into view and the bar hides.
  await page.evaluate(() => {
    window.__shift = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__shift += e.value; })
      .observe({ type: 'layout-shift', buffered: false });
    window.scrollTo(0, document.documentElement.scrollHeight);
  });
  await expect(page.locator('#jump')).toBeHidden();
  await page.waitForTimeout(300);
  const after = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(after).toBe(before);
  expect(await page.evaluate(() => window.__shift)).toBe(0);
});
