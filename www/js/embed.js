// The embed view (#embed=1&s=…): the conclusion and main figures only, for articles.

import { estimate } from './core.js';
import { $ } from './dom.js';
import { dz, esc, isZero, signed, tag, tbl, who, yuan } from './format.js';
import { clean } from './scenario.js';
import { S } from './state.js';
import { b64e, pageUrl } from './storage.js';

export function renderEmbed() {
  const out = estimate(clean(S.scn));
  const full = `${pageUrl()}#s=${b64e(JSON.stringify(clean(S.scn)))}`;
  let h = '<article class="card embed-card">';
  if (!out.ok) {
    h += `<p>这个链接里的输入有问题,算不出结果:</p><ul>${out.errors.map((e) => `<li>${esc(e.message)}</li>`).join('')}</ul>`;
  } else {
    const r = out.result;
    h += `<p class="h-sub">${esc(r.policy.name)} · ${r.benefit_year}年度${r.amounts_note ? `(${esc(r.amounts_note)})` : ''}</p><p class="summary">${esc(r.summary)}</p><ul class="bigs">`;
    r.members.forEach((m, i) => {
      h += `<li class="big"><span class="b-who">${esc(who(m, i))}:从这天起能报销</span><strong class="b-date">${m.waiting.cover_start ? esc(dz(m.waiting.cover_start)) : '本年度不能'}</strong>` +
        `<span class="b-wait">${m.waiting.exempt ? '不设等待期' : `等待期${m.waiting.months.total}个月`} · 大病限额${esc(signed(m.cap.adjustment))}元</span></li>`;
    });
    h += '</ul>';
    const t = r.household.reimbursement;
    const rows = [{ cells: ['全家要交', esc(yuan(r.household.contribution.total))] }];
    if (!isZero(t.spending)) rows.push({ cells: ['基本医保付', esc(yuan(t.fund_pays))] }, { cells: ['大病保险付', esc(yuan(t.major_pays))] }, { cells: ['自己付', esc(yuan(t.you_pay))] });
    h += tbl(['项目', '金额'], rows, { cls: 'kv', caption: '主要数字' });
    if (r.unverified.length) h += `<p>${tag('unverified')} 部分数值官方尚未公布,结果可能有出入。</p>`;
    h += `<p class="ref">参考编号 <b>${esc(r.reference)}</b> · 规则版本 ${esc(r.rules_version)}</p>`;
  }
  h += `<p><a class="btn primary" href="${esc(full)}" target="_blank" rel="noopener">打开完整测算,看计算过程</a></p></article>`;
  $('embed').innerHTML = h;
  $('embed').hidden = false;
}
