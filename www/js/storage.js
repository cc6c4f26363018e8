// Where a scenario comes from and goes to: share links (#s=base64url JSON) and localStorage.

import { toolMsg } from './dom.js';
import { clean } from './scenario.js';
import { FIRST_YEAR, P, S, isObj } from './state.js';

// boot.js repeats this key: it says before the page starts whether stored inputs will open on the answer.
export const STORE = 'yibao.scenario.v1';
// A share link's #s= payload longer than this is refused unread (the largest scenario the core
// accepts, 20 members with long names and many stays, is far smaller in practice).
export const MAX_LINK = 100000;
export function b64e(text) {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
export function b64d(code) {
  let s = code.replace(/-/g, '+').replace(/_/g, '/');
  while (s.length % 4) s += '=';
  const bin = atob(s);
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}
export const pageUrl = () => location.href.split('#')[0];
export const shareUrl = (embed) => `${pageUrl()}#${embed ? 'embed=1&' : ''}s=${b64e(JSON.stringify(clean(S.scn)))}`;
// The core's limits on what the form is built from (src/scenario.rs: MAX_MEMBERS, MAX_STAYS, the
// benefit year from 2025 to the policy's last year). A link or a stored entry beyond them would
// have the page build one history row per year up to 1e9, or a chip for the number 7.
const MAX_MEMBERS = 20;
const MAX_STAYS = 50;
const cut = (v) => String(typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 24);
// What is wrong with a scenario from a link or from storage, before any part of the page is built
// from it, in words ('' when the form can show it; the core then says what it thinks of the rest).
export function problemOf(scn) {
  if (!isObj(scn)) return '内容不是一份测算';
  const pol = typeof scn.policy === 'string' ? P(scn.policy) : null;
  if (!pol) return `参保地「${cut(scn.policy)}」本页不认识`;
  const year = scn.benefit_year;
  if (year !== undefined && !(Number.isInteger(year) && year >= FIRST_YEAR && year <= pol.last_year)) {
    return `待遇年度「${cut(year)}」不在${FIRST_YEAR}—${pol.last_year}年之间`;
  }
  if (!Array.isArray(scn.members) || scn.members.length < 1 || scn.members.length > MAX_MEMBERS || !scn.members.every(isObj)) {
    return `家庭成员应为1—${MAX_MEMBERS}位`;
  }
  if (scn.overrides !== undefined && !isObj(scn.overrides)) return '自填的参数格式不对';
  for (const [i, m] of scn.members.entries()) {
    const h = m.history;
    if (h !== undefined && !(Array.isArray(h) && h.every((r) => isObj(r) && Number.isInteger(r.year) && r.year >= FIRST_YEAR && (year === undefined || r.year < year)) &&
      h.length <= pol.last_year - FIRST_YEAR)) {
      return `第${i + 1}位成员的往年参保情况格式不对`;
    }
    const sp = m.spending;
    if (sp !== undefined && !(isObj(sp) && (sp.stays === undefined || (Array.isArray(sp.stays) && sp.stays.length <= MAX_STAYS && sp.stays.every(isObj))))) {
      return `第${i + 1}位成员的看病花费格式不对`;
    }
  }
  return '';
}
// The saved scenario, or null; { problem } when something is stored but cannot be used
// (not JSON, the wrong shape, or written by another version of the page).
export function load() {
  let t = null;
  try {
    t = localStorage.getItem(STORE);
  } catch (e) {
    return null;
  }
  if (!t) return null;
  try {
    const scn = JSON.parse(t);
    if (isObj(scn) && scn.version !== undefined && scn.version !== 1) return { problem: '来自其他版本' };
    const problem = problemOf(scn);
    return problem ? { problem } : scn;
  } catch (e) {
    return { problem: '不是完整的内容' };
  }
}
export function save() {
  if (!S.dirty) return;
  try {
    localStorage.setItem(STORE, JSON.stringify(clean(S.scn)));
  } catch (e) {
    /* private mode or full storage: the page still works, it just won't remember */
  }
}
// Another tab of this page saved the inputs (or cleared them). Nothing is written over that copy
// without the person knowing: this tab stops saving until it is edited again (so neither a stale
// save nor the next pagehide undoes the other tab's 清除), and says so, offering the other copy.
export function storedElsewhere() {
  S.dirty = false;
}
export function clearStored() {
  try {
    localStorage.removeItem(STORE);
  } catch (e) {
    /* nothing stored */
  }
}
export function edited() {
  S.dirty = true;
  if (S.shared) {
    S.shared = false;
    toolMsg('');
  }
  if (location.hash) history.replaceState(null, '', pageUrl());
}
