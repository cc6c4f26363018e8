// Buttons and links (data-act), and remembering which <details> are open.

import { renderAnswer } from './answer.js';
import { undoCity } from './city.js';
import { $, toolMsg } from './dom.js';
import { speak } from './elder.js';
import { touchErrors } from './errors.js';
import { renderForm } from './form.js';
import { focusStep, moveStep, showView, stepOk } from './guide.js';
import { changed } from './input.js';
import { loaded, renderCompare, renderRepro, renderShare, showParams, showTrace, withModule } from './lazy.js';
import { run } from './run.js';
import { defaultScenario, fid, newMember } from './scenario.js';
import { P, S, isObj } from './state.js';
import { clearStored, load, pageUrl } from './storage.js';

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
      s.members.push(newMember(b.dataset.role, pol, s.benefit_year, s.members));
      changed(true, 0);
      const last = s.members.length - 1;
      const el = $(fid(`members[${last}].name`));
      if (el) el.focus();
      return;
    }
    case 'rm':
      s.members.splice(i, 1);
      // Error slots are named by place: after a removal they would name another person's fields.
      S.touched.clear();
      changed(true, 0);
      return;
    case 'year': {
      const r = m.history[Number(b.dataset.k)];
      r.enrolled = r.enrolled === false;
      if (!r.enrolled) {
        delete r.zero_claim;
        delete r.used_bonus;
      }
      S.touched.add(`e-${fid(`members[${i}].history`)}`);
      changed(true, 0);
      return;
    }
    case 'addstay': {
      if (!isObj(m.spending)) m.spending = {};
      if (!Array.isArray(m.spending.stays)) m.spending.stays = [];
      // No month until she picks one: a stay left at 1月 read as 还没交费 for anyone paying later in
      // the year, and the 补缴 advice was built on it (a persona walk). The core asks for it.
      m.spending.stays.push({ level: 'secondary' });
      S.open.add(`spend${i}`);
      changed(true, 0);
      const el = $(fid(`members[${i}].spending.stays[${m.spending.stays.length - 1}].level`));
      if (el) el.focus();
      return;
    }
    case 'rmstay':
      m.spending.stays.splice(Number(b.dataset.j), 1);
      S.touched.clear();
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
    case 'repair-price':
      if (b.dataset.v === 'standard') delete s.repair_price;
      else s.repair_price = b.dataset.v;
      changed(true, 0);
      return;
    case 'elsewhere':
      m.insured_elsewhere = true;
      changed(true, 0);
      return;
    case 'goto': case 'param': case 'trace': {
      e.preventDefault();
      let target;
      if (act === 'goto') target = $(b.dataset.target);
      else if (act === 'param') {
        // The link is in the details, so details.js (which builds the panel's body) is here.
        if (!$('params') || !loaded('details')) return;
        $('params').open = true;
        S.open.add('params');
        loaded('details').fillParams();
        target = $(fid(`overrides.${b.dataset.key}`)) || $(`p-${fid(b.dataset.key)}`);
      } else {
        if (!loaded('details')) return;
        $('trace').open = true;
        loaded('details').renderTrace();
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
      withModule('panels', (m) => m.copy(src.value !== undefined && src.tagName !== 'PRE' ? src.value : src.textContent, (b.dataset.was || b.textContent).replace(/^复制/, ''), b));
      return;
    }
    case 'download':
      withModule('panels', (m) => m.download());
      return;
    case 'download-csv':
      withModule('panels', (m) => m.downloadCsv());
      return;
    case 'copy-table':
      withModule('panels', (m) => m.copyTable(b));
      return;
    case 'print':
      window.print();
      return;
    case 'clear':
      // Start again from the first question; 撤销 (on that screen) brings everything back.
      S.undo = S.scn;
      clearStored();
      S.scn = defaultScenario();
      S.cityNote = '';
      S.cityUndo = null;
      S.kept = {};
      S.touched.clear();
      S.dirty = false;
      S.askCity = true;
      if (location.hash) history.replaceState(null, '', pageUrl());
      closeShare();
      toolMsg('');
      S.notice = '已清除您填写的内容。';
      showView('guide', 'city');
      renderForm();
      run();
      focusStep();
      return;
    case 'undo':
      if (S.undo) {
        S.scn = S.undo;
        S.undo = null;
        S.notice = '';
        S.askCity = false;
        showView('answer');
        changed(true, 0);
        toolMsg('已恢复。');
      }
      return;
    case 'take-stored': {
      // The other tab's saved inputs, as they are now.
      const stored = load();
      if (stored && !stored.problem) {
        S.scn = stored;
        S.dirty = false;
        S.touched.clear();
        S.askCity = false;
        showView('answer');
        renderForm();
        run();
        toolMsg('已改用另一个窗口保存的内容。');
      }
      return;
    }
    case 'city-undo':
      if (undoCity()) {
        changed(true, 0);
        const radio = document.querySelector('#form input[name="policy"]:checked');
        if (radio) radio.focus();
      }
      return;
    case 'step-next': case 'step-prev': case 'step-done': {
      const pol = P(s.policy);
      if (act !== 'step-prev') {
        run();
        if (!stepOk()) {
          const bad = document.querySelector('#form [aria-invalid="true"], #form .err:not([hidden])');
          if (bad) bad.scrollIntoView({ block: 'center' });
          if (bad && bad.matches('input, select')) bad.focus();
          return;
        }
      }
      if (act === 'step-done') {
        finishGuide();
        return;
      }
      moveStep(pol, act === 'step-next' ? 1 : -1);
      S.notice = '';
      showView('guide');
      renderForm();
      focusStep();
      return;
    }
    case 'step-skip':
      // The whole form shows the city ticked at its top, where she can see it and change it.
      S.askCity = false;
      finishGuide();
      return;
    case 'edit-step':
      S.editing = true;
      showView('guide', b.dataset.step);
      renderForm();
      focusStep();
      return;
    case 'show-errors': {
      touchErrors();
      renderAnswer();
      const first = document.querySelector('#form [aria-invalid="true"], #form .err:not([hidden])');
      if (first) {
        for (let d = first.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
        first.scrollIntoView({ block: 'center' });
        if (first.matches('input, select')) first.focus({ preventScroll: true });
      }
      return;
    }
    case 'speak':
      speak();
      return;
    default:
  }
}
// The guided path is done (or skipped): the answer, with everything else below it. Whatever is
// still wrong anywhere may now be said at its field.
function finishGuide() {
  S.editing = false;
  S.notice = '';
  showView('answer');
  renderForm();
  run();
  touchErrors();
  renderAnswer();
  window.scrollTo(0, 0);
  $('answer').focus({ preventScroll: true });
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
  if (d.open && d.id === 'params') showParams();
  if (d.open && d.id === 'cmp') renderCompare();
  if (d.open && d.id === 'trace') showTrace();
  if (d.open && d.id === 'repro') renderRepro();
}
