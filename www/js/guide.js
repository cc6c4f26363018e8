// The guided path: one question per screen (where, who, which year, the years before, when, what
// spending), then the answer. A first visit starts here; a stored or shared scenario opens on the
// answer, whose 改 buttons come back to one question. Each screen checks only its own question:
// 下一步 shows the errors of the fields on this screen and stays; the rest wait for their screen.

import { CITY_SLOT, showErrors, touchErrors } from './errors.js';
import { addPart, cityPart, hasHistory, historyFields, memberBox, membersPart, payField, spendFields, spends, whoFields, yearPart } from './form.js';
import { S, isObj } from './state.js';

const STEPS = [
  { id: 'city', title: '您在哪里参加居民医保?', lede: '各地的缴费标准和报销比例不同。', body: (pol) => cityPart(pol) },
  { id: 'who', title: '给谁算?', lede: '', body: (pol) => perMember(pol, (m, i) => whoFields(m, i, pol, i === 0 && m.role === 'self' && members().length === 1)) + addPart() },
  { id: 'year', title: '想知道哪一年能不能报销?', lede: '居民医保一年一交,每年秋冬交下一年的钱。', body: (pol) => yearPart(pol) },
  {
    id: 'history', title: '这几年都交了居民医保吗?', lede: '点一下年份就在「参保」和「断保」之间切换。断保会让报销晚几个月开始。',
    when: () => members().some((m) => isObj(m) && hasHistory(m)),
    body: (pol) => perMember(pol, (m, i) => historyFields(m, i, pol)),
  },
  { id: 'pay', title: '哪天交(或打算哪天交)这一年的钱?', lede: '报销从哪天开始,要从交钱这天算起。', body: (pol) => perMember(pol, (m, i) => payField(m, i, pol)) },
  {
    id: 'spend', title: '这一年预计要看病吗?', lede: '可以不填。填了就能算出能报多少、补缴划不划算。',
    when: (pol) => spends(pol),
    body: (pol) => perMember(pol, (m, i) => spendFields(m, i, pol, true)),
  },
];

const members = () => (Array.isArray(S.scn.members) ? S.scn.members : []);
// Each member's part of this screen; a household shows whose part is whose.
function perMember(pol, part) {
  return membersPart(pol, (m, i, count) => memberBox(m, i, count, part(m, i), count > 1 ? 'card' : 'solo'));
}

// The screens that apply to this household and city, in order.
export function steps(pol) {
  return STEPS.filter((st) => !st.when || st.when(pol));
}

export function guideStep(pol) {
  const list = steps(pol);
  let k = list.findIndex((st) => st.id === S.step);
  if (k < 0) {
    k = 0;
    S.step = list[0].id;
  }
  const st = list[k];
  const last = k === list.length - 1;
  let h = S.notice ? `<p class="toolmsg guide-msg" role="status">${S.notice}${S.undo ? '<button type="button" class="btn small" id="undo" data-act="undo">撤销</button>' : ''}</p>` : '';
  h += `<section class="step" aria-labelledby="step-h"><p class="step-n">第${k + 1}步,共${list.length}步</p>` +
    `<h2 id="step-h" tabindex="-1">${st.title}</h2>${st.lede ? `<p class="step-lede">${st.lede}</p>` : ''}${st.body(pol)}`;
  h += '<div class="step-nav">';
  if (k > 0) h += '<button type="button" class="btn" id="step-prev" data-act="step-prev">上一步</button>';
  h += last || S.editing
    ? '<button type="button" class="btn primary" id="step-done" data-act="step-done">看结果</button>'
    : '<button type="button" class="btn primary" id="step-next" data-act="step-next">下一步</button>';
  if (S.editing && !last) h += '<button type="button" class="btn" id="step-next" data-act="step-next">下一步</button>';
  h += '</div>';
  if (k === 0 && !S.editing) h += '<p class="step-skip"><button type="button" class="btn-link plain" id="step-skip" data-act="step-skip">不用一步步填:显示全部填写项和结果</button></p>';
  return `${h}</section>`;
}

// Which of the two ways the page is shown: 'guide' (one question per screen; the answer and the
// details wait) or 'answer' (the answer first, everything else below it).
export function showView(view, step) {
  S.view = view;
  if (step) S.step = step;
  document.body.classList.toggle('guide', view === 'guide');
  document.body.classList.toggle('answer-view', view === 'answer');
  document.body.classList.toggle('guide-later', view === 'guide' && S.step !== 'city');
  document.getElementById('answer').hidden = view === 'guide';
  document.getElementById('res-sec').hidden = view === 'guide';
  if (view === 'guide') document.getElementById('jump').hidden = true;
}
// After a new screen is drawn: its question is read first, from the top of the page.
export function focusStep() {
  window.scrollTo(0, 0);
  const h = document.getElementById('step-h');
  if (h) h.focus({ preventScroll: true });
}

// The errors of the fields on this screen, shown; true when there are none.
export function stepOk() {
  const here = document.querySelector('#form .step');
  const n = touchErrors(here);
  if (S.step === 'city' && S.askCity) {
    S.touched.add(CITY_SLOT);
    showErrors();
    return false;
  }
  return n === 0;
}

// The screen after (+1) or before (−1) this one, among those that apply now.
export function moveStep(pol, by) {
  const list = steps(pol);
  const k = Math.max(0, list.findIndex((st) => st.id === S.step));
  S.step = list[Math.min(list.length - 1, Math.max(0, k + by))].id;
}
