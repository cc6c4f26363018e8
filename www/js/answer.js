// The answer card: from which day the person is covered, the one thing to do, what the lapse costs,
// and the deadline — the core's sentences as they are (result.members[i].advice, src/advice.rs).
// Below it, the year as a picture and the inputs it was computed from, each with 改.
// One source of truth: the card shows a result only for the inputs it was computed from; when the
// inputs cannot be computed it turns grey and names them, with no figure from before.

import { yearStrip } from './charts.js';
import { unofficial } from './cited.js';
import { $ } from './dom.js';
import { errLine, shown } from './errors.js';
import { daysBetween, dz, esc, isZero, md, plain, tag, who, whoHtml, yuan } from './format.js';
import { steps } from './guide.js';
import { P, S, isObj } from './state.js';
import { LEVEL } from './words.js';
import { docLink, renderSources } from './sources.js';

export function renderAnswer() {
  const r = S.errors.length ? null : S.last;
  const live = r ? answerCard(r) : pendingCard();
  if (live !== S.liveHtml) {
    $('live').innerHTML = live;
    S.liveHtml = live;
  }
  $('pictures').innerHTML = r ? nextSteps(r) + r.members.map((m, i) => yearStrip(r, m, i, inputOf(i), r.members.length > 1)).join('') + recap(r) : '';
  $('print-head').textContent = r ? `${r.policy.title} · ${r.benefit_year}年度${r.amounts_note ? `(${r.amounts_note})` : ''} · 参考编号 ${r.reference}` : '';
  jumpBar(r);
  renderSources();
}

const inputOf = (i) => (S.sent && Array.isArray(S.sent.members) && isObj(S.sent.members[i]) ? S.sent.members[i] : {});

// How the person's year looks: covered with no wait, covered after a wait, or not this year.
function state(w) {
  if (!w.cover_start) return { cls: 'a-bad', icon: '✗', wait: `等待期${w.months.total}个月,本年度内等不到`, when: '本年度不能报销' };
  if (w.exempt) return { cls: 'a-good', icon: '✓', wait: '不设等待期', when: '起能报销' };
  if (w.months.total === 0) return { cls: 'a-good', icon: '✓', wait: '没有等待期', when: '起能报销' };
  return { cls: 'a-wait', icon: '⚠', wait: `等待期${w.months.total}个月`, when: '起能报销' };
}
const dateOf = (w) => (w.cover_start ? dz(w.cover_start) : '本年度不能报销');

// What to do, and what the lapse costs, in the core's words (its summary where it gives no advice).
function advice(m) {
  const a = m.advice;
  if (!a) return `<p class="a-do">${esc(plain(m.summary))}</p>`;
  // The core's headline says what to pay and from which day. When that day is the one the card
  // already shows in large type (or neither is in this year), only the amount is news: the date
  // once is easier to read, and in 长辈模式 it keeps what the lapse costs on the first screen. When
  // the advice gives another day (a repair that pays for itself, or none where the inputs chose
  // one), 建议 says whose day it is.
  const sameDay = (a.cover_start || null) === (m.waiting.cover_start || null);
  const todo = !sameDay ? `建议:${plain(a.headline)}` : isZero(a.pay_now) ? '个人不用交钱' : `要交${yuan(a.pay_now)}`;
  let h = `<p class="a-do">${esc(todo)}</p>`;
  if (a.detail && a.detail.length) h += `<ul class="a-more">${a.detail.map((d) => `<li>${esc(plain(d))}</li>`).join('')}</ul>`;
  if (a.lapse && a.lapse.text) h += `<p class="a-lapse"><span aria-hidden="true">⚠ </span>${esc(plain(a.lapse.text))}</p>`;
  return h;
}

// What the fund pays on the spending the person gave (the fourth question, 「能报多少」), in the
// core's household totals (no sum is made here), with ?待核实 when a figure it used is not
// official: most cities publish no deductible or rate. Not printed: the printed page has the
// table it comes from (看病能报多少), and the A4 page has no room for both.
function back(r) {
  const t = r.household.reimbursement;
  if (isZero(t.spending) && isZero(t.allowance)) return '';
  const who = r.members.length > 1 ? '全家' : '您';
  const parts = [`基本医保约付<b>${esc(yuan(t.fund_pays))}</b>`];
  if (!isZero(t.major_pays)) parts.push(`大病保险约付<b>${esc(yuan(t.major_pays))}</b>`);
  parts.push(`自己付约${esc(yuan(t.you_pay))}`);
  if (!isZero(t.allowance)) parts.push(`另有生育补助${esc(yuan(t.allowance))}`);
  // Not 「在等待期内」: the days before the payment are not insured yet, and no wait either.
  const waiting = isZero(t.excluded) ? '' : `(其中${esc(yuan(t.excluded))}花在开始报销以前,不能报)`;
  const partial = r.members.some((m) => m.reimbursement.lines.some((l) => !l.estimated)) ? '有的项目当地没有报销标准,没有算进去。' : '';
  const soft = unofficial(r, 'reimbursement').length > 0;
  return `<p class="a-back no-print">按${who}填的看病花费${esc(yuan(t.spending))}${waiting}:${parts.join(',')}。${partial}${soft ? ` ${tag('unverified')}` : ''}</p>`;
}

// The enrolment window still open today: days left (only the page knows today), and what paying
// after it means (the core's sentence).
function deadline(r) {
  const w = r.members[0].waiting;
  if (!w.window_start || !w.window_end || !S.today || S.today < w.window_start || S.today > w.window_end) return '';
  const left = daysBetween(S.today, w.window_end);
  let h = left === 0 ? `今天是${r.benefit_year}年度集中参保期的最后一天。` : `${r.benefit_year}年度集中参保期还有${left}天结束(到${md(w.window_end)})。`;
  const after = r.members.map((m) => m.advice && m.advice.after_window && m.advice.after_window.text).find(Boolean);
  if (after) h += plain(after);
  return `<p class="a-deadline"><b>截止日期:</b>${esc(h)}</p>`;
}

function answerCard(r) {
  const ctx = `${esc(r.policy.name)} · ${r.benefit_year}年度`;
  const speak = `<button type="button" class="btn small speak" id="speak" data-act="speak"${S.canSpeak ? '' : ' hidden'}>朗读</button>`;
  const foot = `<p class="a-foot">${speak}<span class="ref">参考编号 <b>${esc(r.reference)}</b></span></p>`;
  if (r.members.length === 1) {
    const m = r.members[0];
    const st = state(m.waiting);
    return `<article class="answer ${st.cls}" aria-labelledby="a-title"><p class="a-ctx">${ctx} · ${whoHtml(m, 0, r.members)}(${esc(m.category_label)})</p>` +
      `<h3 class="a-title" id="a-title"><span class="a-icon" aria-hidden="true">${st.icon}</span><strong class="b-date">${esc(dateOf(m.waiting))}</strong>` +
      `${m.waiting.cover_start ? `<span class="b-who">${st.when}</span>` : ''}</h3><p class="b-wait">${esc(st.wait)}</p>` +
      `${advice(m)}${back(r)}${deadline(r)}${foot}</article>`;
  }
  let h = `<article class="answer a-multi" aria-labelledby="a-title"><p class="a-ctx">${ctx}</p><h3 class="a-title" id="a-title">全家${r.members.length}人从哪天起能报销</h3><ul class="bigs">`;
  r.members.forEach((m, i) => {
    const st = state(m.waiting);
    h += `<li class="big ${st.cls}"><span class="b-who">${whoHtml(m, i, r.members)}</span>` +
      `<span class="b-line"><span class="a-icon" aria-hidden="true">${st.icon}</span><strong class="b-date">${esc(dateOf(m.waiting))}</strong>` +
      `${m.waiting.cover_start ? `<span class="b-when">${st.when}</span>` : ''}</span><span class="b-wait">${esc(st.wait)}</span>${advice(m)}</li>`;
  });
  h += `</ul><p class="a-total">全家应缴 <b>${esc(yuan(r.household.contribution.total))}</b></p>${back(r)}`;
  return `${h}${deadline(r)}${foot}</article>`;
}

// 接下来怎么办 (issue 15): where to pay, who may pay for you, students, by when — the city's own
// facts from its policy file, in the order a resident acts, with their sources one tap away. Only
// text: nothing here leaves the page (most are mini-programs anyway). A city without them: nothing.
function nextSteps(r) {
  const g = r.guide;
  if (!g) return '';
  const items = (list) => `<ul class="nx">${list.map((x) => `<li><b>${esc(x.title)}</b>:${esc(x.text)}` +
    `${x.status !== 'official' ? ` ${tag(x.status)}` : ''}</li>`).join('')}</ul>`;
  const parts = [];
  if (g.where && g.where.length) parts.push(['去哪儿交', items(g.where)]);
  if (g.who && g.who.length) parts.push(['谁可以帮您交', items(g.who)]);
  if (g.students && g.students.length) parts.push(['学生', items(g.students)]);
  if (g.when && g.when.text) parts.push(['什么时候交', `<p>${esc(g.when.text)}</p>`]);
  if (!parts.length && !g.note) return '';
  let h = '<section class="card next" aria-labelledby="h-next"><h3 id="h-next">接下来怎么办</h3>';
  h += parts.map(([head, body], k) => `<h4>${k + 1}. ${head}</h4>${body}`).join('');
  if (g.note) h += `<p class="hint">${esc(g.note)}</p>`;
  const cited = [...(g.where || []), ...(g.who || []), ...(g.students || [])];
  if (cited.length) {
    h += `<details class="sub"><summary>这些说明的出处</summary><ul class="nx-src">${cited.map((x) => `<li><b>${esc(x.title)}</b>:` +
      `${docLink(P(r.policy.id), x.document, x.quote)}${x.quote ? `<blockquote>「${esc(x.quote)}」</blockquote>` : ''}${x.note ? `<p class="doc">${esc(x.note)}</p>` : ''}</li>`).join('')}</ul></details>`;
  }
  return `${h}</section>`;
}

// Inputs that cannot be computed: say so, in grey, and name them — never a figure from before.
function pendingCard() {
  if (!S.errors.length) return '';
  const told = S.errors.some(shown);
  return `<article class="answer a-pending alert" id="alert" aria-labelledby="a-title"><h3 class="a-title" id="a-title">` +
    `<span class="a-icon" aria-hidden="true">✎</span>还算不出结果</h3>` +
    `<p>${told ? '下面这些要先填好或改正' : '还差下面这些没填好'},改好后马上显示结果:</p>` +
    `<ul>${S.errors.map((e) => `<li>${errLine(e)}</li>`).join('')}</ul>` +
    `<p class="row"><button type="button" class="btn" id="show-errors" data-act="show-errors">看看哪里要改</button></p></article>`;
}

// The inputs the result was computed from, each with a way back to its question.
function recap(r) {
  const s = S.sent;
  const pol = P(s.policy);
  if (!pol) return '';
  const list = Array.isArray(s.members) ? s.members : [];
  const name = (i) => (list.length > 1 ? `${who(list[i], i, list)}:` : '');
  const rows = [['city', '参保地', esc(r.policy.name)]];
  rows.push(['who', '给谁算', r.members.map((m, i) => `${whoHtml(m, i, r.members)}(${esc(m.category_label)})`).join('、')]);
  rows.push(['year', '哪一年', `${r.benefit_year}年`]);
  const hist = list.map((m, i) => (Array.isArray(m.history) && m.history.length ? esc(name(i) + historyText(m.history)) : '')).filter(Boolean);
  if (hist.length) rows.push(['history', '往年', hist.join('<br>')]);
  rows.push(['pay', '交费日期', list.map((m, i) => esc(name(i) + dz(m.payment_date))).join('<br>')]);
  const ids = steps(pol).map((st) => st.id);
  if (ids.includes('spend')) {
    rows.push(['spend', '看病花费', list.map((m, i) => esc(name(i) + spendText(m.spending))).join('<br>')]);
  }
  const lis = rows.filter(([id]) => ids.includes(id)).map(([id, label, value]) => `<li><span class="rc-l">${label}</span><span class="rc-v">${value}</span>` +
    `<button type="button" class="btn small" data-act="edit-step" data-step="${id}" aria-label="改${label}">改</button></li>`);
  return `<section class="card recap no-print" aria-labelledby="h-recap"><h3 id="h-recap">按这些情况算的</h3><ul class="rc">${lis.join('')}</ul></section>`;
}
function historyText(history) {
  const on = history.filter((x) => isObj(x) && x.enrolled !== false).map((x) => x.year);
  const off = history.filter((x) => isObj(x) && x.enrolled === false).map((x) => x.year);
  return [on.length ? `${on.join('、')}年参保` : '', off.length ? `${off.join('、')}年断保` : ''].filter(Boolean).join(',');
}
function spendText(sp) {
  if (!isObj(sp)) return '没填';
  const parts = [];
  if (sp.outpatient) parts.push(`普通门诊全年${yuan(sp.outpatient)}`);
  if (isObj(sp.chronic)) parts.push(`两病用药全年${yuan(sp.chronic.drugs || 0)}`);
  for (const st of Array.isArray(sp.stays) ? sp.stays : []) {
    const when = st.date ? dz(st.date).replace(/^\d{4}年/, '') : `${st.month}月`;
    parts.push(`${when}住院(${LEVEL[st.level] || st.level})${st.amount ? yuan(st.amount) : ''}`);
  }
  if (isObj(sp.childbirth)) parts.push(`${sp.childbirth.month}月生第${sp.childbirth.child_order}个孩子`);
  if (isObj(sp.special_rehab)) parts.push(`儿童康复全年${yuan(sp.special_rehab.amount || 0)}`);
  return parts.length ? parts.join(';') : '没填';
}

// The bar at the foot of a phone screen while the answer is out of sight: the date, or what is missing.
function jumpBar(r) {
  const jump = $('jump');
  if (S.embed) return;
  if (S.errors.length) jump.textContent = `还差${S.errors.length}项没填好 · 看结果 ↑`;
  else if (r) {
    const one = r.members.length === 1 ? r.members[0].waiting.cover_start : null;
    jump.textContent = one ? `从${dz(one)}起能报销 · 看结果 ↑` : '看测算结果 ↑';
  }
  jump.hidden = !(r || S.errors.length) || S.resVisible || S.view === 'guide';
}

