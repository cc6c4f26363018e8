// Changing city. The household is carried over as far as the new city understands it; what it does
// not (a category it lacks, a subsidy group, supplementary insurance, a kind of spending it has no
// standard for, overrides of the old city's figures) is said in one line, with 撤销, and kept: coming
// back to the old city puts it back (一档/二档, 门诊, 两病, 补充保险, overrides), so switching to
// look and back loses nothing.

import { who } from './format.js';
import { SPEND, catFor, defaultPayment, defaultYear, fixHistory } from './scenario.js';
import { FIRST_YEAR, P, S, clone, has, isObj } from './state.js';

// When another city lacks a category: the nearest kind it has.
const KIND_FALLBACK = {
  adult: ['adult'], student: ['student', 'minor', 'adult'], university: ['university', 'student', 'adult'],
  minor: ['minor', 'student', 'adult'], newborn: ['newborn', 'minor', 'adult'], special: ['special', 'adult'],
};

// The same household under another city's policy. notes: each change, one sentence each (the
// comparison panel lists them); line: all of them in one line; kept: what was dropped, by member,
// to put back when the household returns to the city it came from.
export function mapTo(src, pol) {
  const from = P(src.policy);
  const s = clone(src);
  const notes = [];
  const short = [];
  const dropped = [];
  const kept = { overrides: undefined, members: [] };
  s.policy = pol.id;
  if (isObj(s.overrides) && Object.keys(s.overrides).length && from !== pol) {
    notes.push(`自填的参数只适用于${from ? from.name : '原来的地区'},这里用${pol.name}资料中的数值。`);
    short.push('自填的参数');
    kept.overrides = s.overrides;
  }
  if (from !== pol) delete s.overrides;
  const list = Array.isArray(s.members) ? s.members : [];
  list.forEach((m, i) => {
    const keep = {};
    kept.members.push(keep);
    if (!isObj(m)) return;
    keep.role = m.role;
    const name = who(m, i, list);
    const c0 = from && from.categories.find((c) => c.key === m.category);
    if (!pol.categories.some((c) => c.key === m.category)) {
      const c = catFor(pol, KIND_FALLBACK[c0 ? c0.kind : 'adult'] || ['adult']);
      keep.category = m.category;
      // Said only when the kind of person changes: Yantai's 成年居民(一档) becoming Zhangjiakou's
      // 成年居民 is no news (and often was never chosen: it is Yantai's default).
      if (!c0 || c0.kind !== c.kind) {
        notes.push(`${name}:${pol.name}没有「${c0 ? c0.label : m.category}」这一类,按「${c.label}」计算。`);
        short.push(`${name}按「${c.label}」算`);
      }
      m.category = c.key;
    }
    if (m.subsidy_group && !pol.subsidy_groups.some((g) => g.key === m.subsidy_group)) {
      notes.push(`${name}:${pol.name}没有这类参保资助,不计资助。`);
      short.push(`${name}的参保资助`);
      keep.subsidy_group = m.subsidy_group;
      delete m.subsidy_group;
    }
    if (m.health_plan && !has(pol, 'health_plan')) {
      notes.push(`${name}:${pol.name}没有补充保险,不计。`);
      if (!short.includes('补充保险')) short.push('补充保险');
      keep.health_plan = m.health_plan;
      delete m.health_plan;
    }
    if (isObj(m.spending)) {
      for (const [key, feat, label] of SPEND) {
        if (m.spending[key] !== undefined && !has(pol, feat)) {
          keep.spending = keep.spending || {};
          keep.spending[key] = m.spending[key];
          delete m.spending[key];
          if (!dropped.includes(label)) dropped.push(label);
        }
      }
    }
  });
  if (dropped.length) {
    notes.push(`${pol.name}的资料中没有${dropped.join('、')}的报销标准,这些花费没有计入。`);
    short.push(...dropped);
  }
  const line = short.length ? `换成${pol.name}:${short.join('、')}这里不适用,没有计入(换回${from ? from.name : '原来的地区'}会恢复)。` : '';
  return { s, notes, line, kept };
}

// Puts back what `kept` holds for the members still there (same place, same relation), where the
// person has not since set something else.
function putBack(s, kept, pol) {
  if (kept.overrides && !(isObj(s.overrides) && Object.keys(s.overrides).length)) s.overrides = kept.overrides;
  kept.members.forEach((keep, i) => {
    const m = Array.isArray(s.members) ? s.members[i] : null;
    if (!isObj(m) || m.role !== keep.role) return;
    if (keep.category && pol.categories.some((c) => c.key === keep.category)) {
      const now = pol.categories.find((c) => c.key === m.category);
      const was = pol.categories.find((c) => c.key === keep.category);
      if (!now || now.kind === was.kind) m.category = keep.category;
    }
    if (keep.subsidy_group && !m.subsidy_group) m.subsidy_group = keep.subsidy_group;
    if (keep.health_plan && !m.health_plan) m.health_plan = keep.health_plan;
    if (keep.spending) {
      m.spending = isObj(m.spending) ? m.spending : {};
      for (const [key, v] of Object.entries(keep.spending)) if (m.spending[key] === undefined) m.spending[key] = v;
    }
  });
}

// Switches S.scn to the city `id`; returns false when there is no such city.
export function switchCity(id) {
  const pol = P(id);
  if (!pol || pol.id === S.scn.policy) return false;
  const before = S.scn;
  const keptBefore = clone(S.kept);
  const { s, line, kept } = mapTo(before, pol);
  if (!(s.benefit_year >= FIRST_YEAR && s.benefit_year <= pol.last_year)) s.benefit_year = defaultYear(pol);
  if (s.reading === pol.default_reading) delete s.reading;
  if (S.kept[pol.id]) {
    putBack(s, S.kept[pol.id], pol);
    delete S.kept[pol.id];
  }
  if (kept.overrides || kept.members.some((k) => Object.keys(k).length > 1)) S.kept[before.policy] = kept;
  // A payment date still at the old city's default (today, or its 集中参保期's first day for a later
  // year) is not one the person chose: it follows the city, as it follows the year (js/input.js).
  // Chosen while the city's data downloads, the year was set under the old city's window.
  const from = P(before.policy);
  const was = from ? defaultPayment(from, before.benefit_year) : null;
  (s.members || []).forEach((m) => {
    if (!isObj(m)) return;
    fixHistory(m, pol, s.benefit_year);
    if (was && m.payment_date === was) m.payment_date = defaultPayment(pol, s.benefit_year);
  });
  S.cityUndo = { scn: before, kept: keptBefore };
  S.scn = s;
  S.cityNote = line;
  return true;
}

// Any other edit ends the offer to undo the change of city (it would undo that edit too).
export function forgetCityUndo() {
  if (!S.cityUndo && !S.cityNote) return;
  S.cityUndo = null;
  S.cityNote = '';
  const note = document.getElementById('city-note');
  if (note) note.remove();
}

// 撤销: the household exactly as it was before the last change of city.
export function undoCity() {
  if (!S.cityUndo) return false;
  S.scn = S.cityUndo.scn;
  S.kept = S.cityUndo.kept;
  S.cityUndo = null;
  S.cityNote = '';
  return true;
}
