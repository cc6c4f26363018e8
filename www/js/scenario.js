// The scenario (docs/scenario.md) as the page edits it: field paths, the cleaned copy that is sent,
// defaults for a new household or member, and the same household under another city's policy.

import { FIRST_YEAR, S, clone, isObj } from './state.js';
import { defaultPolicy } from './policies.js';

// Which spending block needs which policies().features entry.
export const SPEND = [
  ['outpatient', 'outpatient', '普通门诊'], ['chronic', 'chronic', '两病(高血压、糖尿病)用药'], ['stays', 'inpatient', '住院'],
  ['childbirth', 'maternity', '生育补助'], ['special_rehab', 'special_children', '儿童康复'],
];
// When another city lacks a category: the nearest kind it has.
const KIND_FALLBACK = {
  adult: ['adult'], student: ['student', 'minor', 'adult'], university: ['university', 'student', 'adult'],
  minor: ['minor', 'student', 'adult'], newborn: ['newborn', 'minor', 'adult'], special: ['special', 'adult'],
};
export const fid = (path) => `f-${path.replace(/[^A-Za-z0-9]+/g, '_')}`;
// Scenario paths: the same string names a field for binding and for the core's errors.
function parsePath(p) {
  if (p.startsWith('overrides.')) return ['overrides', p.slice(10)];
  const out = [];
  p.replace(/([^.[\]]+)|\[(\d+)\]/g, (_, k, i) => out.push(k !== undefined ? k : Number(i)));
  return out;
}
export function getPath(obj, p) {
  return parsePath(p).reduce((o, k) => (o == null ? undefined : o[k]), obj);
}
export function setPath(obj, p, v) {
  const ks = parsePath(p);
  let o = obj;
  for (let i = 0; i < ks.length - 1; i++) {
    if (!isObj(o[ks[i]]) && !Array.isArray(o[ks[i]])) o[ks[i]] = typeof ks[i + 1] === 'number' ? [] : {};
    o = o[ks[i]];
  }
  const k = ks[ks.length - 1];
  if (v === undefined) delete o[k];
  else o[k] = v;
}
// The scenario exactly as it is sent: a plain JSON copy without empty containers.
export function clean(s) {
  const c = clone(s);
  if (isObj(c.overrides) && !Object.keys(c.overrides).length) delete c.overrides;
  for (const m of Array.isArray(c.members) ? c.members : []) {
    if (!isObj(m) || !isObj(m.spending)) continue;
    if (Array.isArray(m.spending.stays) && !m.spending.stays.length) delete m.spending.stays;
    if (!Object.keys(m.spending).length) delete m.spending;
  }
  return c;
}

// Defaults.
export function defaultYear(pol) {
  // The year whose enrolment window is open (or next to open) today; a default, not a rule.
  const year = Number(S.today.slice(0, 4)) + (S.today.slice(5) >= pol.window[0] ? 1 : 0);
  return Math.min(Math.max(year, FIRST_YEAR), pol.last_year);
}
// The payment date a member starts with: today, or the first day of the benefit year's 集中参保期
// when that has not opened yet (a date before it is refused, and the person did not type it).
export function defaultPayment(pol, year) {
  const start = `${year - 1}-${pol.window[0]}`;
  return S.today < start ? start : S.today;
}
export function catFor(pol, kinds) {
  for (const k of kinds) {
    const c = pol.categories.find((x) => x.kind === k);
    if (c) return c;
  }
  return pol.categories[0];
}
export function fixHistory(m, pol, year) {
  const cat = pol && pol.categories.find((c) => c.key === m.category);
  if ((cat && cat.kind === 'newborn') || !(year > FIRST_YEAR)) {
    delete m.history;
    return;
  }
  const old = Array.isArray(m.history) ? m.history : [];
  const list = [];
  for (let y = FIRST_YEAR; y < year; y++) {
    const r = old.find((x) => isObj(x) && x.year === y);
    list.push(r || { year: y, enrolled: true });
  }
  m.history = list;
}
// A new member of `household` (the members so far) pays when the household does: the first payment
// date already given, else today.
export function newMember(role, pol, year, household) {
  const m = { role, category: catFor(pol, role === 'child' ? ['student', 'minor'] : ['adult']).key };
  fixHistory(m, pol, year);
  const given = (household || []).map((x) => isObj(x) && x.payment_date).find((d) => typeof d === 'string' && /^\d{4}-\d\d-\d\d$/.test(d));
  m.payment_date = given || defaultPayment(pol, year);
  return m;
}
export function defaultScenario() {
  const pol = defaultPolicy();
  const year = defaultYear(pol);
  return { policy: pol.id, benefit_year: year, members: [newMember('self', pol, year)] };
}
