// The core's errors, each shown next to the field it names — once the person has left that field,
// picked a value in it, or asked for the result (下一步, 看结果, 看看哪里要改), never while they are
// still choosing: a stay just added has no amount yet, and saying so in red then is noise. Until
// then the answer card only names what is still missing (js/answer.js). S.touched holds the ids of
// the error slots that may show.

import { renderAnswer } from './answer.js';
import { $ } from './dom.js';
import { esc, messageText } from './format.js';
import { loaded, withModule } from './lazy.js';
import { fid } from './scenario.js';
import { S } from './state.js';

// Each error next to its field: the field whose data-path is the error's path, or the nearest
// enclosing one (members[0].history[1].enrolled → members[0].history[1] → members[0].history …).
// On the guided path a screen shows only some of each member's fields: an error about a field of
// another screen has no place here (it is not the member's or the household's as a whole).
export function errorSlot(path) {
  let p = path;
  while (p) {
    const slot = $(`e-${fid(p)}`);
    if (slot) return slot;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
    if (S.view === 'guide' && /^members(\[\d+\])?$/.test(p)) return null;
  }
  return null;
}

// The person is done with this control (left it, or picked a value): its errors may show, and so may
// those of the stay, the member and the household it belongs to (two people marked 本人 is said
// when the second one is marked).
export function touchControl(el) {
  if (!el || !el.id) return;
  S.touched.add(`e-${el.id}`);
  for (const box of [el.closest('.stay'), el.closest('.member'), el.closest('.members')]) if (box && box.id) S.touched.add(`e-${box.id}`);
}
// Errors about the parameters go in the parameters panel, whose body is built on demand by
// details.js: built now if it has arrived; otherwise once it does, and the errors shown again.
function paramsReady() {
  if (!S.errors.some((err) => /^(overrides|reading)\b/.test(err.path || ''))) return;
  const d = loaded('details');
  if (d) d.fillParams();
  else withModule('details', () => {
    showErrors();
    renderAnswer();
  });
}

// Every current error inside `scope` (default: anywhere) may show; returns how many there are.
export function touchErrors(scope) {
  paramsReady();
  let n = 0;
  for (const err of S.errors) {
    const slot = errorSlot(err.path || '');
    if (scope && !(slot && scope.contains(slot))) continue;
    if (slot) S.touched.add(slot.id);
    n += 1;
  }
  showErrors();
  return n;
}
export const shown = (err) => {
  const slot = errorSlot(err.path || '');
  return !slot || S.touched.has(slot.id);
};

export function showErrors() {
  for (const el of document.querySelectorAll('#form .err:not([hidden])')) {
    el.hidden = true;
    el.textContent = '';
  }
  for (const el of document.querySelectorAll('#form [aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  }
  S.unplaced = [];
  paramsReady();
  for (const err of S.errors) {
    const slot = errorSlot(err.path || '');
    if (!slot) {
      S.unplaced.push(err);
      continue;
    }
    if (!S.touched.has(slot.id)) continue;
    const msg = messageText(err.message);
    slot.hidden = false;
    slot.textContent = slot.textContent ? `${slot.textContent};${msg}` : msg;
    const ctl = $(slot.id.slice(2));
    if (ctl && /^(INPUT|SELECT)$/.test(ctl.tagName)) {
      ctl.setAttribute('aria-invalid', 'true');
      ctl.setAttribute('aria-describedby', slot.id);
    }
    for (let d = slot.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
  }
  cityUnpicked();
}

// The page's one question of its own, not the core's: which city, on a first visit (S.askCity), said
// once 下一步 has been tapped without a pick (its slot touched, js/guide.js stepOk).
export const CITY_SLOT = `e-${fid('policy')}`;
function cityUnpicked() {
  const slot = $(CITY_SLOT);
  if (!S.askCity || !slot || !S.touched.has(CITY_SLOT)) return;
  slot.hidden = false;
  slot.textContent = '请先点一下您参保的城市。不同城市的缴费和报销不一样。';
  for (const radio of document.querySelectorAll('#form input[name="policy"]')) {
    radio.setAttribute('aria-invalid', 'true');
    radio.setAttribute('aria-describedby', CITY_SLOT);
  }
}

// The input an error is about, named as the form names it: whose, which stay, which field
// (本人 · 第1次住院 · 住院花费). Empty when the error has no field on screen.
export function fieldName(err) {
  const slot = errorSlot(err.path || '');
  if (!slot) return '';
  const id = slot.id.slice(2);
  const el = $(id);
  const own = el && (el.tagName === 'FIELDSET' ? el.querySelector(':scope > legend') : document.querySelector(`label[for="${id}"]`));
  const parts = [];
  const member = slot.closest('.member');
  if (member && member !== el) parts.push(member.querySelector(':scope > legend').textContent);
  const stay = slot.closest('.stay');
  if (stay && stay !== el) parts.push(stay.querySelector(':scope > legend').textContent);
  if (own) parts.push(own.textContent);
  else if (el && el.classList.contains('member')) parts.push(el.querySelector(':scope > legend').textContent);
  const param = slot.closest('.param');
  if (param) parts.splice(parts.length - 1, 1, param.querySelector('.p-head b').textContent);
  return parts.filter(Boolean).join(' · ');
}

// One line of the answer card's list: the input (a link to it), and the message once it may show.
export function errLine(err) {
  const slot = errorSlot(err.path || '');
  const name = fieldName(err);
  const msg = messageText(err.message);
  if (!slot || !name) return esc(msg);
  const target = slot.id.slice(2);
  const link = `<a href="#${target}" data-act="goto" data-target="${target}">${esc(name)}</a>`;
  return shown(err) ? `${link}:${esc(msg)}` : link;
}
