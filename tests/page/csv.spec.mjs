// A journalist works in a spreadsheet: the reproduction panel downloads the figures as the CSV the
// command line writes with Chinese column names (`yibao estimate scenario.json --format csv --header zh`),
// byte for byte, for the kept golden scenarios (a household of four, a relapse, a city-less baseline
// with a user's figure).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { open } from './helpers.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const CASES = ['yantai-household', 'zjk-relapse', 'national-overrides'];

test.beforeAll(() => {
  // The CLI as the sources stand (a no-op when stage 4 of scripts/test has built it).
  execFileSync('cargo', ['build', '--quiet', '--bin', 'yibao'], { cwd: ROOT, stdio: 'inherit', timeout: 600_000 });
});

for (const name of CASES) {
  test(`下载表格(CSV) gives the command line's CSV byte for byte: ${name}`, async ({ page }) => {
    const file = path.join(ROOT, `tests/golden/${name}.scenario.json`);
    const scenario = JSON.parse(fs.readFileSync(file, 'utf8'));
    const cli = execFileSync(path.join(ROOT, 'target/debug/yibao'), ['estimate', file, '--format', 'csv', '--header', 'zh'], { encoding: 'utf8' });
    await open(page, scenario);
    await page.locator('#repro > summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载表格(CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('yibao.csv');
    const got = fs.readFileSync(await download.path(), 'utf8');
    expect(got).toBe(cli);
    // Chinese names a journalist reads, after the byte order mark Excel needs to read them as UTF-8.
    expect(got.startsWith('\ufeff行号,编号,第几位成员,算出结果,')).toBe(true);
    expect(got.split('\n')[0]).toContain(',待遇开始日,');
    // One row per person under the header, and real figures in it (not an empty shell).
    const rows = got.trim().split('\n');
    expect(rows.length).toBe(1 + scenario.members.length);
    expect(rows[1].split(',')[3]).toBe('true');
    expect(rows[1]).toMatch(/,\d+\.\d\d,/);
  });
}

test('复制表格 puts the same table on the clipboard, a tab between cells, for WeChat where downloads are refused', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const file = path.join(ROOT, 'tests/golden/yantai-household.scenario.json');
  const cli = execFileSync(path.join(ROOT, 'target/debug/yibao'), ['estimate', file, '--format', 'csv', '--header', 'zh'], { encoding: 'utf8' });
  await open(page, JSON.parse(fs.readFileSync(file, 'utf8')));
  await page.locator('#repro > summary').click();
  await page.getByRole('button', { name: '复制表格' }).click();
  await expect(page.locator('#toolmsg')).toHaveText('已复制表格。');
  // Said at the button too: the message line is at the answer, screens above this panel.
  await expect(page.locator('#copy-csv')).toHaveText('已复制 ✓');
  await expect(page.locator('#copy-csv')).toHaveText('复制表格', { timeout: 5000 });
  // The message line sits under 分享 and 清除: it says so for a moment, not until the next message.
  await expect(page.locator('#toolmsg')).toHaveText('', { timeout: 6000 });
  const pasted = await page.evaluate(() => navigator.clipboard.readText());
  // No cell of the CLI's CSV is quoted (nothing in it holds a comma), so a comma is a cell's edge.
  expect(cli).not.toContain('"');
  // The same table without the byte order mark, which only a file needs.
  expect(pasted).toBe(cli.replace(/^\ufeff/, '').replaceAll(',', '\t'));
  expect(pasted.startsWith('行号\t编号\t')).toBe(true);
});

test('no 下载表格 while the inputs have an error: there are no figures to put in it', async ({ page }) => {
  const scenario = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/golden/zjk-relapse.scenario.json'), 'utf8'));
  await open(page, scenario);
  await page.getByLabel('哪天交费').first().fill('2027-02-30');
  await expect(page.locator('#live .a-pending')).toContainText('还算不出结果');
  await page.locator('#repro > summary').click();
  await expect(page.getByRole('button', { name: '下载表格(CSV)' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '复制表格' })).toHaveCount(0);
});
