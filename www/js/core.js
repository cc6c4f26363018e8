// Calling the Rust core, and making a new instance of it after a trap. How the core is loaded is in
// core-wasm.js (the page's WebAssembly); the bundle for engines that cannot run the wasm,
// app-legacy.js (scripts/assemble-dist.mjs), has core-fallback.js in its place: the same core
// compiled to JavaScript, with the same five exports. This module knows nothing of the page:
// start-up (app.js) says what to do after a restart.
import * as engine from './core-wasm.js';

const RESTARTING = '测算程序出错,正在重新启动…';

let api = null; // the core's exports (version, policies, estimate), or the test wrapper around them
let restarting = false;
let afterRestart = () => {};

// Resolves to { version, policies }; estimate() below is how the page calls the core.
export async function loadCore() {
  // The download waits for the page's first paint, so it never competes with it (on a slow network
  // the paint comes long before this module does; boot.js has then preloaded the core).
  await firstPaint();
  window.YIBAO_CORE_REQUESTED = true; // for boot.js: too late to preload
  const core = await engine.load();
  api = testHooks(core);
  return { version: core.version, policies: core.policies };
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
    api = testHooks(await engine.reload());
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
