// The page's state (one object, S), the catalogue of policies it was loaded with, and today's date.

export const ORDER = ['yantai-2025', 'zhangjiakou-2025', 'national-2025'];
export const FIRST_YEAR = 2025;
// pols: the core's policies() in the order shown; scn: the scenario being edited; sent: the copy last
// given to the core, and last/errors what it answered (a result, or the errors in sent); today: the
// phone's date (the core never reads a clock); open/helpOpen: which <details> and help texts are
// open; dirty: edited since loading; shared: opened from a share link; embed: the embed view;
// mapNotes: what the last city switch changed; undo: the scenario before 清除.
export const S = {
  pols: [], scn: null, last: null, errors: [], sent: null, today: '',
  open: new Set(), helpOpen: new Set(), dirty: false, embed: false, mapNotes: [], undo: null, shared: false,
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
