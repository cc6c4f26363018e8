// The core's table of JavaScript values, as a JavaScript array. The shipped wasm keeps the JS values
// the Rust code holds (JsValue) in a WebAssembly table of externref; wasm2js compiles a module with
// one table of functions only, so scripts/build-fallback.mjs turns every table.get/set/grow on that
// table into a call of the functions below (imported from 'externref-table'), and wasm-bindgen's
// glue reaches the same slots through `table` (its `wasm.__wbindgen_externrefs`).
// ES5: this file is part of the fallback bundle for old engines.

// The table's initial size in the wasm (scripts/build-fallback.mjs defines it from the module).
var slots = [];
for (var i = 0; i < EXTERNREF_TABLE_SIZE; i++) slots.push(null); // a new table slot holds null

// Indices arrive as wasm2js's signed i32; >>> 0 reads them as the table does (unsigned).
export function get(index) {
  index >>>= 0;
  if (index >= slots.length) throw new RangeError('table index is out of bounds');
  return slots[index];
}

export function set(index, value) {
  index >>>= 0;
  if (index >= slots.length) throw new RangeError('table index is out of bounds');
  slots[index] = value;
}

// table.grow: the old size, with `delta` new slots holding `value`.
export function grow(value, delta) {
  delta >>>= 0;
  var old = slots.length;
  for (var k = 0; k < delta; k++) slots.push(value);
  return old;
}

export function size() {
  return slots.length;
}

export function fill(index, value, count) {
  index >>>= 0;
  count >>>= 0;
  if (index + count > slots.length) throw new RangeError('table index is out of bounds');
  for (var k = 0; k < count; k++) slots[index + k] = value;
}

// What wasm-bindgen's glue calls `wasm.__wbindgen_externrefs` (a WebAssembly.Table on the wasm path).
export var table = {
  get: get,
  set: set,
  grow: function (delta, value) {
    return grow(value === undefined ? null : value, delta);
  },
};
