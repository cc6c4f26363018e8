// Where a scenario comes from and goes to: share links (#s=base64url JSON) and localStorage.

import { toolMsg } from './dom.js';
import { clean } from './scenario.js';
import { P, S, isObj } from './state.js';

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
// A scenario the form can show: an object with a known policy and a list of 1-20 member objects.
// Anything else (a tampered link, a corrupt or foreign storage entry) is not used.
export function usable(scn) {
  return isObj(scn) && typeof scn.policy === 'string' && !!P(scn.policy) && Array.isArray(scn.members) &&
    scn.members.length >= 1 && scn.members.length <= 20 && scn.members.every(isObj) &&
    (scn.benefit_year === undefined || Number.isInteger(scn.benefit_year)) &&
    (scn.overrides === undefined || isObj(scn.overrides));
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
    if (isObj(scn) && scn.version !== undefined && scn.version !== 1) return { problem: true };
    return usable(scn) ? scn : { problem: true };
  } catch (e) {
    return { problem: true };
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
