// The fallback core (scripts/build-fallback.mjs: the same Rust core through wasm2js, ES5) against the
// page's wasm, in Node: every kept input — the fuzz regressions, the worked examples, the goldens —
// gives byte-identical JSON through both, and so do policies() and version(). Both are the built
// files: the wasm and glue of target/www-build/pkg and target/www-build/fallback/yibao_fallback.js
// (scripts/build-www makes them); and the scripts dist/ gives engines that cannot run the wasm are
// ES5. Run: node --test tests/fallback.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import vm from 'node:vm';
import { lowerExternrefTable, patchGlue } from '../scripts/build-fallback.mjs';
import { checkEs5 } from '../scripts/es5.mjs';
import { loadBlobs } from '../scripts/policy-blobs.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BUILD = path.join(ROOT, 'target/www-build');
const FALLBACK = path.join(BUILD, 'fallback/yibao_fallback.js');

const wasm = await import(path.join(BUILD, 'pkg/yibao.js'));
wasm.initSync({ module: fs.readFileSync(path.join(BUILD, 'pkg/yibao_bg.wasm')) });
// Neither core has a policy until it is given one, as on the page (scripts/policy-blobs.mjs).
loadBlobs(wasm);

// The fallback script as a page loads it: a classic script defining the global yibaoFallbackCore,
// here in a context of its own with only what a browser would give it.
const source = fs.readFileSync(FALLBACK, 'utf8');
function fallbackFactory() {
  const context = vm.createContext({ TextDecoder, TextEncoder });
  vm.runInContext(source, context, { filename: FALLBACK });
  return () => {
    const core = context.yibaoFallbackCore();
    loadBlobs(core);
    return core;
  };
}
const newCore = fallbackFactory();
const js = newCore();

// Every kept input as the value the page would pass: JSON.parse of the file; a file that is not JSON
// is passed as its text (a string the core must refuse).
function keptInputs() {
  const inputs = [];
  const dir = (d) => fs.readdirSync(path.join(ROOT, d)).sort().map((f) => path.join(d, f));
  for (const file of dir('tests/fuzz_regressions')) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      value = text;
    }
    inputs.push({ file, value });
  }
  for (const file of dir('tests/examples').filter((f) => f.endsWith('.json'))) {
    inputs.push({ file, value: JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')).scenario });
  }
  for (const file of dir('tests/golden').filter((f) => f.endsWith('.scenario.json'))) {
    inputs.push({ file, value: JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) });
  }
  return inputs;
}

test('the fallback script is ECMAScript 5', () => {
  checkEs5(source, FALLBACK);
  assert.throws(() => checkEs5('var f = () => 1;', 'an arrow'), /not ECMAScript 5/);
  assert.throws(() => checkEs5('var r = /(?<y>a)/;', 'a named group'), /not ECMAScript 5/);
});

test('every script an engine that cannot run the wasm gets from dist/ is ECMAScript 5', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/asset-manifest.json'), 'utf8'));
  const scripts = manifest.files.filter((f) => f.old_engines_only || f.source === 'boot.js');
  assert.deepEqual(scripts.map((f) => f.source).sort(), ['app-legacy.js', 'boot.js', 'old-engines.js', 'yibao_fallback.js']);
  for (const f of scripts) checkEs5(fs.readFileSync(path.join(ROOT, 'dist', f.file), 'utf8'), `dist/${f.file}`);
});

test('every kept input gives the same JSON through the fallback as through the wasm', () => {
  const inputs = keptInputs();
  const counts = { ok: 0, refused: 0, text: 0 };
  for (const { file, value } of inputs) {
    const expected = JSON.stringify(wasm.estimate(value));
    const actual = JSON.stringify(js.estimate(value));
    assert.equal(actual, expected, file);
    if (typeof value === 'string') counts.text += 1;
    else if (JSON.parse(actual).ok) counts.ok += 1;
    else counts.refused += 1;
  }
  // The kept sets only grow; a broken glob or an empty directory must not pass as agreement.
  assert.ok(inputs.length >= 3500, `only ${inputs.length} inputs`);
  assert.ok(counts.ok >= 900 && counts.refused >= 2000, JSON.stringify(counts));
  console.log(`fallback = wasm on ${inputs.length} inputs: ${counts.ok} results, ${counts.refused} refusals, ${counts.text} not JSON`);
});

test('the goldens come out of the fallback exactly as the native build wrote them', () => {
  for (const name of ['zjk-relapse', 'yantai-household', 'national-overrides', 'invalid']) {
    const scenario = JSON.parse(fs.readFileSync(path.join(ROOT, `tests/golden/${name}.scenario.json`), 'utf8'));
    const golden = fs.readFileSync(path.join(ROOT, `tests/golden/${name}.result.json`), 'utf8').trimEnd();
    assert.equal(JSON.stringify(js.estimate(scenario)), golden, name);
  }
});

test('policies() and version() are the wasm ones', () => {
  assert.equal(JSON.stringify(js.policies()), JSON.stringify(wasm.policies()));
  assert.equal(js.version(), wasm.version());
  // The program's version; each policy carries its own rules_version (policies()).
  assert.match(js.version(), /^\d+\.\d+\.\d+$/);
});

test('JS values JSON cannot hold are refused by name, as on the wasm path', () => {
  const deep = JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`);
  for (const value of [null, 42, 'x', [], () => 1, Symbol('s'), deep, NaN, 10n ** 30n]) {
    assert.equal(JSON.stringify(js.estimate(value)), JSON.stringify(wasm.estimate(value)), String(typeof value));
  }
  assert.match(JSON.stringify(js.estimate(deep)), /嵌套超过32层/);
});

test('a throw inside the core stops that instance with a RuntimeError; a new instance computes', () => {
  const core = newCore();
  const scenario = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/golden/yantai-household.scenario.json'), 'utf8'));
  const golden = fs.readFileSync(path.join(ROOT, 'tests/golden/yantai-household.result.json'), 'utf8').trimEnd();
  // A getter that throws while the core reads the input: the exception unwinds through compiled
  // Rust frames, as a trap does.
  const hostile = { ...scenario };
  Object.defineProperty(hostile, 'policy', { enumerable: true, get() { throw new Error('boom'); } });
  assert.throws(() => core.estimate(hostile), (err) => err.name === 'RuntimeError' && /boom/.test(err.message));
  // The instance refuses every call after that, with the same error …
  assert.throws(() => core.estimate(scenario), (err) => err.name === 'RuntimeError');
  assert.throws(() => core.version(), (err) => err.name === 'RuntimeError');
  // … and another one, made by calling the factory again, is untouched and correct.
  const fresh = newCore();
  assert.equal(JSON.stringify(fresh.estimate(scenario)), golden);
  assert.equal(JSON.stringify(js.estimate(scenario)), golden, 'the first instance is separate too');
});

test('the externref table becomes calls of externref-table, and nothing else of it may stay', () => {
  const wat = [
    '(module',
    ' (import "./yibao_bg.js" "f" (func $f (param externref)))',
    ' (table $0 2 funcref)',
    ' (table $refs 1028 externref)',
    ' (export "__wbindgen_externrefs" (table $refs))',
    ' (func $a (param $0 i32) (result externref)',
    '  (table.set $refs (local.get $0) (table.get $refs (i32.const 1)))',
    '  (drop (table.grow $refs (ref.null noextern) (i32.const 4)))',
    '  (table.get $refs (local.get $0)))',
    ')',
    '',
  ].join('\n');
  const out = lowerExternrefTable(wat);
  assert.equal(out.tableSize, 1028);
  assert.deepEqual(out.ops, ['get', 'set', 'grow']);
  assert.doesNotMatch(out.wat, /\$refs/);
  assert.match(out.wat, /\(call \$__externref_table_set \(local\.get \$0\) \(call \$__externref_table_get \(i32\.const 1\)\)\)/);
  // The imports follow the module's own, so the text stays valid (imports before definitions).
  assert.match(out.wat, /"f" \(func \$f \(param externref\)\)\)\n \(import "externref-table" "get" \(func \$__externref_table_get \(param i32\) \(result externref\)\)\)/);
  assert.throws(() => lowerExternrefTable(wat.replace('(table.get $refs (i32.const 1))', '(table.copy $refs $refs (i32.const 0) (i32.const 1) (i32.const 1))')),
    /used in a way this script does not lower/);
  assert.throws(() => lowerExternrefTable(wat.replace(' (table $refs 1028 externref)\n', '')), /expected one externref table/);
});

test("the glue's memory views are renewed whenever wasm2js's memory has a new buffer", () => {
  const glue = [
    'function getDataViewMemory0() {',
    '    if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {',
    '        cachedDataViewMemory0 = new DataView(wasm.memory.buffer);',
    '    }',
    '}',
    'function getUint8ArrayMemory0() {',
    '    if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {',
    '        cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);',
    '    }',
    '}',
  ].join('\n');
  const out = patchGlue(glue);
  assert.equal(out.match(/=== null \|\| cached\w+Memory0\.buffer !== wasm\.memory\.buffer\)/g).length, 2);
  // A cache kept some other way (a new wasm-bindgen) stops the build rather than going stale.
  const other = `${glue}\nfunction getFloat64ArrayMemory0() {\n    if (cachedFloat64ArrayMemory0 === null || cachedFloat64ArrayMemory0.length === 0) {}\n}`;
  assert.throws(() => patchGlue(other), /does not renew: cachedFloat64ArrayMemory0/);
  assert.throws(() => patchGlue('let wasm;'), /glue changed/);
});
