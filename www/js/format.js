// Display of the core's strings: no arithmetic, only text (amounts, dates, names, tags, tables).

import { ROLE, STATUS } from './words.js';

export const esc = (v) => String(v == null ? '' : v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
export const yuan = (s) => `${s}元`;
export const isZero = (s) => /^[-+]?0(\.0+)?$/.test(String(s));
export const signed = (s) => (isZero(s) ? '0.00' : s[0] === '-' ? `−${s.slice(1)}` : `+${s}`);
export const dz = (iso) => {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso || '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : String(iso || '');
};
export const who = (m, i) => (m && m.name ? m.name : (m && ROLE[m.role]) || (i === 0 ? '本人' : '家庭成员'));
export const tag = (status) => `<span class="tag tag-${esc(status)}">${esc(STATUS[status] || status)}</span>`;
export const paramValue = (key, v) => (v === 'none' ? '不设上限' : v);
export function tbl(heads, rows, opts) {
  const o = opts || {};
  const head = heads.map((h) => `<th scope="col">${h}</th>`).join('');
  const labels = heads.map((h) => (h.includes('sr-only') ? '' : h.replace(/<[^>]+>/g, '')));
  const body = rows.map((r) => `<tr${r.cls ? ` class="${r.cls}"` : ''}>${r.cells.map((c, k) => (k === 0
    ? `<th scope="row">${c}</th>` : `<td data-label="${esc(labels[k])}">${c}</td>`)).join('')}</tr>` +
    (r.note ? `<tr class="note-row"><td colspan="${heads.length}">${r.note}</td></tr>` : '')).join('');
  return `<div class="tw"><table class="rt${o.cls ? ` ${o.cls}` : ''}">${o.caption ? `<caption>${o.caption}</caption>` : ''}` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}
