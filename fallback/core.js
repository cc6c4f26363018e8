// The fallback core: the same Rust core as the page's wasm, compiled to JavaScript by
// scripts/build-fallback.mjs (wasm-bindgen's glue + wasm2js + this file, bundled and lowered to ES5),
// for engines that cannot run the wasm. Every call of yibaoFallbackCore() (the function the built
// script defines) makes a fresh instance with its own memory: the page's restart after a trap.
// It has the wasm glue's API: estimate(scenario), policies(), load_policy(bytes), version().
import * as compiled from 'yibao-asm';
import * as glue from 'yibao-glue';
import { table } from 'externref-table';

var exports = {};
for (var name in compiled) exports[name] = compiled[name];
exports.__wbindgen_externrefs = table;
glue.__wbg_set_wasm(exports);
// Fills the table's fixed slots (undefined, null, true, false); a module built without reference
// types has no table and no start function.
if (exports.__wbindgen_start) exports.__wbindgen_start();

// A trap in wasm2js is an ordinary thrown Error (wasm2js_trap: 'abort'), and so is a stack overflow
// (RangeError): after either the instance's memory may be half-updated, as after a wasm trap. The
// core returns errors as values and never throws otherwise, so whatever it throws is a trap: it is
// passed on as a RuntimeError (the name WebAssembly.RuntimeError has too, so the page treats both
// paths alike) and the instance refuses further calls; the page makes a new one.
var dead = null;
function trap(cause) {
  var err = new Error('the core stopped: ' + (cause && cause.message ? cause.message : String(cause)));
  err.name = 'RuntimeError';
  err.cause = cause;
  return err;
}
function guarded(fn) {
  return function (arg) {
    if (dead) throw dead;
    try {
      return fn(arg);
    } catch (cause) {
      dead = trap(cause);
      throw dead;
    }
  };
}

export var estimate = guarded(glue.estimate);
export var policies = guarded(glue.policies);
export var load_policy = guarded(glue.load_policy);
export var version = guarded(glue.version);
