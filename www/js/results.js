// The detailed result below the answer card, one tap away: for each member why cover starts that
// day, what repair would change, the 大病保险 cap, what the fund pays and what to pay; then the
// household, the other reading of an ambiguous clause, and notes. Amounts are the core's, made
// readable (296,000元); changes are said in words (增加/减少).

import { capChart } from './cap-chart.js';
import { paramOf, unofficial } from './cited.js';
import { details } from './controls.js';
import { $ } from './dom.js';
import { change, dz, esc, isZero, num, plain, tag, tbl, whoHtml, yuan } from './format.js';
import { renderCompare, renderRepro } from './lazy.js';
import { repairRule } from './rule-words.js';
import { fid } from './scenario.js';
import { P, S } from './state.js';
import { withFileLinks } from './sources.js';
import { shareUrl } from './storage.js';
import { renderTrace } from './trace.js';

const traceLink = (i, topic) => `<a class="tl" href="#t-${i}-${topic}" data-act="trace">怎么算的</a>`;
export const paramLink = (key, text) => `<a class="tl" href="#p-${fid(key)}" data-act="param" data-key="${esc(key)}">${text}</a>`;


function memberResult(r, m, i) {
  const w = m.waiting;
  const name = whoHtml(m, i, r.members);
  let h = `<h3>从哪天起能报销 ${traceLink(i, 'waiting_period')}</h3>`;
  if (w.cover_start) {
    h += `<p class="dline"><strong class="date">${esc(dz(w.cover_start))}</strong> 至 ${esc(dz(w.cover_end))}</p>`;
    if (w.waiting_days > 0) {
      h += `<p>${w.days_before_payment > 0 ? `交费以前的${w.days_before_payment}天还没有参保;` : ''}交费以后要等${w.waiting_days}天,这段时间看病医保不报。</p>`;
    }
  } else {
    h += `<p class="dline"><strong class="date">${r.benefit_year}年内不能报销</strong></p><p>等待期要到下一年才结束。</p>`;
  }
  if (w.exempt) {
    h += `<p>${esc(m.category_label)}不设等待期。</p>`;
  } else {
    const mm = w.months;
    const why = w.lapsed_years > 0 ? `断保${w.lapsed_years}年(${w.lapsed.join('、')})` : w.in_window ? '按时连续参保,没有等待期' : '没有在集中参保期内交费';
    h += `<p>${esc(why)}。${w.in_window ? '' : `集中参保期是${esc(dz(w.window_start))}至${esc(dz(w.window_end))}。`}</p>`;
    // Only the parts that apply, each said in words.
    const rows = [];
    if (mm.fixed) rows.push({ cells: ['固定等待期', `${mm.fixed}个月`] });
    if (mm.variable) rows.push({ cells: [`断保${w.lapsed_years}年加的等待期(读法${esc(w.reading)})`, `加${mm.variable}个月`] });
    if (mm.repaired) rows.push({ cells: [`补缴${w.repair_years}年减少的`, `减${mm.repaired}个月`] });
    if (mm.floor_added) rows.push({ cells: ['不能少于规定的最短等待期,补足', `加${mm.floor_added}个月`] });
    if (rows.length) {
      rows.push({ cells: ['<b>一共要等</b>', `<b>${mm.total}个月</b>`], cls: 'total' });
      h += tbl(['等待期', '月数'], rows, { cls: 'kv', caption: '等待期是怎么算出来的' });
    }
  }
  if (w.lapsed_years > 0 && !w.exempt) h += repairBlock(r, m, i);
  h += capBlock(r, m, i);
  if (m.reimbursement.lines.length) h += reimbBlock(r, m, i);
  h += contribBlock(m, i, r);
  const open = S.open.has(`res${i}`);
  return `<details class="panel mres" id="res-${i}" data-open-key="res${i}"${open ? ' open' : ''}>` +
    `<summary>${r.members.length > 1 ? `${name}:` : ''}为什么是这一天、补缴划不划算、大病保险、能报多少、要交多少</summary>${h}</details>`;
}

// The repair choices the core offers: only those that shorten the wait, each with what it moves
// into cover for the planned spending, and a button to compute with it.
function repairBlock(r, m, i) {
  const w = m.waiting;
  const a = m.advice;
  const rows = [];
  const opts = a && Array.isArray(a.options) ? a.options.filter((o) => o.useful) :
    w.repair_options.filter((o) => o.years <= w.useful_repair_years);
  if (opts.length < 2) return '';
  for (const o of opts) {
    const marks = [];
    if (a && o.years === a.recommended_years) marks.push('<span class="mark">★ 建议</span>');
    if (o.years === w.repair_years) marks.push('<span class="mark">● 当前</span>');
    const btn = o.years === w.repair_years ? '' :
      `<button type="button" class="btn small" id="rep-${i}-${o.years}" data-act="repair" data-i="${i}" data-n="${o.years}">按这个算</button>`;
    const cells = [`${o.years ? `补缴${o.years}年` : '不补缴'} ${marks.join(' ')}`, esc(num(o.cost)), o.cover_start ? esc(dz(o.cover_start)) : '本年度不能报销'];
    if (a) {
      const moved = (o.moved_in || []).map((x) => `${esc(dz(x.date))}的${esc(x.label)}`).join('、');
      cells.push(o.years === 0 ? '—' : isZero(o.gain) ? '不多报' : `多报${esc(num(o.gain))}元${moved ? `:${moved}能报了` : ''}`);
    }
    cells.push(btn);
    rows.push({ cells, cls: o.years === w.repair_years ? 'current' : '' });
  }
  const heads = ['补缴', '补缴费用(元)', '开始报销'];
  if (a) heads.push('比不补缴');
  heads.push('<span class="sr-only">操作</span>');
  const rule = repairRule(P(r.policy.id), r.benefit_year);
  const h = `<h3>补缴划不划算</h3><p>断保的${w.lapsed.join('、')}年可以补缴(按${r.benefit_year}年度的标准)${rule ? `,${rule}` : ''}。只列出能让报销提前的补缴。</p>`;
  return h + tbl(heads, rows, { caption: '补缴几年,各是什么结果' });
}

function capBlock(r, m, i) {
  const c = m.cap;
  const orig = paramOf(r, 'cap.original');
  let h = `<h3>大病保险限额 ${traceLink(i, 'cap')}</h3>`;
  const word = change(c.adjustment);
  h += `<p class="capline">${r.benefit_year}年大病保险最高支付限额:<strong class="change">${word === '不变' ? '不变' : esc(word)}</strong></p>`;
  // The adjustment itself rests on figures not yet official (e.g. the national floor's amounts).
  h += softLine(r, i, 'cap', '这个变化', 'cap.original');
  if (c.cap) {
    h += `<p class="capnow">本年限额约 <b>${esc(yuan(c.cap))}</b> ` +
      `${orig && orig.status !== 'official' ? `${tag(orig.status)} <span class="capx">它是原封顶线${esc(yuan(c.original_cap))}${isZero(c.adjustment) ? '' : esc(change(c.adjustment).replace(/^增加/, '加上').replace(/^减少/, '减去'))};原封顶线${orig.status === 'user' ? '是您填的' : '还没有官方公布'}。</span>${paramLink('cap.original', '修改原封顶线')}` : ''}</p>`;
  } else {
    h += `<p>${esc(r.policy.name)}的资料中没有大病保险原封顶线,算不出本年限额。${paramLink('cap.original', '填入当地的原封顶线')}</p>`;
  }
  if (c.bonus_limit_reached) h += '<p>提高的部分已经到了上限。</p>';
  if (c.penalty_limit_reached) h += '<p>降低的部分已经到了上限。</p>';
  h += capChart(r, m);
  if (c.years.length) {
    const rows = c.years.map((y) => ({
      cells: [`${y.year}年`, y.enrolled ? '参保' : '断保', y.enrolled ? esc(change(y.adjustment, '')) : '—',
        y.cap ? esc(num(y.cap)) : '—', esc(plain(y.note || ''))],
      cls: y.year === r.benefit_year ? 'current' : '',
    }));
    h += details(`capyears${i}`, '逐年变化(表格)', tbl(['年度', '参保', '限额变化(元)', '限额(元)', '说明'], rows, { cls: 'wrap', caption: '大病保险限额逐年变化' }));
  }
  return h;
}

// The parameters not yet official (待核实, or the user's own) that member i's `topic` steps used,
// but `except` (said on its own), said in one line with their tag; '' when there are none.
function softLine(r, i, topic, what, except) {
  const soft = unofficial(r, topic, i).filter((x) => x.key !== except);
  if (!soft.length) return '';
  const labels = [...new Set(soft.map((x) => x.label || x.key))];
  return `<p>${tag(soft[0].status)} ${what}用到的${esc(labels.join('、'))}${soft.every((x) => x.status === 'user') ? '是您填的' : '还没有官方数值'}。</p>`;
}

function reimbBlock(r, m, i) {
  const t = m.reimbursement.totals;
  const allowance = !isZero(t.allowance);
  const heads = ['项目', '花费(元)', '基本医保付(元)', '大病保险付(元)', '自己付(元)', '等待期内不报(元)'];
  if (allowance) heads.push('现金补助(元)');
  const cell = (l, k) => (l.estimated ? esc(num(l[k])) : '未估算');
  const rows = m.reimbursement.lines.map((l) => {
    const cells = [esc(l.label), esc(num(l.spending)), cell(l, 'fund_pays'), cell(l, 'major_pays'), cell(l, 'you_pay'), esc(num(l.excluded))];
    if (allowance) cells.push(cell(l, 'allowance'));
    return { cells, note: l.note ? `${l.estimated ? '' : '<b>未估算:</b>'}${esc(plain(l.note))}` : '' };
  });
  const tot = ['<b>合计</b>', esc(num(t.spending)), esc(num(t.fund_pays)), esc(num(t.major_pays)), `<b>${esc(num(t.you_pay))}</b>`, esc(num(t.excluded))];
  if (allowance) tot.push(esc(num(t.allowance)));
  if (rows.length > 1) rows.push({ cells: tot, cls: 'total' });
  let h = `<h3>看病能报多少(估算) ${traceLink(i, 'reimbursement')}</h3>`;
  h += tbl(heads, rows, { caption: '按您填的花费估算' });
  // Most cities have published no deductibles or rates: these figures rest on third-party ones.
  h += softLine(r, i, 'reimbursement', '这些报销数字');
  if (m.reimbursement.lines.some((l) => !l.estimated)) {
    h += `<p class="hint">「未估算」:${esc(r.policy.name)}的资料里没有这一项的报销标准,所以没有算,按0计。知道当地标准的可以在「规则的理解和参数」里填入。</p>`;
  }
  return h;
}

function contribBlock(m, i, r) {
  const c = m.contribution;
  const rows = [{ cells: ['个人缴费标准', esc(yuan(c.premium))] }];
  if (!isZero(c.subsidy_pays)) rows.push({ cells: ['其中医疗救助替您交', esc(yuan(c.subsidy_pays))] });
  rows.push({ cells: ['本人缴费', esc(yuan(c.individual_pays))] });
  if (c.repair_years) {
    const other = c.repair_cost_other !== undefined && c.repair_cost_other !== c.repair_cost ? `(另一种理解:${esc(yuan(c.repair_cost_other))})` : '';
    rows.push({ cells: [`补缴${c.repair_years}年`, `${esc(yuan(c.repair_cost))}${other}`] });
  }
  if (!isZero(c.health_plan)) rows.push({ cells: ['补充保险', esc(yuan(c.health_plan))] });
  rows.push({ cells: ['<b>合计要交</b>', `<b>${esc(yuan(c.total))}</b>`], cls: 'total' });
  let h = `<h3>要交多少钱 ${traceLink(i, 'contribution')}</h3>` + tbl(['项目', '金额'], rows, { cls: 'kv', caption: `${whoHtml(m, i, r.members)}要交的钱` });
  if (c.government_subsidy) h += `<p class="hint">另外,政府每人补助${esc(yuan(c.government_subsidy))},直接进医保基金,不用您交。</p>`;
  return `<div class="contrib">${h}</div>`;
}

function householdBlock(r) {
  const hc = r.household.contribution;
  const rows = r.members.map((m, i) => ({
    cells: [whoHtml(m, i, r.members), esc(num(m.contribution.individual_pays)), esc(num(m.contribution.repair_cost)),
      esc(num(m.contribution.health_plan)), esc(num(m.contribution.total))],
  }));
  rows.push({ cells: ['<b>全家合计</b>', esc(num(hc.individual_pays)), esc(num(hc.repair_cost)), esc(num(hc.health_plan)), `<b>${esc(num(hc.total))}</b>`], cls: 'total' });
  let h = `<section class="card household" aria-labelledby="h-house"><h3 id="h-house">全家要交多少钱</h3>`;
  h += tbl(['成员', '个人缴费(元)', '补缴(元)', '补充保险(元)', '合计(元)'], rows, { caption: `全家${r.household.members}人的缴费` });
  if (!isZero(hc.subsidy_pays)) h += `<p>其中医疗救助替您家交了${esc(yuan(hc.subsidy_pays))}(已经从个人缴费里去掉)。</p>`;
  const t = r.household.reimbursement;
  if (!isZero(t.spending)) {
    const heads = ['<span class="sr-only">项目</span>', '花费(元)', '等待期内不报(元)', '基本医保付(元)', '大病保险付(元)', '自己付(元)'];
    const cells = ['全家合计', esc(num(t.spending)), esc(num(t.excluded)), esc(num(t.fund_pays)), esc(num(t.major_pays)), `<b>${esc(num(t.you_pay))}</b>`];
    if (!isZero(t.allowance)) {
      heads.push('现金补助(元)');
      cells.push(esc(num(t.allowance)));
    }
    h += `<h4>全家看病能报多少(估算)</h4>${tbl(heads, [{ cells }], { caption: '全家看病花费估算合计' })}`;
  }
  return `${h}</section>`;
}

// Two start dates side by side leave a resident asking which to plan by. Nobody official has said
// which reading is right; what can be said is which date is the later, the safe one to plan by.
function planBy(a) {
  if (a.cover_start_used === a.cover_start_other) return '';
  const later = (x, y) => !x || (y && x > y); // null: not within the year, the latest of all
  const when = (d) => (d ? `${dz(d)}才能报销` : '本年度都不能报销');
  return later(a.cover_start_used, a.cover_start_other) ?
    '<p class="hint">哪种理解对,官方还没有说明。本页用的这种开始报销更晚,按本页的日期安排看病更稳妥。</p>' :
    `<p class="hint">哪种理解对,官方还没有说明。按另一种理解,要到${esc(when(a.cover_start_other))};在这之前看病,最好先问当地医保部门。</p>`;
}

function alternativesBlock(r) {
  if (!r.alternatives.length) return '';
  const spent = !isZero(r.household.reimbursement.spending);
  let h = '<section class="card alts" aria-labelledby="h-alt"><h3 id="h-alt">政策有另一种理解时</h3><p>政策原文有两种读法时,两种结果都列出来,您可以自己比较。</p>';
  for (const a of r.alternatives) {
    const m = r.members[a.member];
    h += `<div class="alt"><h4>${whoHtml(m, a.member, r.members)}</h4><p>${esc(plain(a.question))}</p>`;
    // Only the figures the two readings change (A6: the repair price; A8: the 大病 cap).
    const rows = [];
    if (a.id === 'A1' || a.months_used !== a.months_other || a.cover_start_used !== a.cover_start_other) {
      rows.push({ cells: ['等待期', `${a.months_used}个月`, `${a.months_other}个月`] });
      rows.push({ cells: ['开始报销', a.cover_start_used ? esc(dz(a.cover_start_used)) : '本年度不能', a.cover_start_other ? esc(dz(a.cover_start_other)) : '本年度不能'] });
    }
    if (a.repair_price_used !== undefined) rows.push({ cells: ['补缴1年的费用', esc(yuan(a.repair_price_used)), esc(yuan(a.repair_price_other))] });
    if (a.cap_adjustment_used !== undefined) rows.push({ cells: [`${r.benefit_year}年大病保险限额`, esc(change(a.cap_adjustment_used)), esc(change(a.cap_adjustment_other))] });
    // 「每多断保1年」 also lowers the 大病 limit (Yantai's sentence says both): this page counts every
    // lapsed year for the limit under either reading, and says so, or a reader cannot tell whether
    // the cut is certain (a journalist's walk).
    else if (a.id === 'A1' && !isZero(m.cap.adjustment)) {
      // 「两种理解相同」 in the row's name, not its cells: a long cell squeezed 长辈模式's stacked
      // labels to a character a line. Not on paper, where the A4 page has no room for a row that
      // changes nothing (the card says the cut).
      const same = esc(change(m.cap.adjustment));
      rows.push({ cells: [`${r.benefit_year}年大病保险限额(两种理解相同)`, same, same], cls: 'no-print' });
    }
    // With no spending entered there is nothing to pay on: a row of 0元 would read as "pays nothing".
    if (spent && (a.id === 'A1' || a.paid_used !== a.paid_other)) rows.push({ cells: ['按您填的花费,医保支付(基本医保+大病保险)', esc(yuan(a.paid_used)), esc(yuan(a.paid_other))] });
    h += tbl(['<span class="sr-only">项目</span>', `本页所用:${esc(a.used)}`, `另一种:${esc(a.other)}`], rows, { caption: '两种理解的结果' });
    h += planBy(a);
    if (a.id === 'A1') {
      const other = r.reading === 'A' ? 'B' : 'A';
      h += `<button type="button" class="btn" id="reading-${other}" data-act="reading" data-v="${other}">改按读法${other}计算</button>`;
    } else if (a.id === 'A6') {
      const other = r.repair_price === 'own_share' ? 'standard' : 'own_share';
      h += `<button type="button" class="btn" id="repair-price-${other}" data-act="repair-price" data-v="${other}">改${esc(a.other)}</button>`;
    } else if (a.id === 'A8') {
      h += `<button type="button" class="btn" id="elsewhere-${a.member}" data-act="elsewhere" data-i="${a.member}">在别处参保过,按不算断保计算</button>`;
    }
    h += '</div>';
  }
  return `${h}</section>`;
}

function notesBlock(r) {
  const notes = r.notes.slice();
  if (!notes.length && !r.unverified.length) return '';
  let h = '<section class="card notes-card" aria-labelledby="h-notes"><h3 id="h-notes">请注意</h3><ul>';
  if (r.unverified.length) {
    h += `<li>本次结果用到了${r.unverified.length}个${tag('unverified')}或自填的数值(例如原封顶线、住院起付线),官方还没有公布,结果可能有出入。可以在「规则的理解和参数」里查看和修改。</li>`;
  }
  h += notes.map((n) => `<li class="pn">${withFileLinks(P(r.policy.id), plain(n))}</li>`).join('');
  return `${h}</ul></section>`;
}

export function renderResults() {
  const r = S.errors.length ? null : S.last;
  const focus = document.activeElement && document.activeElement.closest('#results,#cmp,#repro') ? document.activeElement.id : '';
  let h = '';
  if (r) {
    h += `<p class="summary">${esc(plain(r.summary))}${r.amounts_note ? `(${esc(r.amounts_note)})` : ''}</p>`;
    h += r.members.map((m, i) => memberResult(r, m, i)).join('');
    if (r.members.length > 1) h += householdBlock(r);
    h += alternativesBlock(r);
    h += notesBlock(r);
  } else {
    h += '<p class="hint">结果卡片里列出的几项填好以后,这里会显示每一步的详细结果。</p>';
  }
  const box = $('results');
  box.innerHTML = h;
  box.classList.toggle('multi', !!r && r.members.length > 1);
  if ($('share-url')) {
    // The share box stays open while the user edits: its links follow the inputs.
    $('share-url').value = shareUrl(false);
    $('embed-url').value = shareUrl(true);
  }
  if ($('cmp').open) renderCompare();
  if ($('trace').open) renderTrace();
  if ($('repro').open) renderRepro();
  if (focus && $(focus)) $(focus).focus();
}
