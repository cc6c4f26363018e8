// Calling the Rust core, and making a new instance of it after a trap. How the core is loaded is in
// core-wasm.js (the page's WebAssembly); the bundle for engines that cannot run the wasm,
// app-legacy.js (scripts/assemble-dist.mjs), has core-fallback.js in its place: the same core
// compiled to JavaScript, with the same five exports. This module knows nothing of the page:
// start-up (app.js) says what to do after a restart.
//
// The core holds no policy until it is given one (load_policy): the list of cities
// (policies/index.json) and the first city's data come with the core, fetched alongside it; another
// city's data when the page asks for it (loadPolicy). scripts/assemble-dist.mjs gives both files
// content-hashed names and puts the first city's file in place of policies/DEFAULT.bin.
import * as engine from './core-wasm.js';

const RESTARTING = '测算程序出错,正在重新启动…';
const LIST = './policies/index.json';
const FIRST = './policies/DEFAULT.bin';

let core = null; // the core's exports (version, policies, load_policy, estimate)
let api = null; // the same, or the test wrapper around estimate
let restarting = false;
let afterRestart = () => {};
let list = null; // the list of cities: a promise of [{ id, name, order, baseline, url }], or null
const given = new Map(); // id -> the bytes given to the core (given again to a new instance after a trap)
const pending = new Map(); // id -> the promise of its loading
const downloads = new Map(); // id -> the promise of its data (download)
let firstBytes = null; // the promise of the first city's data, asked for with the core

// Resolves to { version, policies } once the core runs with the first city; estimate() below is how
// the page calls the core. `wanted`: the city a share link or the stored inputs name ('' if none),
// whose data then download alongside the core instead of after it has started (on a slow network
// that was a request round and the file's transfer after the core, about 0.6 s of 3.9).
export async function loadCore(wanted) {
  // The download waits for the page's first paint, so it never competes with it (on a slow network
  // the paint comes long before this module does; boot.js has then preloaded the core).
  await firstPaint();
  window.YIBAO_CORE_REQUESTED = true; // for boot.js: too late to preload
  catalogue();
  firstBytes = bytesOf(FIRST);
  // A city not in the list, or one that cannot be downloaded, is loadPolicy's to report, later.
  if (wanted) download(wanted).catch(() => {});
  const loaded = await engine.load();
  give(loaded, await firstBytes);
  core = loaded;
  api = testHooks(loaded);
  return { version: loaded.version, policies: loaded.policies };
}

// The list of cities, fetched once (again after a failure): a promise of [{ id, name, order,
// baseline, url }], in the order the page shows them.
export function catalogue() {
  if (!list) {
    list = fetch(LIST)
      .then((res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status} for ${LIST}`);
        return res.json();
      })
      .then((json) => json.policies.map((c) => ({ id: c.id, name: c.name, order: c.order, baseline: c.baseline, url: new URL(c.file, absolute(LIST)).href })));
    list.catch(() => {
      list = null;
    });
  }
  return list;
}
const absolute = (url) => new URL(url, document.baseURI).href;

// Gives the core the city `id` (downloading its data the first time): resolves to the policy as
// policies() lists it, or to null when no city has that id; rejects when it cannot be downloaded.
export function loadPolicy(id) {
  if (!pending.has(id)) {
    const p = download(id).then((blob) => (blob ? give(core, blob) : null));
    pending.set(id, p);
    p.then((info) => info || pending.delete(id), () => pending.delete(id));
  }
  return pending.get(id);
}

// The data of the city `id`, downloaded once (again after a failure): a promise of { url, bytes },
// or of null when no city has that id. The first city's file is FIRST's, already asked for with
// the core: not asked for twice.
function download(id) {
  if (!downloads.has(id)) {
    const p = catalogue().then((cities) => {
      const city = cities.find((c) => c.id === id);
      if (!city) return null;
      return firstBytes && city.url === absolute(FIRST) ? firstBytes.catch(() => bytesOf(city.url)) : bytesOf(city.url);
    });
    downloads.set(id, p);
    p.catch(() => downloads.delete(id));
  }
  return downloads.get(id);
}

// The URLs of the cities given to the core (app.js asks for them again once the service worker
// controls the page, so that they are there offline).
export const policyUrls = () => [...given.values()].map((g) => g.url);

function bytesOf(url) {
  return fetch(url).then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status} for ${url}`);
    return r.arrayBuffer();
  }).then((buf) => ({ url: absolute(url), bytes: new Uint8Array(buf) }));
}

// Hands a policy's bytes to an instance of the core; throws what the core says of bytes it refuses.
function give(instance, blob) {
  const out = instance.load_policy(blob.bytes);
  if (!out.ok) throw new Error(out.errors.map((e) => e.message).join(' '));
  given.set(out.result.id, blob);
  pending.set(out.result.id, Promise.resolve(out.result));
  return out.result;
}

// Whether loadCore() failed because this engine refuses to run the core (an old engine), rather
// than because the download failed.
export const refusedByEngine = engine.refused;

// The page's reaction once a restarted core is ready (err is null) or could not be restarted.
export function onCoreRestart(fn) {
  afterRestart = fn;
}

// Resolves once the page's first frame is on screen, by boot.js's Paint Timing wait (one copy of it
// for both scripts); at once if boot.js did not run.
function firstPaint() {
  return new Promise((resolve) => (window.YIBAO_AFTER_PAINT || ((fn) => fn()))(resolve));
}

// A trap (a panic in the core) leaves the instance unusable: the engine makes a fresh one. The
// inputs are untouched; the page computes the result again.
async function restartCore() {
  try {
    const fresh = await engine.reload();
    // A new instance knows no policy: the ones the page had, again, from the bytes kept.
    for (const blob of [...given.values()]) give(fresh, blob);
    core = fresh;
    api = testHooks(fresh);
    if (window.yibaoTest) window.yibaoTest.loads += 1;
  } catch (err) {
    console.error('could not restart the core:', err);
    afterRestart(err);
    return;
  }
  restarting = false;
  afterRestart(null);
}

// The core's answer for one scenario: { ok: true, result } or { ok: false, errors: [{ path, message }] }.
// Never throws: a trap restarts the core and is reported as an error until it is back.
export function estimate(scn) {
  if (!api) return { ok: false, errors: [{ path: '', message: RESTARTING }] };
  try {
    return api.estimate(scn);
  } catch (err) {
    if (engine.isTrap(err) && !restarting) {
      console.warn('the core trapped; restarting it:', err);
      restarting = true;
      api = null;
      restartCore();
      return { ok: false, errors: [{ path: '', message: RESTARTING }] };
    }
    return { ok: false, errors: [{ path: '', message: `测算出错:${err && err.message ? err.message : err}` }] };
  }
}

// Only with ?test-trap=1 in the address (page tests): yibaoTest.trap() makes the next estimate()
// throw as a trap does, to exercise restartCore().
function testHooks(core) {
  if (!new URLSearchParams(location.search).has('test-trap')) return core;
  if (!window.yibaoTest) window.yibaoTest = { armed: false, loads: 1, trap() { this.armed = true; } };
  const t = window.yibaoTest;
  return {
    estimate(scn) {
      if (t.armed) {
        t.armed = false;
        throw engine.trap('unreachable (test-trap)');
      }
      return core.estimate(scn);
    },
  };
}
