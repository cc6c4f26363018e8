// Smoke tests of the built page (dist/), at phone sizes, in Debian's Chromium.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const UNSUPPORTED = '您的浏览器版本过旧,无法运行本测算。';

// Collects console errors, uncaught exceptions and every request the page makes.
function watch(page) {
  const seen = { errors: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => seen.errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => seen.errors.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('request', (req) => seen.requests.push(req.url()));
  return seen;
}

const foreign = (urls) =>
  urls.filter((u) => {
    const { protocol, hostname } = new URL(u);
    return !['data:', 'blob:'].includes(protocol) && hostname !== '127.0.0.1';
  });

test('loads the core, shows its version, recomputes on every edit', async ({ page }, testInfo) => {
  const seen = watch(page);
  await page.goto('/');

  const version = page.locator('#version');
  await expect(version).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page.locator('#status')).toBeHidden();

  const input = page.getByLabel('测算情形(JSON)');
  const output = page.locator('#output');
  await expect(input).toBeVisible();
  await expect(output).toHaveAttribute('aria-live', 'polite');
  await expect(output).not.toBeEmpty();
  const before = await output.textContent();
  expect(() => JSON.parse(before), 'the first result is JSON').not.toThrow();
  expect(JSON.parse(before).ok, 'estimate() accepts the sample scenario in www/app.js').toBe(true);
  fs.mkdirSync('target/screenshots', { recursive: true });
  await page.screenshot({ path: `target/screenshots/smoke-${testInfo.project.name}.png`, fullPage: true });

  await input.fill('{}');
  await expect(output).not.toHaveText(before);
  const after = await output.textContent();
  expect(() => JSON.parse(after), 'the result after an edit is JSON').not.toThrow();

  await input.fill('{"broken": ');
  await expect(output).toContainText('输入不是有效的 JSON');

  expect(seen.errors, 'no console errors').toEqual([]);
  expect(foreign(seen.requests), 'no request leaves 127.0.0.1').toEqual([]);
  expect(seen.requests.some((u) => /\/yibao_bg\.[0-9a-f]{8}\.wasm$/.test(u)), 'hashed wasm fetched').toBe(true);
});

test('fits the phone width without horizontal scrolling', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#version')).toHaveText(/\d/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('has no serious accessibility violations', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#version')).toHaveText(/\d/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  expect(serious).toEqual([]);
});

test('shows the Chinese message when WebAssembly is missing', async ({ page }, testInfo) => {
  const seen = watch(page);
  await page.addInitScript(() => {
    delete window.WebAssembly;
  });
  await page.goto('/');
  const status = page.locator('#status');
  await expect(status).toContainText(UNSUPPORTED);
  await expect(status).toContainText('在浏览器中打开');
  await expect(page.locator('#calc')).toBeHidden();
  await page.screenshot({ path: `target/screenshots/unsupported-${testInfo.project.name}.png` });
  expect(seen.requests.some((u) => u.endsWith('.wasm')), 'no wasm download').toBe(false);
  expect(seen.errors).toEqual([]);
});

// Some iOS WebViews lack or reject WebAssembly.instantiateStreaming: the page must fall back to
// arrayBuffer() + WebAssembly.instantiate.
for (const [name, stub] of [
  ['missing', () => { delete WebAssembly.instantiateStreaming; }],
  ['rejecting', () => { WebAssembly.instantiateStreaming = () => Promise.reject(new TypeError('stubbed')); }],
]) {
  test(`loads without streaming instantiation (${name})`, async ({ page }) => {
    const seen = watch(page);
    await page.addInitScript(stub);
    await page.goto('/');
    await expect(page.locator('#version')).toHaveText(/^\d+\.\d+\.\d+/);
    await expect(page.locator('#output')).not.toBeEmpty();
    expect(seen.errors).toEqual([]);
  });
}
