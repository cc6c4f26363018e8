// The few APIs the page uses that are newer than the oldest engines app-legacy.js serves (Chrome 57,
// Safari 10.1 / iOS 10.3; old-engines.js checks the rest): defined here when missing, and only in
// app-legacy.js (scripts/legacy-page.mjs injects this module; the page's own bundle never has it).
// tests/page/old-engines.spec.mjs runs the page with every API newer than those engines removed: a new
// use of one fails there until it is added here (or not used).

function define(object, name, value) {
  if (!object[name]) Object.defineProperty(object, name, { value, writable: true, configurable: true });
}

// Chrome 69, Safari 12: results.js.
define(Array.prototype, 'flatMap', function flatMap(fn, thisArg) {
  const out = [];
  for (let i = 0; i < this.length; i++) {
    if (!(i in this)) continue;
    const value = fn.call(thisArg, this[i], i, this);
    if (Array.isArray(value)) out.push(...value);
    else out.push(value);
  }
  return out;
});
