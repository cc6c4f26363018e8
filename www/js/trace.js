// The trace panel: each step of the calculation with its rule and the cited parameters.

import { $ } from './dom.js';
import { esc, tag, who } from './format.js';
import { EXTRA, kindOf, paramValue } from './params.js';
import { paramOf } from './cited.js';
import { docAnchor, docLink, sourceHref } from './sources.js';
import { paramLink } from './results.js';
import { P, S } from './state.js';

const TOPIC = { input: '说明', waiting_period: '等待期', cap: '大病保险限额', contribution: '缴费', reimbursement: '报销' };

export function renderTrace() {
  const r = S.last;
  if (!r) {
    $('trace-body').innerHTML = '<p>还没有结果。</p>';
    return;
  }
  const pol = P(r.policy.id);
  let h = `<p>下面是测算核心一步一步的计算。每一步都写明依据(${rulesLink(pol, '规则手册 RULES.md')}的章节)和所用数值的出处原文(点出处看原文);${tag('unverified')}的数值可以在「规则的理解和参数」里修改。` +
    `断保年数按<b>读法${esc(r.reading)}</b>${r.reading_from === 'policy' ? '(默认)' : '(您选的)'}。</p>`;
  if (r.amounts_note) h += `<p>${esc(r.amounts_note)}。</p>`;
  let group = null;
  const seen = new Set();
  h += '<ol class="steps">';
  for (const st of r.trace) {
    const g = st.member === undefined ? -1 : st.member;
    if (g !== group) {
      group = g;
      h += `<li class="s-group" aria-hidden="true">${g < 0 ? '全家' : esc(who(r.members[g], g))}</li>`;
    }
    const anchor = `t-${g}-${st.topic}`;
    const id = seen.has(anchor) ? '' : ` id="${anchor}" tabindex="-1"`;
    seen.add(anchor);
    h += `<li class="step"${id}><p><span class="s-topic">${esc(TOPIC[st.topic] || st.topic)}</span>${g >= 0 ? `(${esc(who(r.members[g], g))})` : ''}:${esc(st.text)}</p>` +
      `<p class="s-val">结果:<b>${esc(st.value)}</b> · 依据:${rulesLink(pol, st.rule)}</p>`;
    if (st.params && st.params.length) {
      h += '<ul class="s-params">' + st.params.map((key) => paramOf(r, key)).filter(Boolean).map((x) => `<li>${tag(x.status)} <b>${esc(x.label || x.key)}</b> = ${esc(paramValue(x.value, kindOf(pol, x.key)))}` +
        `${x.policy_value ? `(资料原值 ${esc(paramValue(x.policy_value, kindOf(pol, x.key)))})` : ''}` +
        `${x.quote ? `<blockquote>「${esc(x.quote)}」</blockquote>` : ''}<p class="doc">出处:${docLink(pol, x.document, x.quote)}${x.note ? `(${esc(x.note)})` : ''}</p>` +
        `${x.status !== 'official' && editable(x.key) ? paramLink(x.key, '修改这个数值') : ''}</li>`).join('') + '</ul>';
    }
    h += '</li>';
  }
  h += '</ol>';
  $('trace-body').innerHTML = h;
}
function editable(key) {
  const pol = P(S.scn.policy);
  const x = pol && pol.parameters.find((p) => p.key === key);
  return x ? x.editable : EXTRA.includes(key);
}

// A step's rule (「RULES §2 规则1-2」) is a section of the rule book, which the city cites among its
// documents: a link to that section of its copy.
function rulesLink(pol, text) {
  const book = ((pol && pol.sources) || []).find((src) => src.file === 'RULES.md');
  if (!book) return esc(text);
  const sec = /§(\d+)/.exec(text);
  return docAnchor(`${sourceHref(book.file)}${sec ? `#sec-${sec[1]}` : ''}`, text);
}
