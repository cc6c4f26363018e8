// The cities the page knows (S.pols) and which of them the core has loaded. The first load carries
// the core and one city, the first by order; the list of cities (id, name, order, baseline) comes
// alongside it, and another city's data (a few KB) only when a person chooses it, a link or the
// stored inputs name it, or the comparison needs it (js/core.js fetches and loads it). S.pols holds
// every city in order: an entry is the list's until the city is loaded, then the core's policies()
// entry for it, in the same object, so that comparing entries by identity keeps working.
import { catalogue, loadPolicy } from './core.js';
import { S } from './state.js';

let changed = () => {};
let first = ''; // the id of the city the core came with: the default

const byOrder = (a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// Puts the loaded policies `infos` and the list `cities` (either may be empty) into S.pols.
function merge(infos, cities) {
  const byId = new Map(S.pols.map((p) => [p.id, p]));
  for (const c of cities) if (!byId.has(c.id)) byId.set(c.id, { id: c.id, name: c.name, order: c.order, baseline: c.baseline, loaded: false });
  for (const info of infos) {
    const entry = byId.get(info.id);
    if (entry) Object.assign(entry, info, { loaded: true });
    else byId.set(info.id, Object.assign({}, info, { loaded: true }));
  }
  S.pols = [...byId.values()].sort(byOrder);
  changed();
}

// At start-up: the cities the core came with; the others join S.pols when the list arrives.
// onChange runs after every change of S.pols (the footer's sources, the list of cities on screen).
export function startCities(loaded, onChange) {
  first = loaded.length ? loaded[0].id : '';
  merge(loaded, []);
  changed = onChange;
  catalogue().then((cities) => merge([], cities), (err) => console.warn('could not download the list of cities:', err));
}

// The default city: the one that came with the core (the first by order when the page was built).
// Not S.pols[0]: the list of cities may arrive first, and its first entry need not be loaded yet.
export const defaultPolicy = () => S.pols.find((p) => p.id === first && p.loaded) || S.pols.find((p) => p.loaded);

export const isLoaded = (id) => S.pols.some((p) => p.id === id && p.loaded);

// Loads the city `id` into the core if it is not there yet: resolves to its S.pols entry, or to null
// when no city has that id; rejects when its data cannot be downloaded.
export function usePolicy(id) {
  const have = S.pols.find((p) => p.id === id && p.loaded);
  if (have) return Promise.resolve(have);
  return loadPolicy(id).then((info) => {
    if (!info) return null;
    merge([info], []);
    return S.pols.find((p) => p.id === id);
  });
}

// Every city in the list, loaded (the comparison computes the household under each).
export function useAll() {
  return catalogue().then((cities) => Promise.all(cities.map((c) => usePolicy(c.id))));
}
