// The result: the headline, one card per member, the household, other readings and notes.

import { details } from './controls.js';
import { $ } from './dom.js';
import { errLink } from './errors.js';
import { dz, esc, isZero, signed, tag, tbl, who, yuan } from './format.js';
import { renderCompare, renderRepro } from './panels-load.js';
import { fid } from './scenario.js';
import { FIRST_YEAR, S } from './state.js';
import { shareUrl } from './storage.js';
import { renderTrace } from './trace.js';

const traceLink = (i, topic) => `<a class="tl" href="#t-${i}-${topic}" data-act="trace">怎么算的</a>`;
export const paramLink = (key, text) => `<a class="tl" href="#p-${fid(key)}" data-act="param" data-key="${esc(key)}">${text}</a>`;

export function paramOf(r, key) {
  return r.parameters.find((x) => x.key === key);
}

function headline(r) {
  let h = '';
  if (S.errors.length) {
    h += `<div class="alert" id="alert"><p><b>有${S.errors.length}处输入需要修改</b>,已在对应的地方标出:</p><ul>` +
      S.errors.map((e) => `<li>${errLink(e)}</li>`).join('') + '</ul>' +
      `<p>${r ? '下面是修改前的结果,仅供参考,改正后会自动更新。' : '改正后会马上显示测算结果。'}</p></div>`;
  }
  if (!r) return h;
  h += `<div class="headline${S.errors.length ? ' stale' : ''}${r.members.length > 1 ? ' multi' : ''}">`;
  h += `<p class="h-sub">${esc(r.policy.name)} · ${r.benefit_year}年度${r.amounts_note ? `(${esc(r.amounts_note)})` : ''}</p>`;
  h += '<ul class="bigs">';
  r.members.forEach((m, i) => {
    const w = m.waiting;
    h += `<li class="big"><span class="b-who">${esc(who(m, i))}:${w.cover_start ? '从这天起能报销' : '本年度'}</span>` +
      `<strong class="b-date">${w.cover_start ? esc(dz(w.cover_start)) : '不能报销'}</strong>` +
      `<span class="b-wait">${w.exempt ? '不设等待期' : `等待期${w.months.total}个月`}</span></li>`;
  });
  h += `</ul><p class="summary">${esc(r.summary)}</p><p class="ref">参考编号 <b>${esc(r.reference)}</b></p></div>`;
  return h;
}
function memberResult(r, m, i) {
  const w = m.waiting;
  const input = Array.isArray(S.sent && S.sent.members) ? S.sent.members[i] : null;
  let h = `<article class="card mres" id="res-${i}"><h3>${esc(who(m, i))} · ${esc(m.category_label)}</h3>`;
  const recap = [];
  if (input && Array.isArray(input.history) && input.history.length) {
    recap.push(`往年:${input.history.map((x, k) => `${FIRST_YEAR + k}${x.enrolled === false ? '断保' : '参保'}`).join('、')}`);
  }
  if (input) recap.push(`交费日 ${dz(input.payment_date)}`);
  if (w.repair_years) recap.push(`补缴${w.repair_years}年`);
  if (recap.length) h += `<p class="recap">${esc(recap.join(' · '))}</p>`;
  if (r.members.length > 1) h += `<p class="msum">${esc(m.summary)}</p>`;

  h += `<h4>从哪天起能报销 ${traceLink(i, 'waiting_period')}</h4>`;
  if (w.cover_start) {
    h += `<p class="dline"><strong class="date">${esc(dz(w.cover_start))}</strong> 至 ${esc(dz(w.cover_end))}</p>`;
    if (w.uncovered_days > 0) h += `<p>${r.benefit_year}年有${w.uncovered_days}天在等待期内,这段时间看病医保不报。</p>`;
  } else {
    h += `<p class="dline"><strong class="date">${r.benefit_year}年内不能报销</strong></p><p>等待期要到下一年才结束。</p>`;
  }
  if (w.exempt) {
    h += `<p>${esc(m.category_label)}不设等待期。</p>`;
  } else {
    const mm = w.months;
    const why = w.lapsed_years > 0 ? `断保${w.lapsed_years}年(${w.lapsed.join('、')})` : w.in_window ? '按时连续参保,没有等待期' : '没有在集中参保期内交费';
    h += `<p>${esc(why)}。${w.in_window ? '' : `集中参保期是${esc(dz(w.window_start))}至${esc(dz(w.window_end))}。`}</p>`;
    if (mm.total > 0 || w.lapsed_years > 0) h += tbl(['等待期', '月数'], [
      { cells: ['固定等待期', `${mm.fixed}个月`] },
      { cells: [`变动等待期(断保${w.lapsed_years}年,读法${esc(w.reading)})`, `+${mm.variable}个月`] },
      { cells: ['补缴减少', `−${mm.repaired}个月`] },
      { cells: ['下限补足', `+${mm.floor_added}个月`] },
      { cells: ['<b>合计</b>', `<b>${mm.total}个月</b>`], cls: 'total' },
    ], { cls: 'kv', caption: '等待期的组成' });
  }
  if (w.lapsed_years > 0 && !w.exempt && w.repair_options.length > 1) h += repairBlock(w, i);
  h += capBlock(r, m, i);
  if (m.reimbursement.lines.length) h += reimbBlock(r, m, i);
  h += contribBlock(m, i);
  return `${h}</article>`;
}

function repairBlock(w, i) {
  const opts = w.repair_options;
  const best = opts.find((o) => o.years === w.best_repair_years);
  const none = opts[0];
  let h = `<h4>补缴划不划算</h4><p>断保的${w.lapsed.join('、')}年可以补缴(按今年标准)。每补1年,等待期少1个月。</p>`;
  if (best && w.best_repair_years > 0) {
    h += `<p class="best">★ 最划算:补缴${best.years}年,花${esc(yuan(best.cost))},${best.cover_start ? `从${esc(dz(best.cover_start))}起能报销` : '本年度仍不能报销'};` +
      `不补缴要到${none.cover_start ? esc(dz(none.cover_start)) : '下一年'}。</p>`;
  } else {
    h += '<p class="best">★ 补缴不能让报销开始得更早,不必为缩短等待期而补缴。</p>';
  }
  const rows = opts.map((o) => {
    const marks = [];
    if (o.years === w.best_repair_years) marks.push('<span class="mark">★ 最早</span>');
    if (o.years === w.repair_years) marks.push('<span class="mark">● 当前</span>');
    const btn = o.years === w.repair_years ? '' :
      `<button type="button" class="btn small" id="rep-${i}-${o.years}" data-act="repair" data-i="${i}" data-n="${o.years}">按这个算</button>`;
    return {
      cells: [`${o.years ? `补缴${o.years}年` : '不补缴'} ${marks.join(' ')}`, esc(o.cost), `${o.total_months}个月`,
        o.cover_start ? esc(dz(o.cover_start)) : '本年度不能报销', btn],
      cls: o.years === w.repair_years ? 'current' : '',
    };
  });
  return h + tbl(['补缴', '补缴费用(元)', '等待期', '开始报销', '<span class="sr-only">操作</span>'], rows, { caption: '补缴几年,各是什么结果' });
}

function capBlock(r, m, i) {
  const c = m.cap;
  const orig = paramOf(r, 'cap.original');
  const sign = signed(c.adjustment);
  const word = isZero(c.adjustment) ? '不变' : c.adjustment[0] === '-' ? '降低' : '提高';
  let h = `<h4>大病保险限额 ${traceLink(i, 'cap')}</h4>`;
  h += `<p class="capline">本年限额调整:<strong class="signed">${esc(sign)}元</strong>(${word})</p>`;
  // The adjustment itself rests on figures not yet official (e.g. the national floor's amounts).
  const soft = r.trace.filter((st) => st.member === i && st.topic === 'cap')
    .flatMap((st) => (st.params || []).map((key) => paramOf(r, key)))
    .filter((x) => x && x.key !== 'cap.original' && x.status !== 'official');
  if (soft.length) {
    const labels = [...new Set(soft.map((x) => x.label || x.key))];
    h += `<p>${tag(soft[0].status)} 这个调整用到的${esc(labels.join('、'))}${soft.every((x) => x.status === 'user') ? '是您填的' : '还没有官方数值'}。</p>`;
  }
  if (c.cap) {
    h += `<p>本年限额约 <b>${esc(yuan(c.cap))}</b> ` +
      `${orig && orig.status !== 'official' ? `${tag(orig.status)} <span class="capx">它等于原封顶线${esc(yuan(c.original_cap))}加上面的调整;原封顶线${orig.status === 'user' ? '是您填的' : '还没有官方公布'}。</span>${paramLink('cap.original', '修改原封顶线')}` : ''}</p>`;
  } else {
    h += `<p>${esc(r.policy.name)}的资料中没有大病保险原封顶线,算不出本年限额。${paramLink('cap.original', '填入当地的原封顶线')}</p>`;
  }
  if (c.bonus_limit_reached) h += '<p>奖励已达到上限(原封顶线的20%)。</p>';
  if (c.penalty_limit_reached) h += '<p>降低已达到上限(原封顶线的20%)。</p>';
  if (c.years.length) {
    const rows = c.years.map((y) => ({
      cells: [`${y.year}年`, y.enrolled ? '参保' : '断保', y.enrolled ? esc(signed(y.adjustment)) : '—',
        y.cap ? esc(y.cap) : '—', esc(y.note || '')],
      cls: y.year === r.benefit_year ? 'current' : '',
    }));
    h += details(`capyears${i}`, '逐年变化', tbl(['年度', '参保', '限额调整(元)', '限额(元)', '说明'], rows, { cls: 'wrap', caption: '大病保险限额逐年变化' }));
  }
  return h;
}

function reimbBlock(r, m, i) {
  const t = m.reimbursement.totals;
  const allowance = !isZero(t.allowance);
  const heads = ['项目', '花费(元)', '基本医保付(元)', '大病保险付(元)', '自己付(元)', '等待期内不报(元)'];
  if (allowance) heads.push('现金补助(元)');
  const cell = (l, k) => (l.estimated ? esc(l[k]) : '未估算');
  const rows = m.reimbursement.lines.map((l) => {
    const cells = [esc(l.label), esc(l.spending), cell(l, 'fund_pays'), cell(l, 'major_pays'), cell(l, 'you_pay'), esc(l.excluded)];
    if (allowance) cells.push(cell(l, 'allowance'));
    return { cells, note: l.note ? `${l.estimated ? '' : '<b>未估算:</b>'}${esc(l.note)}` : '' };
  });
  const tot = ['<b>合计</b>', esc(t.spending), esc(t.fund_pays), esc(t.major_pays), `<b>${esc(t.you_pay)}</b>`, esc(t.excluded)];
  if (allowance) tot.push(esc(t.allowance));
  if (rows.length > 1) rows.push({ cells: tot, cls: 'total' });
  let h = `<h4>看病能报多少(估算) ${traceLink(i, 'reimbursement')}</h4>`;
  h += tbl(heads, rows, { caption: '按您填的花费估算' });
  if (m.reimbursement.lines.some((l) => !l.estimated)) {
    h += `<p class="hint">「未估算」:${esc(r.policy.name)}的资料里没有这一项的报销标准,所以没有算,按0计。知道当地标准的可以在「规则的理解和参数」里填入。</p>`;
  }
  return h;
}

function contribBlock(m, i) {
  const c = m.contribution;
  const rows = [{ cells: ['个人缴费标准', esc(yuan(c.premium))] }];
  if (!isZero(c.subsidy_pays)) rows.push({ cells: ['医疗救助代缴', `−${esc(yuan(c.subsidy_pays))}`] });
  rows.push({ cells: ['本人缴费', esc(yuan(c.individual_pays))] });
  if (c.repair_years) rows.push({ cells: [`补缴${c.repair_years}年`, esc(yuan(c.repair_cost))] });
  if (!isZero(c.health_plan)) rows.push({ cells: ['补充保险', esc(yuan(c.health_plan))] });
  rows.push({ cells: ['<b>合计要交</b>', `<b>${esc(yuan(c.total))}</b>`], cls: 'total' });
  let h = `<h4>要交多少钱 ${traceLink(i, 'contribution')}</h4>` + tbl(['项目', '金额'], rows, { cls: 'kv', caption: `${esc(who(m, i))}要交的钱` });
  if (c.government_subsidy) h += `<p class="hint">另外,政府每人补助${esc(yuan(c.government_subsidy))},直接进医保基金,不用您交。</p>`;
  return `<div class="contrib">${h}</div>`;
}

function householdBlock(r) {
  const hc = r.household.contribution;
  const rows = r.members.map((m, i) => ({
    cells: [esc(who(m, i)), esc(m.contribution.individual_pays), esc(m.contribution.repair_cost),
      esc(m.contribution.health_plan), esc(m.contribution.total)],
  }));
  rows.push({ cells: ['<b>全家合计</b>', esc(hc.individual_pays), esc(hc.repair_cost), esc(hc.health_plan), `<b>${esc(hc.total)}</b>`], cls: 'total' });
  let h = `<section class="card household" aria-labelledby="h-house"><h3 id="h-house">全家要交多少钱</h3>`;
  h += tbl(['成员', '个人缴费(元)', '补缴(元)', '补充保险(元)', '合计(元)'], rows, { caption: `全家${r.household.members}人的缴费` });
  if (!isZero(hc.subsidy_pays)) h += `<p>其中医疗救助代缴${esc(yuan(hc.subsidy_pays))}(已从个人缴费中减去)。</p>`;
  const t = r.household.reimbursement;
  if (!isZero(t.spending)) {
    const heads = ['<span class="sr-only">项目</span>', '花费(元)', '等待期内不报(元)', '基本医保付(元)', '大病保险付(元)', '自己付(元)'];
    const cells = ['全家合计', esc(t.spending), esc(t.excluded), esc(t.fund_pays), esc(t.major_pays), `<b>${esc(t.you_pay)}</b>`];
    if (!isZero(t.allowance)) {
      heads.push('现金补助(元)');
      cells.push(esc(t.allowance));
    }
    h += `<h4>全家看病能报多少(估算)</h4>${tbl(heads, [{ cells }], { caption: '全家看病花费估算合计' })}`;
  }
  return `${h}</section>`;
}

function alternativesBlock(r) {
  if (!r.alternatives.length) return '';
  let h = '<section class="card alts" aria-labelledby="h-alt"><h3 id="h-alt">政策有另一种理解时</h3><p>政策原文有两种读法时,两种结果都列出来,您可以自己比较。</p>';
  for (const a of r.alternatives) {
    const m = r.members[a.member];
    h += `<div class="alt"><h4>${esc(who(m, a.member))}</h4><p>${esc(a.question)}</p>`;
    h += tbl(['<span class="sr-only">项目</span>', `本页所用:${esc(a.used)}`, `另一种:${esc(a.other)}`], [
      { cells: ['等待期', `${a.months_used}个月`, `${a.months_other}个月`] },
      { cells: ['开始报销', a.cover_start_used ? esc(dz(a.cover_start_used)) : '本年度不能', a.cover_start_other ? esc(dz(a.cover_start_other)) : '本年度不能'] },
      { cells: ['医保支付(基本医保+大病保险)', esc(yuan(a.paid_used)), esc(yuan(a.paid_other))] },
    ], { caption: '两种理解的结果' });
    if (a.id === 'A1') {
      const other = r.reading === 'A' ? 'B' : 'A';
      h += `<button type="button" class="btn" id="reading-${other}" data-act="reading" data-v="${other}">改按读法${other}计算</button>`;
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
  h += notes.map((n) => `<li class="pn">${esc(n)}</li>`).join('');
  return `${h}</ul></section>`;
}

export function renderResults() {
  const r = S.last;
  const live = headline(r);
  if (live !== S.liveHtml) {
    $('live').innerHTML = live;
    S.liveHtml = live;
  }
  const focus = document.activeElement && document.activeElement.closest('#results,#cmp,#repro') ? document.activeElement.id : '';
  let h = '';
  if (r) {
    h += r.members.map((m, i) => memberResult(r, m, i)).join('');
    if (r.members.length > 1) h += householdBlock(r);
    h += alternativesBlock(r);
    h += notesBlock(r);
  }
  $('print-head').textContent = r ? `${r.policy.title} · ${r.benefit_year}年度${r.amounts_note ? `(${r.amounts_note})` : ''} · 参考编号 ${r.reference}` : '';
  const box = $('results');
  box.innerHTML = h;
  box.classList.toggle('stale', S.errors.length > 0);
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
  const jump = $('jump');
  if (r && !S.embed) {
    const one = r.members.length === 1 ? r.members[0].waiting.cover_start : null;
    jump.textContent = S.errors.length ? `有${S.errors.length}处需要修改 · 看结果 ↓` : one ? `从${dz(one)}起能报销 · 看结果 ↓` : '看测算结果 ↓';
  }
  jump.hidden = !r || S.resVisible;
}
