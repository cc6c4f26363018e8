// The embed view (#embed=1&s=…): the conclusion and main figures only, for articles.

import { estimate } from './core.js';
import { $ } from './dom.js';
import { change, dz, esc, isZero, messageText, plain, tag, tbl, whoHtml, yuan } from './format.js';
import { clean } from './scenario.js';
import { S } from './state.js';
import { b64e, pageUrl } from './storage.js';

export function renderEmbed() {
  const out = estimate(clean(S.scn));
  const full = `${pageUrl()}#s=${b64e(JSON.stringify(clean(S.scn)))}`;
  let h = '<article class="card embed-card">';
  if (!out.ok) {
    h += `<p>这个链接里的输入有问题,算不出结果:</p><ul>${out.errors.map((e) => `<li>${esc(messageText(e.message))}</li>`).join('')}</ul>`;
  } else {
    const r = out.result;
    h += `<p class="h-sub">${esc(r.policy.name)} · ${r.benefit_year}年度${r.amounts_note ? `(${esc(r.amounts_note)})` : ''}</p><p class="summary">${esc(plain(r.summary))}</p><ul class="bigs">`;
    r.members.forEach((m, i) => {
      h += `<li class="big"><span class="b-who">${whoHtml(m, i, r.members)}:${m.waiting.cover_start ? '从这天起能报销' : ''}</span><strong class="b-date">${m.waiting.cover_start ? esc(dz(m.waiting.cover_start)) : '本年度不能报销'}</strong>` +
        `<span class="b-wait">${m.waiting.exempt ? '不设等待期' : `等待期${m.waiting.months.total}个月`} · 大病保险限额${esc(change(m.cap.adjustment))}</span></li>`;
    });
    h += '</ul>';
    // A figure that rests on one reading of an ambiguous clause says so, with the other reading's.
    for (const a of r.alternatives) {
      const m = r.members[a.member];
      h += `<p class="alt-line">${whoHtml(m, a.member, r.members)}的等待期按${esc(a.used)}计算;按${esc(a.other)}是${a.months_other}个月` +
        `${a.cover_start_other ? `,${esc(dz(a.cover_start_other))}起能报销` : ''}。</p>`;
    }
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
