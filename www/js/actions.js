// Buttons and links (data-act), and remembering which <details> are open.

import { $, toolMsg } from './dom.js';
import { fillParams, renderForm } from './form.js';
import { changed } from './input.js';
import { renderCompare, renderRepro, renderShare, withPanels } from './panels-load.js';
import { run } from './run.js';
import { defaultScenario, fid, newMember } from './scenario.js';
import { P, S, isObj } from './state.js';
import { STORE, pageUrl } from './storage.js';
import { renderTrace } from './trace.js';

export function onClick(e) {
  const b = e.target.closest('[data-act]');
  if (!b) return;
  // The second click of a double click (or tap) does nothing: one member added, one share box, ...
  if (e.detail > 1) return;
  const act = b.dataset.act;
  const i = Number(b.dataset.i);
  const s = S.scn;
  const m = Array.isArray(s.members) ? s.members[i] : null;
  switch (act) {
    case 'help': {
      const t = $(b.getAttribute('aria-controls'));
      const open = t.hidden;
      t.hidden = !open;
      b.setAttribute('aria-expanded', String(open));
      if (open) S.helpOpen.add(t.id);
      else S.helpOpen.delete(t.id);
      return;
    }
    case 'add': {
      const pol = P(s.policy);
      s.members.push(newMember(b.dataset.role, pol, s.benefit_year));
      changed(true, 0);
      const last = s.members.length - 1;
      const el = $(fid(`members[${last}].name`));
      if (el) el.focus();
      return;
    }
    case 'rm':
      s.members.splice(i, 1);
      changed(true, 0);
      return;
    case 'year': {
      const r = m.history[Number(b.dataset.k)];
      r.enrolled = r.enrolled === false;
      if (!r.enrolled) {
        delete r.zero_claim;
        delete r.used_bonus;
      }
      changed(true, 0);
      return;
    }
    case 'addstay': {
      if (!isObj(m.spending)) m.spending = {};
      if (!Array.isArray(m.spending.stays)) m.spending.stays = [];
      m.spending.stays.push({ level: 'secondary', month: 1 });
      S.open.add(`spend${i}`);
      changed(true, 0);
      const el = $(fid(`members[${i}].spending.stays[${m.spending.stays.length - 1}].level`));
      if (el) el.focus();
      return;
    }
    case 'rmstay':
      m.spending.stays.splice(Number(b.dataset.j), 1);
      changed(true, 0);
      return;
    case 'repair':
      if (Number(b.dataset.n)) m.repair_years = Number(b.dataset.n);
      else delete m.repair_years;
      changed(true, 0);
      return;
    case 'reading': {
      const pol = P(s.policy);
      if (pol && b.dataset.v === pol.default_reading) delete s.reading;
      else s.reading = b.dataset.v;
      changed(true, 0);
      return;
    }
    case 'goto': case 'param': case 'trace': {
      e.preventDefault();
      let target;
      if (act === 'goto') target = $(b.dataset.target);
      else if (act === 'param') {
        if (!$('params')) return;
        $('params').open = true;
        S.open.add('params');
        fillParams();
        target = $(fid(`overrides.${b.dataset.key}`)) || $(`p-${fid(b.dataset.key)}`);
      } else {
        $('trace').open = true;
        renderTrace();
        target = $(b.getAttribute('href').slice(1));
      }
      if (target) {
        for (let d = target.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
        target.scrollIntoView({ block: 'center' });
        target.focus({ preventScroll: true });
      }
      return;
    }
    case 'share':
      if ($('sharebox').hidden) renderShare(0);
      else closeShare();
      return;
    case 'share-ok':
      renderShare(1);
      return;
    case 'share-close':
      closeShare();
      return;
    case 'copy': {
      const src = $(b.dataset.from);
      withPanels((m) => m.copy(src.value !== undefined && src.tagName !== 'PRE' ? src.value : src.textContent, b.textContent.replace(/^复制/, '')));
      return;
    }
    case 'download':
      withPanels((m) => m.download());
      return;
    case 'print':
      window.print();
      return;
    case 'clear':
      S.undo = S.scn;
      try {
        localStorage.removeItem(STORE);
      } catch (err) {
        /* nothing stored */
      }
      S.scn = defaultScenario();
      S.mapNotes = [];
      S.dirty = false;
      if (location.hash) history.replaceState(null, '', pageUrl());
      closeShare();
      renderForm();
      run();
      $('toolmsg').innerHTML = '已清除您填写的内容。<button type="button" class="btn small" id="undo" data-act="undo">撤销</button>';
      return;
    case 'undo':
      if (S.undo) {
        S.scn = S.undo;
        S.undo = null;
        changed(true, 0);
        toolMsg('已恢复。');
      }
      return;
    default:
  }
}
function closeShare() {
  $('sharebox').hidden = true;
  $('sharebox').innerHTML = '';
  document.querySelector('[data-act="share"]').setAttribute('aria-expanded', 'false');
}
export function onToggle(e) {
  const d = e.target;
  if (!(d instanceof HTMLDetailsElement)) return;
  const key = d.dataset.openKey;
  if (key) {
    if (d.open) {
      S.open.add(key);
      S.open.delete(`-${key}`);
    } else {
      S.open.delete(key);
      S.open.add(`-${key}`);
    }
  }
  if (d.open && d.id === 'params') fillParams();
  if (d.open && d.id === 'cmp') renderCompare();
  if (d.open && d.id === 'trace') renderTrace();
  if (d.open && d.id === 'repro') renderRepro();
}
