// 医保待遇测算 — the panels that are not needed for the first result: the comparison (比较), the
// reproduction (复现) and the share box, with copy and download. Loaded the first time one of them
// opens (js/lazy.js); it shares the page's modules (one state) through the bundler's shared chunks
// (scripts/assemble-dist.mjs). Like the page it only shows strings the core returns.

import { mapTo } from './js/city.js';
import { estimate } from './js/core.js';
import { useAll } from './js/policies.js';
import { $, toolMsg } from './js/dom.js';
import { dz, esc, isZero, num, plain, tbl, whoHtml, yuan, change } from './js/format.js';
import { clean } from './js/scenario.js';
import { S, clone } from './js/state.js';
import { docAnchor } from './js/sources.js';
import { shareUrl } from './js/storage.js';

// ---- reproduce ---------------------------------------------------------------------------------
export function renderRepro() {
  const r = S.last;
  const json = JSON.stringify(S.sent, null, 2);
  let h = `<p>同样的输入,无论在哪台手机、电脑上,或用命令行程序计算,都会得到同样的结果和同样的参考编号。</p>`;
  h += r && !S.errors.length ? `<p>参考编号 <b class="mono">${esc(r.reference)}</b> · 规则版本 <span class="mono">${esc(r.rules_version)}</span></p>` : '<p>当前输入有需要修改的地方,还没有参考编号。</p>';
  h += `<p><label for="repro-json">测算输入(scenario.json)</label></p><textarea id="repro-json" class="mono" rows="10" readonly spellcheck="false">${esc(json)}</textarea>`;
  h += '<div class="row"><button type="button" class="btn" id="copy-json" data-act="copy" data-from="repro-json">复制输入</button>' +
    '<button type="button" class="btn" id="dl-json" data-act="download">下载 scenario.json</button>' +
    (r && !S.errors.length ? '<button type="button" class="btn" id="dl-csv" data-act="download-csv">下载表格(CSV)</button>' +
      '<button type="button" class="btn" id="copy-csv" data-act="copy-table">复制表格</button>' : '') + '</div>' +
    (r && !S.errors.length ? `<p>表格每人一行,可以用 Excel 或 WPS 打开;第一行是中文列名;和命令行加 <span class="mono">--format csv --header zh</span> 输出的文件一字不差。每一列是什么意思、对应哪个 JSON 字段,见${docAnchor('docs/scenario.html#sec-4.16', '项目文档第4.16节')}。` +
      '微信里打开本页时一般不能下载文件:请点「复制表格」,再粘贴到 Excel 或 WPS 表格里,每个数字各占一格。</p>' : '');
  h += '<p>用命令行复现:把上面的内容存为 scenario.json,然后运行</p><pre class="mono" id="repro-cmd">yibao estimate scenario.json --format text</pre>' +
    '<button type="button" class="btn" id="copy-cmd" data-act="copy" data-from="repro-cmd">复制命令</button>';
  $('repro-body').innerHTML = h;
}

function save(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function download() {
  save(`${JSON.stringify(S.sent, null, 2)}\n`, 'application/json', 'scenario.json');
}

// The figures for a spreadsheet: the file `yibao estimate scenario.json --format csv --header zh`
// writes, byte for byte (docs/scenario.md §4.16; tests/page/csv.spec.mjs compares the two). One row
// per person; each column is read from where its figure sits under the result's members[i] and
// headed by its Chinese name (the CLI's csv_out::COLUMNS holds the same pairs).
const CSV_COLUMNS = [
  ['row', '行号'], ['id', '编号'], ['member', '第几位成员'], ['ok', '算出结果'], ['policy', '政策'], ['benefit_year', '待遇年度'],
  ['reading', '断保读法'], ['category', '参保类别'], ['waiting.exemption', '等待期豁免类型'], ['waiting.exempt', '是否免除等待期'],
  ['waiting.in_window', '是否在集中参保期内缴费'], ['waiting.lapsed_years', '连续断保年数'], ['waiting.months.fixed', '固定等待期(月)'],
  ['waiting.months.variable', '变动等待期(月)'], ['waiting.months.repaired', '补缴减少的等待期(月)'],
  ['waiting.months.floor_added', '下限补足的等待期(月)'], ['waiting.months.total', '等待期合计(月)'], ['waiting.repair_years', '补缴年数'],
  ['waiting.repair_cost', '补缴费用(元)'], ['waiting.cover_start', '待遇开始日'], ['waiting.uncovered_days', '不享受待遇的天数'],
  ['waiting.days_before_payment', '缴费前的天数'], ['waiting.waiting_days', '等待期内的天数'], ['waiting.useful_repair_years', '有用的最多补缴年数'],
  ['waiting.best_repair_years', '待遇最早开始的补缴年数'], ['cap.adjustment', '大病限额本年调整额(元)'], ['cap.continuity_bonus', '连续参保奖励(元)'],
  ['cap.zero_claim_bonus', '零报销奖励(元)'], ['cap.penalty', '断保扣减(元)'], ['cap.cap', '本年大病限额(元)'],
  ['cap.bonus_limit_reached', '奖励碰到上限'], ['cap.penalty_limit_reached', '扣减碰到上限'], ['contribution.premium', '个人缴费标准(元)'],
  ['contribution.subsidy_share', '资助比例'], ['contribution.subsidy_pays', '医疗救助代缴(元)'],
  ['contribution.individual_pays', '本人缴纳(元)'], ['contribution.government_subsidy', '财政补助(元)'],
  ['contribution.repair_years', '缴费中的补缴年数'], ['contribution.repair_cost', '缴费中的补缴费用(元)'],
  ['contribution.health_plan', '补充保险保费(元)'], ['contribution.total', '本人合计应缴(元)'], ['reimbursement.totals.spending', '花费(元)'],
  ['reimbursement.totals.excluded', '等待期内不报销的花费(元)'], ['reimbursement.totals.fund_pays', '基本医保支付(元)'],
  ['reimbursement.totals.major_pays', '大病保险支付(元)'], ['reimbursement.totals.allowance', '现金补助(元)'],
  ['reimbursement.totals.you_pay', '个人负担(元)'], ['errors', '错误']
];

// The table with `sep` between cells: ',' for the CSV file; a tab for the clipboard, which a
// spreadsheet pastes one cell per figure. No cell of a result without errors holds either.
function table(r, sep) {
  const whole = { row: 1, id: '', ok: true, policy: r.policy.id, benefit_year: r.benefit_year, reading: r.reading, errors: '' };
  const cell = (v) => (v === undefined || v === null ? '' : String(v));
  const lines = [CSV_COLUMNS.map(([, zh]) => zh).join(sep)];
  r.members.forEach((m, i) => {
    const at = (key) => (key in whole ? whole[key] : key === 'member' ? i + 1 : key.split('.').reduce((o, k) => (o == null ? o : o[k]), m));
    lines.push(CSV_COLUMNS.map(([key]) => cell(at(key))).join(sep));
  });
  return `${lines.join('\n')}\n`;
}
// With a byte order mark, as the CLI writes it: without one Excel on a Chinese Windows reads the
// file as GBK and garbles the Chinese names.
export const csv = (r) => `\ufeff${table(r, ',')}`;

export function downloadCsv() {
  if (!S.last || S.errors.length) return;
  save(csv(S.last), 'text/csv', 'yibao.csv');
}

// The same table onto the clipboard: WeChat's in-app browser usually refuses downloads.
export function copyTable(button) {
  if (!S.last || S.errors.length) return;
  copy(table(S.last, '\t'), '表格', button);
}

// ---- compare -----------------------------------------------------------------------------------
export function renderCompare() {
  const base = clean(S.scn);
  const r = S.last;
  if (S.errors.length || !r) {
    $('cmp-body').innerHTML = '<p>请先改正输入中标出的问题,再比较。</p>';
    return;
  }
  // Every city's data first (the page loads a city only when it is needed).
  if (S.pols.some((p) => !p.loaded)) {
    $('cmp-body').innerHTML = '<p>正在下载各地的资料…</p>';
    useAll().then(() => renderCompare(), (err) => {
      console.warn('could not load every city for the comparison:', err);
      $('cmp-body').innerHTML = '<p>各地的资料没能全部下载,请检查网络后关上再打开「比较」。</p>';
    });
    return;
  }
  let h = '<h3>同样的情况,换个地方</h3><p>把您填的情况分别按每个地方的规定算一遍。某地没有的人员类别或报销项目,按最接近的算,并在下面写明。</p><div class="cmp-grid">';
  for (const pol of S.pols) {
    const here = pol.id === base.policy;
    const { s, notes } = here ? { s: base, notes: [] } : mapTo(base, pol);
    const out = here ? { ok: true, result: r } : estimate(s);
    h += `<section class="card cmp-card${here ? ' here' : ''}"><h4>${esc(pol.name)}${here ? '(当前选择)' : ''}</h4>`;
    if (notes.length) h += `<ul class="notes">${notes.map((n) => `<li>${esc(plain(n))}</li>`).join('')}</ul>`;
    if (!out.ok) {
      h += `<p class="err-text">按${esc(pol.name)}的规定,这些输入算不了:</p><ul>${out.errors.map((e) => `<li>${esc(plain(e.message))}</li>`).join('')}</ul></section>`;
      continue;
    }
    const x = out.result;
    const rows = [];
    x.members.forEach((m, i) => {
      rows.push({ cells: [`${whoHtml(m, i, x.members)}开始报销`, m.waiting.cover_start ? esc(dz(m.waiting.cover_start)) : '本年度不能'] });
      rows.push({ cells: [`${whoHtml(m, i, x.members)}等待期`, m.waiting.exempt ? '不设' : `${m.waiting.months.total}个月`] });
      rows.push({ cells: [`${whoHtml(m, i, x.members)}大病保险限额`, esc(change(m.cap.adjustment))] });
    });
    rows.push({ cells: ['全家要交', esc(yuan(x.household.contribution.total))] });
    const t = x.household.reimbursement;
    if (!isZero(t.spending)) {
      rows.push({ cells: ['基本医保付', esc(yuan(t.fund_pays))] }, { cells: ['大病保险付', esc(yuan(t.major_pays))] }, { cells: ['自己付', esc(yuan(t.you_pay))] });
    }
    h += `${tbl(['项目', esc(pol.name)], rows, { cls: 'kv' })}<p class="ref">参考编号 ${esc(x.reference)}</p></section>`;
  }
  h += '</div>';
  h += repairCompare(base, r);
  $('cmp-body').innerHTML = h;
}

function repairCompare(base, r) {
  let h = '<h3 class="cmp-h">现在交,还是补缴断保的年份</h3><p>每种方案都把全年的缴费和看病花费重新算一遍。</p>';
  let any = false;
  r.members.forEach((m, i) => {
    const w = m.waiting;
    if (!(w.lapsed_years > 0) || w.exempt || w.repair_options.length < 2) return;
    any = true;
    const rows = w.repair_options.map((o) => {
      const s = clone(base);
      if (o.years) s.members[i].repair_years = o.years;
      else delete s.members[i].repair_years;
      const out = estimate(s);
      if (!out.ok) return { cells: [`补缴${o.years}年`, '算不了', '', '', '', ''] };
      const x = out.result.members[i];
      const t = x.reimbursement.totals;
      const best = m.advice && o.years === m.advice.recommended_years ? ' <span class="mark">★ 建议</span>' : '';
      return {
        cells: [`${o.years ? `补缴${o.years}年` : '现在交,不补缴'}${best}`, esc(num(x.contribution.total)), x.waiting.cover_start ? esc(dz(x.waiting.cover_start)) : '本年度不能',
          esc(num(t.fund_pays)), esc(num(t.major_pays)), esc(num(t.you_pay))],
        cls: best ? 'current' : '',
      };
    });
    const name = whoHtml(m, i, r.members);
    h += `<h4>${name}</h4>` + tbl(['方案', `为${r.benefit_year}年度共交(元)`, '开始报销', '基本医保付(元)', '大病保险付(元)', '看病自己付(元)'], rows, { caption: `${name}:补缴几年的对比` });
  });
  if (!any) h += '<p>没有需要补缴的断保年份。</p>';
  return h;
}

// ---- share and copy ------------------------------------------------------------------------------
// `button`: the button pressed, which says 已复制 for a moment: the page's message line is at the
// answer, screens above the 复现 and share panels.
export function copy(textValue, label, button) {
  const said = (text) => {
    toolMsg(text);
    // For the moment only: left there, 「已复制命令。」 still stood under 分享 and 清除 long after.
    setTimeout(() => {
      if ($('toolmsg').textContent === text) toolMsg('');
    }, 4000);
  };
  const done = () => {
    said(`已复制${label}。`);
    if (!button) return;
    // Its own words kept (a second tap within the moment must not take 已复制 for them).
    if (!button.dataset.was) button.dataset.was = button.textContent;
    button.textContent = '已复制 ✓';
    setTimeout(() => {
      button.textContent = button.dataset.was;
    }, 2000);
  };
  const fallback = () => {
    const ta = document.createElement('textarea');
    ta.value = textValue;
    ta.setAttribute('readonly', '');
    ta.className = 'offscreen';
    document.body.appendChild(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (e) {
      ok = false;
    }
    ta.remove();
    if (ok) said(`已复制${label}。`);
    else toolMsg('无法自动复制,请长按上面的文字手动复制。');
  };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(textValue).then(done, fallback);
  else fallback();
}
export function renderShare(step) {
  const box = $('sharebox');
  let h = '<h3>分享这个测算</h3><p><b>请注意:链接里带着您填写的全部内容</b>(称呼、出生日期、交费日期、看病花费等)。' +
    '链接本身不会发送到我们的服务器,但您把链接发给谁,谁就能看到这些内容。</p>';
  if (!step) {
    h += '<div class="row"><button type="button" class="btn primary" id="share-ok" data-act="share-ok">我明白,生成链接</button>' +
      '<button type="button" class="btn" id="share-no" data-act="share-close">不分享了</button></div>';
  } else {
    h += `<p><label for="share-url">完整测算的链接</label></p><input id="share-url" class="mono" type="text" readonly value="${esc(shareUrl(false))}">` +
      '<div class="row"><button type="button" class="btn primary" id="copy-share" data-act="copy" data-from="share-url">复制链接</button></div>' +
      `<p><label for="embed-url">简版链接(适合文章引用:只显示结论和主要数字)</label></p><input id="embed-url" class="mono" type="text" readonly value="${esc(shareUrl(true))}">` +
      '<div class="row"><button type="button" class="btn" id="copy-embed" data-act="copy" data-from="embed-url">复制简版链接</button>' +
      '<button type="button" class="btn" id="share-done" data-act="share-close">关闭</button></div>';
  }
  box.innerHTML = h;
  box.hidden = false;
  document.querySelector('[data-act="share"]').setAttribute('aria-expanded', 'true');
  const first = $(step ? 'share-url' : 'share-ok');
  if (first) first.focus();
}
