// Smoke tests of the built page (dist/), at phone sizes, in Debian's Chromium: the core loads (also
// without streaming instantiation), nothing leaves the device.
import { test, expect } from '@playwright/test';
import { open, watch, foreign } from './helpers.mjs';

test('loads the core with sensible defaults and shows its version', async ({ page }) => {
  const seen = watch(page);
  // A first visit starts with the first question.
  await page.goto('/');
  await expect(page.locator('#step-h')).toHaveText('您在哪里参加居民医保?');
  await expect(page.locator('.step-n')).toHaveText(/^第1步,共\d步$/);
  await expect(page.locator('#answer')).toBeHidden();
  await page.getByRole('button', { name: /不用一步步填/ }).click();
  await expect(page.locator('#live .answer')).toBeVisible();
  await expect(page.locator('#version')).toHaveText(/^\d+\.\d+\.\d+$/);
  await expect(page.locator('#status')).toBeHidden();
  await expect(page.getByRole('radio', { name: /烟台市/ })).toBeChecked();
  // The page passes today's local date: the core never reads a clock.
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await expect(page.getByLabel('哪天交费')).toHaveValue(today);
  await expect(page.locator('#live')).toHaveAttribute('aria-live', 'polite');
  await expect(page.locator('#live .answer')).toContainText('本人');
  await expect(page.locator('footer')).toContainText('数据只在本机计算');
  await expect(page.locator('footer')).toContainText('不是医保经办机构的决定');
  await expect(page.locator('#sources li')).not.toHaveCount(0);
  expect(seen.errors, 'no console errors').toEqual([]);
  expect(foreign(seen.requests), 'no request leaves 127.0.0.1').toEqual([]);
  // boot.js preloads the core and its glue; the page module must use those downloads, not fetch again.
  expect(seen.requests.filter((u) => /\/yibao_bg\.[0-9a-f]{8}\.wasm$/.test(u)), 'hashed wasm fetched once').toHaveLength(1);
  expect(seen.requests.filter((u) => /\/yibao\.[0-9a-f]{8}\.js$/.test(u)), 'hashed glue fetched once').toHaveLength(1);
  // The comparison, reproduction and share panels (panels.js) are loaded when first opened, not before.
  expect(seen.requests.filter((u) => /\/panels\./.test(u)), 'panels.js not in the first load').toEqual([]);
  // Opened without a click: a click at the foot of the page can race the 看结果 bar hiding.
  await page.locator('#repro').evaluate((d) => { d.open = true; });
  await expect(page.locator('#repro-json')).toBeVisible();
  expect(seen.requests.filter((u) => /\/panels\.[0-9a-f]{8}\.js$/.test(u)), 'panels.js loaded on first use').toHaveLength(1);
});

// Engines that cannot run the wasm (WebAssembly missing, the probe failing): old-engines.spec.mjs.

// Some iOS WebViews lack or reject streaming compilation (WebAssembly.compileStreaming /
// instantiateStreaming): the page must fall back to arrayBuffer() + WebAssembly.compile.
for (const [name, stub] of [
  ['missing', () => { delete WebAssembly.instantiateStreaming; delete WebAssembly.compileStreaming; }],
  ['rejecting', () => {
    WebAssembly.instantiateStreaming = () => Promise.reject(new TypeError('stubbed'));
    WebAssembly.compileStreaming = () => Promise.reject(new TypeError('stubbed'));
  }],
]) {
  test(`loads without streaming instantiation (${name})`, async ({ page }) => {
    const seen = watch(page);
    await page.addInitScript(stub);
    await open(page);
    await expect(page.locator('#live .b-date')).toBeVisible();
    expect(seen.errors).toEqual([]);
  });
}

test('says so when the core cannot be downloaded', async ({ page }) => {
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto('/');
  await expect(page.locator('#status')).toContainText('测算程序加载失败');
});
