// Loading the Rust core (WebAssembly) and calling it. Everything that touches the wasm module or its
// glue is in this one module, so another way of running the core (a fallback for old engines) has
// one place to go. It knows nothing of the page: start-up (app.js) says what to do after a restart.
// scripts/build-www gives every file a content-hashed name and rewrites './yibao.js' and
// './yibao_bg.wasm' below (the bundler leaves both alone: they are not part of the page's bundle).

const RESTARTING = '测算程序出错,正在重新启动…';

let api = null; // the glue's exports (version, policies, estimate), or the test wrapper around them
let compiled = null; // the compiled module, kept to re-create the instance after a trap
let restarting = false;
let restarts = 0;
let afterRestart = () => {};

// Streams when the engine can; some iOS WebViews reject instantiateStreaming, so fall back to
// bytes + WebAssembly.instantiate (wasm-bindgen's init takes a Response or a BufferSource).
// The compiled module is kept: after a trap the instance is re-created from it (restartCore).
// Resolves to { version, policies }; estimate() below is how the page calls the core.
export async function loadCore() {
  // The download waits for the page's first paint, so it never competes with it (on a slow network
  // the paint comes long before this module does; boot.js has then preloaded both files).
  await firstPaint();
  window.YIBAO_CORE_REQUESTED = true; // for boot.js: too late to preload
  const wasmUrl = new URL('./yibao_bg.wasm', import.meta.url);
  const [glue, response] = await Promise.all([import('./yibao.js'), fetch(wasmUrl)]);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${wasmUrl}`);
  let module = null;
  if (typeof WebAssembly.compileStreaming === 'function') {
    const spare = response.clone();
    try {
      module = await WebAssembly.compileStreaming(response);
    } catch (err) {
      if (err instanceof WebAssembly.CompileError && /refused|unsafe-eval|policy/i.test(err.message)) throw err;
      console.warn('compileStreaming failed, retrying from bytes:', err);
      module = await WebAssembly.compile(await spare.arrayBuffer());
    }
  } else {
    module = await WebAssembly.compile(await response.arrayBuffer());
  }
  await glue.default({ module_or_path: module });
  compiled = module;
  api = testHooks(glue);
  return { version: glue.version, policies: glue.policies };
}

// The page's reaction once a restarted core is ready (err is null) or could not be restarted.
export function onCoreRestart(fn) {
  afterRestart = fn;
}

// Resolves once the page's first frame is on screen, by boot.js's Paint Timing wait (one copy of it
// for both scripts); at once if boot.js did not run.
function firstPaint() {
  return new Promise((resolve) => (window.YIBAO_AFTER_PAINT || ((fn) => fn()))(resolve));
}

// A trap (a panic in the core) leaves the instance unusable: a fresh copy of the glue module (the
// fragment makes it a separate module instance; the file comes from the cache) is instantiated
// from the kept compiled module. The inputs are untouched; the page computes the result again.
async function restartCore() {
  restarts += 1;
  try {
    // A variable, not a template literal: the bundler would take a template for a glob of files.
    const fresh = `./yibao.js#restart-${restarts}`;
    const glue = await import(fresh);
    await glue.default({ module_or_path: compiled });
    api = testHooks(glue);
    if (window.yibaoTest) window.yibaoTest.loads += 1;
  } catch (err) {
    console.error('could not restart the wasm core:', err);
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
    if (err instanceof WebAssembly.RuntimeError && !restarting) {
      console.warn('the wasm core trapped; restarting it:', err);
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
function testHooks(glue) {
  if (!new URLSearchParams(location.search).has('test-trap')) return glue;
  if (!window.yibaoTest) window.yibaoTest = { armed: false, loads: 1, trap() { this.armed = true; } };
  const t = window.yibaoTest;
  return {
    estimate(scn) {
      if (t.armed) {
        t.armed = false;
        throw new WebAssembly.RuntimeError('unreachable (test-trap)');
      }
      return glue.estimate(scn);
    },
  };
}
