// Reading the form back into the scenario (one handler for every control, by its data-path and kind).

import { forgetCityUndo, switchCity } from './city.js';
import { $, toolMsg } from './dom.js';
import { touchControl } from './errors.js';
import { renderForm } from './form.js';
import { whoHtml } from './format.js';
import { schedule } from './run.js';
import { defaultPayment, fid, fixHistory, getPath, setPath } from './scenario.js';
import { P, S, isObj } from './state.js';
import { edited } from './storage.js';
import { isLoaded, usePolicy } from './policies.js';

let chosen = ''; // the city last chosen in the form

export function onField(e) {
  const el = e.target;
  if (!el || !el.closest('#form')) return;
  const texty = el.tagName === 'INPUT' && (el.type === 'text' || el.type === 'date');
  if (e.type === 'change' && texty && el.type === 'text') return;
  if (e.type === 'input' && !texty) return;
  const s = S.scn;
  if (el.name === 'policy') {
    const id = el.value;
    chosen = id;
    // A first visit's pick, even of the city already computed, is hers: kept, and no longer asked.
    const asked = S.askCity;
    S.askCity = false;
    if (isLoaded(id)) {
      if (switchCity(id) || asked) changed(true, 0);
      return undefined;
    }
    // A city not loaded yet: its data first (a few KB), then the change, unless another city has
    // been chosen while it downloaded (the later choice stands: the city on screen is the one asked).
    usePolicy(id).then((pol) => {
      if (pol && chosen === id && switchCity(id)) changed(true, 0);
    }, (err) => {
      if (chosen !== id) return;
      console.warn(`could not load the policy ${id}:`, err);
      renderForm();
      toolMsg('这个地区的资料没能下载,请检查网络后再选一次。');
    });
    return undefined;
  }
  forgetCityUndo();
  // A value picked (a list, a box, a date) is a value given: its errors may show now; text shows
  // them once the person leaves the field (app.js, focusout).
  if (e.type === 'change') touchControl(el);
  if (el.name === 'reading') {
    const pol = P(s.policy);
    if (pol && el.value === pol.default_reading) delete s.reading;
    else s.reading = el.value;
    return changed(false, 0);
  }
  if (el.name === 'repair_price') {
    if (el.value === 'standard') delete s.repair_price;
    else s.repair_price = el.value;
    return changed(false, 0);
  }
  const path = el.dataset.path;
  if (!path) return;
  const v = el.value;
  const kind = el.dataset.kind;
  const member = () => getPath(s, path.replace(/\].*$/, ']'));
  switch (kind) {
    case 'name':
      setPath(s, path, v === '' ? undefined : v);
      $(`lg-${el.dataset.i}`).innerHTML = whoHtml(member(), Number(el.dataset.i), s.members);
      break;
    case 'amt':
      setPath(s, path, v.trim() === '' ? undefined : typedAmount(v));
      break;
    case 'ovr': case 'opt':
      setPath(s, path, v.trim() === '' ? undefined : v);
      break;
    case 'int':
      setPath(s, path, v.trim() === '' ? undefined : /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : v);
      break;
    case 'num':
      setPath(s, path, Number(v));
      break;
    case 'date':
      // An empty (or half-typed: the browser gives '' for both) date is a missing one, which the core
      // names as such, rather than the date 「」.
      setPath(s, path, v === '' ? undefined : v);
      break;
    case 'tri':
      setPath(s, path, v === '' ? undefined : v === 'true');
      break;
    case 'flag':
      setPath(s, path, el.checked ? true : undefined);
      break;
    case 'minor':
      setPath(s, path, el.checked);
      break;
    case 'year': {
      const pol = P(s.policy);
      const before = defaultPayment(pol, s.benefit_year);
      s.benefit_year = Number(v);
      // A date still at the old year's default follows the year; one the person typed stays.
      const after = defaultPayment(pol, s.benefit_year);
      for (const m of s.members) {
        if (!isObj(m)) continue;
        fixHistory(m, pol, s.benefit_year);
        if (m.payment_date === before) m.payment_date = after;
      }
      break;
    }
    case 'cat': {
      const m = member();
      m.category = v;
      delete m.minor;
      fixHistory(m, P(s.policy), s.benefit_year);
      break;
    }
    case 'claim': {
      const r = getPath(s, path);
      delete r.zero_claim;
      delete r.used_bonus;
      if (v === 'zero') r.zero_claim = true;
      if (v === 'bonus') r.used_bonus = true;
      break;
    }
    case 'chronic': case 'rehab': {
      const obj = path.replace(/\.condition$/, '');
      if (v === '') setPath(s, obj, undefined);
      else setPath(s, path, v);
      break;
    }
    case 'birth':
      setPath(s, path, el.checked ? { child_order: 1, month: 1 } : undefined);
      break;
    case 'smonth': {
      const stay = getPath(s, path.replace(/\.month$/, ''));
      delete stay.date;
      if (v === '') delete stay.month;
      else stay.month = Number(v);
      const d = $(fid(path.replace(/\.month$/, '.date')));
      if (d) d.value = '';
      break;
    }
    case 'sdate': {
      const stay = getPath(s, path.replace(/\.date$/, ''));
      const sel = $(fid(path.replace(/\.date$/, '.month')));
      if (v) {
        stay.date = v;
        delete stay.month;
        if (sel && /^\d{4}-\d\d/.test(v)) sel.value = String(Number(v.slice(5, 7)));
      } else {
        delete stay.date;
        stay.month = Number(sel ? sel.value : 1);
      }
      break;
    }
    default:
      setPath(s, path, v);
  }
  changed(el.dataset.rebuild !== undefined, texty ? 350 : 0);
}

// An amount as people type it, as the core reads amounts (docs/scenario.md §1.1): full-width digits
// (a Chinese keyboard in full-width mode), ¥ or 元 around it, thousands commas, 万 (2万 is 20000).
// Anything else goes to the core as typed, which names the field and says to write digits only.
export function typedAmount(text) {
  const t = text.replace(/[\uff10-\uff19\uff0e\uff0c]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim().replace(/^(?:¥|￥|RMB)\s*/i, '').replace(/\s*(?:元|块钱|块)$/, '');
  const plain = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(t) ? t.replace(/,/g, '') : t;
  const wan = /^(\d+)(?:\.(\d{1,4}))?万$/.exec(plain);
  if (wan) return `${wan[1]}${(wan[2] || '').padEnd(4, '0')}`.replace(/^0+(?=\d)/, '');
  return /^\d+(?:\.\d*)?$|^\.\d+$/.test(plain) ? plain : text;
}

export function changed(rebuild, delay) {
  edited();
  if (rebuild) renderForm();
  schedule(delay);
}
