// The page's state (one object, S), the catalogue of policies it was loaded with, and today's date.

export const FIRST_YEAR = 2025;
// pols: the core's policies() in the order shown; scn: the scenario being edited; sent: the copy last
// given to the core, and last/errors what it answered (a result, or the errors in sent); today: the
// phone's date (the core never reads a clock); open/helpOpen: which <details> and help texts are
// open; dirty: edited since loading; shared: opened from a share link; embed: the embed view;
// undo: the scenario before 清除; view: 'guide' (one question a screen) or 'answer'; step: the
// question shown; editing: came back from the answer to change one thing; notice: a line on the
// guide's screen; touched: error slots that may show (js/errors.js); cityNote/cityUndo/kept: the last
// change of city and what it set aside (js/city.js); canSpeak: a Chinese voice exists (js/elder.js);
// askCity: a first visit's city not picked yet (the core's own city stands in, ticked nowhere).
export const S = {
  pols: [], scn: null, last: null, errors: [], sent: null, today: '',
  open: new Set(), helpOpen: new Set(), dirty: false, embed: false, undo: null, shared: false,
  view: 'answer', step: '', editing: false, notice: '', touched: new Set(),
  cityNote: '', cityUndo: null, kept: {}, canSpeak: false, askCity: false,
};
export const P = (id) => S.pols.find((p) => p.id === id);
export const has = (pol, f) => !!pol && pol.features.includes(f);
export const clone = (v) => JSON.parse(JSON.stringify(v));
export const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
export function todayIso() {
  const d = new Date();
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}
