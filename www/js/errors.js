// The core's errors, each shown next to the field it names.

import { $ } from './dom.js';
import { fillParams } from './form.js';
import { esc } from './format.js';
import { fid } from './scenario.js';
import { S } from './state.js';

// Each error next to its field: the field whose data-path is the error's path, or the nearest
// enclosing one (members[0].history[1].enrolled → members[0].history[1] → members[0].history …).
function errorSlot(path) {
  let p = path;
  while (p) {
    const slot = $(`e-${fid(p)}`);
    if (slot) return slot;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  return null;
}
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
  if (S.errors.some((err) => /^(overrides|reading)\b/.test(err.path || ''))) fillParams();
  for (const err of S.errors) {
    const slot = errorSlot(err.path || '');
    if (!slot) {
      S.unplaced.push(err);
      continue;
    }
    slot.hidden = false;
    slot.textContent = slot.textContent ? `${slot.textContent};${err.message}` : err.message;
    const ctl = $(slot.id.slice(2));
    if (ctl && /^(INPUT|SELECT)$/.test(ctl.tagName)) {
      ctl.setAttribute('aria-invalid', 'true');
      ctl.setAttribute('aria-describedby', slot.id);
    }
    for (let d = slot.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
  }
}

export function errLink(e) {
  const slot = errorSlot(e.path || '');
  const target = slot ? slot.id.slice(2) : '';
  return target ? `<a href="#${target}" data-act="goto" data-target="${target}">${esc(e.message)}</a>` : esc(e.message);
}
