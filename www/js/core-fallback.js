// Loading the Rust core compiled to JavaScript, for core.js in app-legacy.js, the page for engines
// that cannot run the wasm (scripts/assemble-dist.mjs puts this module in place of core-wasm.js).
// yibao_fallback.js is the same cargo wasm through wasm2js, one ES5 script
// (scripts/build-fallback.mjs); it defines one global function, and each call is a new instance of
// the core with its own memory. scripts/build-www rewrites './yibao_fallback.js' to its hashed name.

let make = null;

// Resolves to the core's exports (version, policies, estimate), as core-wasm.js's load() does.
export async function load() {
  if (typeof window.yibaoFallbackCore !== 'function') await script('./yibao_fallback.js');
  make = window.yibaoFallbackCore;
  return make();
}

// A fresh instance after a trap: no download, the script is already there.
export async function reload() {
  return make();
}

// What the fallback throws when the core stops (fallback/core.js): an Error named RuntimeError, as a
// trapped wasm's WebAssembly.RuntimeError is.
export const isTrap = (err) => !!err && err.name === 'RuntimeError';
export function trap(message) {
  const err = new Error(message);
  err.name = 'RuntimeError';
  return err;
}

// A script the page's policy allows is never refused by the engine: a failure is the network's.
export const refused = () => false;

function script(src) {
  return new Promise((resolve, reject) => {
    const el = document.createElement('script');
    el.src = src;
    el.onload = resolve;
    el.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(el);
  });
}
