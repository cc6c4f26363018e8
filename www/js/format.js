// Display of the core's strings: no rule and no amount is computed here, only text (amounts, dates,
// names, tags, tables). Date arithmetic is for display only (days left, positions on a picture).

import { ROLE, STATUS } from './words.js';

export const esc = (v) => String(v == null ? '' : v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Bidirectional-text controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) typed into a name
// would reverse the rest of a sentence ("应缴520元" read backwards). Text from the core that quotes a
// name is shown without them; names the page shows itself are isolated (<bdi>, or FSI…PDI in plain text).
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
export const plain = (v) => String(v == null ? '' : v).replace(BIDI, '');

// Amounts as the core writes them ("296000.00", "-4000.00") made readable, the way the core's own
// sentences write them: thousands separators, decimals only when they are not .00, a real minus
// sign (296,000 · 1,234.50 · −4,000). Only the text changes; anything else is shown as it is.
export function num(s) {
  const m = /^([-+]?)(\d+)(?:\.(\d+))?$/.exec(String(s == null ? '' : s));
  if (!m) return String(s == null ? '' : s);
  const whole = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = m[3] && /[1-9]/.test(m[3]) ? `.${m[3]}` : '';
  return `${m[1] === '-' && /[1-9]/.test(m[2] + (m[3] || '')) ? '−' : ''}${whole}${cents}`;
}
export const yuan = (s) => `${num(s)}元`;
export const isZero = (s) => /^[-+]?0(\.0+)?$/.test(String(s));
// A change said in words, as a resident says it: 增加2,000元 / 减少4,000元 / 不变.
export function change(s, unit = '元') {
  if (isZero(s)) return '不变';
  const v = String(s);
  return v[0] === '-' ? `减少${num(v.slice(1))}${unit}` : `增加${num(v.replace(/^\+/, ''))}${unit}`;
}

// 2028-08-10 → 2028年8月10日; 2028-08 → 2028年8月; anything else as it is.
export function dz(iso) {
  const m = /^(\d{4})-(\d\d)(?:-(\d\d))?$/.exec(iso || '');
  if (!m) return String(iso || '');
  return `${m[1]}年${Number(m[2])}月${m[3] ? `${Number(m[3])}日` : ''}`;
}
// 2028-08-10 → 8月10日
export const md = (iso) => dz(iso).replace(/^\d{4}年/, '');
// Days from one ISO date to another (calendar days; for "还有N天" and picture positions).
export function daysBetween(from, to) {
  const t = (iso) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((t(to) - t(from)) / 86400000);
}
// The ISO date n days after (n < 0: before) another.
export function addDays(iso, n) {
  const d = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)) + n));
  return d.toISOString().slice(0, 10);
}
// Unquoted ISO dates in a message from the core read as dates (缴费日期2025-11-29早于… → 2025年11月29日);
// a value quoted 「…」 is what the person typed and stays exactly as typed.
export const messageText = (msg) => plain(msg).split(/(「[^」]*」)/).map((part, k) => (k % 2 ? part : part.replace(/\b\d{4}-\d\d-\d\d\b/g, dz))).join('');

// What a member is called: the name, else the relation, numbered when two share it (子女1, 子女2) —
// numbered by place among those with the same relation, named or not, so a name does not renumber
// the others. `all` is the household (the scenario's or the result's members).
export function who(m, i, all) {
  if (m && typeof m.name === 'string' && m.name) return plain(m.name);
  const label = (m && ROLE[m.role]) || (i === 0 ? '本人' : '家庭成员');
  const same = Array.isArray(all) && m && m.role ? all.filter((x) => x && x.role === m.role) : [];
  return same.length > 1 ? `${label}${same.indexOf(all[i]) + 1}` : label;
}
// The same as HTML, isolated so that no character in a name reorders the text around it.
export const whoHtml = (m, i, all) => `<bdi>${esc(who(m, i, all))}</bdi>`;

export const tag = (status) => `<span class="tag tag-${esc(status)}">${esc(STATUS[status] || status)}</span>`;
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
