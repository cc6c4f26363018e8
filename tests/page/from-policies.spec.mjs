// Issue 11, the page's part: the page names no city and states no rule number of its own. The order
// of the cities, which one is the baseline, and the numbers in the help texts that state a rule
// (「每补1年,等待期少1个月」, 「断保1年等4个月」, the window's dates) come from what the core's
// policies() says. To show that they do, these tests change what policies() returns (the glue's
// export, rewritten as it is served) and look for the changed figures on the page.
import { test, expect } from '@playwright/test';
import { answer, cities, link, ZJK } from './helpers.mjs';

// Serves the wasm-bindgen glue (as built: minified, `export{… x as policies … y as load_policy …}`)
// with policies() and the policy load_policy() returns passed through window.__patchPolicies, set by
// the test before the page runs, and the list of cities (policies/index.<hash>.json) through the same
// patch where it applies (the list has only id, name, order and baseline). Fails loudly if the glue no
// longer exports them that way.
async function patchPolicies(page, patch) {
  await page.addInitScript(`window.__patchPolicies = ${patch.toString()};`);
  await page.route(/\/yibao(\.[0-9a-f]+)?\.js(#.*)?$/, async (route) => {
    const res = await route.fetch();
    const body = await res.text();
    const pols = /\b([\w$]+) as policies\b/.exec(body);
    const load = /\b([\w$]+) as load_policy\b/.exec(body);
    if (!pols || !load) throw new Error('the glue does not export `<name> as policies` and `<name> as load_policy`: update patchPolicies');
    await route.fulfill({
      response: res,
      body: body.replace(pols[0], 'policiesPatched as policies').replace(load[0], 'loadPatched as load_policy') +
        `\nfunction patched(list) { try { return window.__patchPolicies(list); } catch (e) { return list; } }\n` +
        `function policiesPatched() { return patched(${pols[1]}()); }\n` +
        `function loadPatched(b) { const r = ${load[1]}(b); if (r && r.ok) r.result = patched([r.result])[0]; return r; }\n`,
    });
  });
  await page.route(/\/policies\/index\.[0-9a-f]+\.json$/, async (route) => {
    const res = await route.fetch();
    const list = await res.json();
    try {
      list.policies = patch(list.policies.map((p) => ({ ...p })));
    } catch {
      // A patch that needs a loaded policy's parameters leaves the list as it is.
    }
    // Not `response: res`: its headers would describe the compressed file as served.
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(list) });
  });
}

test('the cities come in the order the policies give, the default is the city that comes with the core, and the baseline is named from its flag', async ({ page }) => {
  await patchPolicies(page, (pols) => {
    const rank = { 'national-2025': 1, 'zhangjiakou-2025': 2, 'yantai-2025': 3 };
    for (const p of pols) {
      p.order = rank[p.id];
      if (p.baseline) p.name = '全国底线';
    }
    return pols;
  });
  // The list of cities arrives before the core (as on a slow phone, where the wasm takes longest):
  // the default must still be the city the core came with, not the list's first, which is not
  // loaded (stop 18's lazy branch hung at start-up in that order).
  const served = page.waitForEvent('requestfinished', { predicate: (r) => /\/policies\/index\.[0-9a-f]+\.json$/.test(r.url()) });
  await page.route(/\.wasm$/, async (route) => {
    await served;
    await route.continue();
  });
  await page.goto('/');
  await expect(page.locator('#step-h')).toHaveText('您在哪里参加居民医保?');
  await expect(page.locator('#form input[name="policy"] + span')).toHaveText(['全国底线', '张家口市', '烟台市']);
  // The default is the city whose data comes with the core: the first by order when the page was
  // built (scripts/build-www), not the order patched here.
  // A first visit ticks no city until one is picked; the whole form shows the one computed.
  await expect(page.locator('#form input[name="policy"]:checked')).toHaveCount(0);
  await page.getByRole('button', { name: /不用一步步填/ }).click();
  const first = cities().slice().sort((a, b) => a.order - b.order)[0];
  await expect(page.locator(`#form input[name="policy"][value="${first.id}"]`)).toBeChecked();
  await expect(page.locator('#h-f-policy')).toContainText('「全国底线」只按国家文件的最低要求算');
  expect(await page.locator('#form').textContent()).not.toContain('国家基准');
});

test('help texts that state a rule take their numbers from the chosen city\'s parameters, for the year asked about', async ({ page }) => {
  // Zhangjiakou with a 2-month fixed wait, 3 more months per lapsed year, and repair worth 2 months
  // a year from 2027 on (1 before: a dated value), and a window of 10-08 to 12-20.
  await patchPolicies(page, (pols) => {
    const z = pols.find((p) => p.id === 'zhangjiakou-2025');
    const set = (key, value, extra) => Object.assign(z.parameters.find((x) => x.key === key), { value }, extra || {});
    set('waiting.fixed_months', '2');
    set('waiting.variable_months_per_lapsed_year', '3');
    set('waiting.repair_months_per_year', '2', { from: 2027, earlier: [{ from: 2025, value: '1', status: 'official', document: '', quote: '' }] });
    z.window = ['10-08', '12-20'];
    return pols;
  });
  await page.goto(link(ZJK)); // benefit year 2027, lapsed 2025 and 2026
  await expect(answer(page)).toBeVisible();
  const glossary = page.locator('#glossary-words');
  await expect(glossary).toContainText('每补1年,等待期少2个月');
  await expect(glossary).toContainText('张家口市是每年10月8日至12月20日');
  const res = page.locator('#res-0');
  await res.locator('> summary').click();
  await expect(res).toContainText('可以补缴(按2027年度的标准),每补1年,等待期少2个月');
  await expect(page.locator('#h-f-members_0_repair_years')).toContainText('每补1年,等待期少2个月');
  await page.locator('#params > summary').click();
  const params = page.locator('#h-f-reading');
  await expect(params).toContainText('「每多断保1年,增加3个月等待期」');
  await expect(params).toContainText('读法A:每个断保年都加3个月(断保1年等5个月)');
  await expect(params).toContainText('读法B:第1个断保年已由固定的2个月包含(断保1年等2个月)');
  // 2026: the repair value in force then (1 month), from the dated value's earlier entry.
  await page.getByLabel('想知道哪一年的待遇').selectOption('2026');
  await expect(glossary).toContainText('每补1年,等待期少1个月');
});

test('a parameter the city lacks is asked for by the name the core gives it, not by its key', async ({ page }) => {
  await patchPolicies(page, (pols) => {
    const n = pols.find((p) => p.baseline);
    n.fillable.find((f) => f.key === 'cap.original').label = '大病保险原来的封顶线(测试)';
    return pols;
  });
  await page.goto(link({ ...ZJK, policy: 'national-2025' }));
  await expect(answer(page)).toBeVisible();
  await page.locator('#params > summary').click();
  const item = page.locator('#p-f-cap_original');
  await expect(item.locator('.p-head b')).toHaveText('大病保险原来的封顶线(测试)');
  await expect(page.getByLabel('改为您核实过的数值').first()).toBeVisible();
});
