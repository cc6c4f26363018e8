#!/usr/bin/env node
// Builds the fallback core: the same compiled Rust core as the page's wasm, as one ES5 classic script,
// for engines that cannot run that wasm (no WebAssembly, an engine older than its features, or one
// that refuses to compile wasm under the page's CSP). It is made from cargo's wasm, the very file
// scripts/build-www gives wasm-bindgen for the page; no rule is written twice.
//
//   1. A copy of cargo's wasm whose target_features section no longer claims multivalue: wasm-bindgen
//      reads that section to decide whether to return strings as two values (version()); wasm2js
//      cannot compile multi-value, and nothing Rust compiled depends on the claim (Rust's wasm32 ABI
//      returns through memory; only wasm-bindgen's own transform would make a multi-value return).
//   2. wasm-bindgen --target bundler on it (the glue as an ES module that imports the wasm's exports).
//   3. The wasm's table of JS values (externref) becomes a JavaScript array: every table.get, set,
//      grow, size and fill on it is rewritten, in binaryen's text form, into a call of an import from
//      'externref-table' (fallback/externref-table.js). wasm2js handles externref values but only a
//      table of functions, and no binaryen pass does this. Reference types cannot be switched off
//      instead: the wasm-bindgen runtime is compiled for them (stable Rust enables them; only a
//      nightly -Zbuild-std build could say otherwise).
//   4. wasm-opt: lower bulk memory, sign extension and non-trapping float-to-int to MVP code, then
//      -Oz with the page's flags; wasm2js -Oz turns the module into JavaScript.
//   5. The glue's memory-view caches are fixed for wasm2js (see patchGlue), fallback/core.js is
//      bundled with the glue and the compiled module by esbuild, lowered to ES5 by TypeScript,
//      wrapped in a function (each call a fresh instance) and minified by esbuild (target es5);
//   6. acorn parses the result as ECMAScript 5 (a script): the build fails if anything newer is left
//      (scripts/es5.mjs does 5 and 6).
//
// The output is <out>/yibao_fallback.js, defining one global function, yibaoFallbackCore(), which
// returns { estimate, policies, version } like the wasm glue; and <out>/report.json with its sizes.
//   usage: node scripts/build-fallback.mjs --wasm target/wasm32-unknown-unknown/wasm/yibao.wasm
//          --out target/www-build/fallback
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import { checkEs5, lowerToEs5, minifyEs5 } from './es5.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BIN = path.join(ROOT, 'node_modules/.bin');
const CRATE = 'yibao';
export const OUTPUT = 'yibao_fallback.js';
const GLOBAL = 'yibaoFallbackCore';
// The features cargo's wasm uses, so binaryen reads it; the three lowering passes then take
// bulk memory, sign extension and non-trapping float-to-int away again before anything optimises.
const FEATURES = ['--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-reference-types',
  '--enable-sign-ext', '--enable-nontrapping-float-to-int', '--enable-mutable-globals'];
const LOWER = ['--llvm-memory-copy-fill-lowering', '--signext-lowering', '--llvm-nontrapping-fptoint-lowering'];
// The page's wasm-opt flags (scripts/build-www) after the lowering.
const OPTIMISE = ['--low-memory-unused', '--strip-target-features', '-Oz'];

function args() {
  const out = { wasm: null, out: null };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in out) || argv[i + 1] === undefined) throw new Error(`bad argument: ${argv[i]}`);
    out[key] = argv[i + 1];
  }
  if (!out.wasm || !out.out) throw new Error('usage: build-fallback.mjs --wasm FILE --out DIR');
  return out;
}

const run = (cmd, argv) => execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

// --- 1. the target_features section ------------------------------------------------------------
// Reads an unsigned LEB128 at buf[pos]; returns [value, next position].
function leb(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [value, pos];
    shift += 7;
  }
}

// The features the module's target_features custom section lists, each with the offset of its
// prefix byte ('+' used, '-' disallowed).
function targetFeatures(wasm) {
  const found = new Map();
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos];
    const [size, start] = leb(wasm, pos + 1);
    const end = start + size;
    if (id === 0) {
      const [nameLen, nameStart] = leb(wasm, start);
      if (wasm.toString('utf8', nameStart, nameStart + nameLen) === 'target_features') {
        let [count, p] = leb(wasm, nameStart + nameLen);
        while (count-- > 0) {
          const prefixAt = p;
          const [len, s] = leb(wasm, p + 1);
          found.set(wasm.toString('utf8', s, s + len), { prefix: String.fromCharCode(wasm[prefixAt]), prefixAt });
          p = s + len;
        }
      }
    }
    pos = end;
  }
  return found;
}

// cargo's wasm with multivalue marked disallowed ('-'), so wasm-bindgen keeps version()'s string
// return in memory. The section stays the same length: one byte changes.
function withoutMultivalue(wasm) {
  const copy = Buffer.from(wasm);
  const features = targetFeatures(copy);
  if (!features.size) throw new Error('the wasm has no target_features section (built with strip = true?): wasm-bindgen could not tell its features either');
  const mv = features.get('multivalue');
  if (mv && mv.prefix === '+') copy[mv.prefixAt] = '-'.charCodeAt(0);
  return { wasm: copy, referenceTypes: features.get('reference-types')?.prefix === '+' };
}

// --- 3. the externref table ----------------------------------------------------------------------
const TABLE_OPS = {
  get: '(param i32) (result externref)',
  set: '(param i32 externref)',
  grow: '(param externref i32) (result i32)',
  size: '(result i32)',
  fill: '(param i32 externref i32)',
};

// Rewrites binaryen's text of the module so its one externref table is the JS array of
// fallback/externref-table.js. Returns the new text and the table's initial size.
export function lowerExternrefTable(wat) {
  const decls = [...wat.matchAll(/^ \(table (\$\S+) (\d+)(?: \d+)? externref\)\n/gm)];
  if (decls.length !== 1) throw new Error(`expected one externref table in the module, found ${decls.length}`);
  const [decl, name, initial] = decls[0];
  let text = wat.replace(decl, '');
  const exportRe = new RegExp(`^ \\(export "[^"]+" \\(table ${escapeRe(name)}\\)\\)\n`, 'gm');
  text = text.replace(exportRe, '');
  const used = [];
  for (const op of Object.keys(TABLE_OPS)) {
    const from = `(table.${op} ${name}`;
    if (!text.includes(from)) continue;
    used.push(op);
    text = text.split(from).join(`(call $__externref_table_${op}`);
  }
  // Any other mention of the table (table.copy, an element segment, call_indirect) is not lowered.
  const left = text.match(new RegExp(`${escapeRe(name)}(?=[\\s)])`));
  if (left) throw new Error(`the externref table ${name} is used in a way this script does not lower: ${text.slice(left.index - 80, left.index + 40)}`);
  const imports = used.map((op) => ` (import "externref-table" "${op}" (func $__externref_table_${op} ${TABLE_OPS[op]}))\n`).join('');
  const lastImport = text.lastIndexOf('\n (import ');
  const at = lastImport < 0 ? text.indexOf('\n') + 1 : text.indexOf('\n', lastImport + 1) + 1;
  return { wat: text.slice(0, at) + imports + text.slice(at), tableSize: Number(initial), ops: used };
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// --- 5. the glue ---------------------------------------------------------------------------------
// wasm-bindgen's glue caches views of the wasm memory and renews them when the old buffer is
// detached, which is what memory.grow does to a WebAssembly.Memory. wasm2js's memory.grow copies
// into a new ArrayBuffer and leaves the old one intact, so the glue would go on reading the old
// memory: here each cache is renewed whenever the memory's buffer is another one. Each rewrite must
// apply exactly as often as expected, or the build stops (a new wasm-bindgen: look again).
export function patchGlue(js) {
  const patches = [
    [/(cached\w+Memory0) === null \|\| \1\.byteLength === 0/g, '$1 === null || $1.buffer !== wasm.memory.buffer'],
    [/(cached\w+Memory0) === null \|\| \1\.buffer\.detached === true \|\| \(\1\.buffer\.detached === undefined && \1\.buffer !== wasm\.memory\.buffer\)/g,
      '$1 === null || $1.buffer !== wasm.memory.buffer'],
  ];
  let out = js;
  for (const [re, to] of patches) {
    if (!re.test(out)) throw new Error(`wasm-bindgen's glue changed: no match for ${re}`);
    out = out.replace(re, to);
  }
  const caches = [...out.matchAll(/if \((cached\w+Memory0) === null \|\| ([^)]*)\)/g)];
  const stale = caches.filter(([, , cond]) => !cond.includes('.buffer !== wasm.memory.buffer'));
  if (!caches.length || stale.length) throw new Error(`wasm-bindgen's glue has memory caches this script does not renew: ${stale.map((m) => m[1]).join(', ')}`);
  return out;
}

// --- 5. bundle, lower, wrap, minify; 6. check --------------------------------------------------
async function bundle(entry, modules, tableSize) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__core',
    target: 'es2015',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
    define: { EXTERNREF_TABLE_SIZE: String(tableSize) },
    plugins: [{
      name: 'fallback-modules',
      setup(build) {
        build.onResolve({ filter: /^(yibao-asm|yibao-glue|externref-table)$/ }, (a) => ({ path: modules[a.path] }));
        // wasm2js's output imports the glue by the module name wasm-bindgen gave it.
        build.onResolve({ filter: /^\.\/yibao_bg\.js$/ }, () => ({ path: modules['yibao-glue'] }));
      },
    }],
  });
  return result.outputFiles[0].text;
}

// The whole bundle inside one function: each call evaluates it afresh (new memory, new table).
const wrap = (es5) => `function ${GLOBAL}() {\n${es5}\nreturn __core;\n}\n`;

async function main() {
  const opt = args();
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-fallback-'));
  try {
    const { wasm, referenceTypes } = withoutMultivalue(fs.readFileSync(opt.wasm));
    fs.writeFileSync(path.join(tmp, `${CRATE}.wasm`), wasm);
    run('wasm-bindgen', ['--target', 'bundler', '--no-typescript', '--out-dir', path.join(tmp, 'glue'), path.join(tmp, `${CRATE}.wasm`)]);
    const bindgenWasm = path.join(tmp, 'glue', `${CRATE}_bg.wasm`);

    let input = bindgenWasm;
    let tableSize = 0;
    if (referenceTypes) {
      const watFile = path.join(tmp, 'bindgen.wat');
      run(path.join(BIN, 'wasm-dis'), [...FEATURES, bindgenWasm, '-o', watFile]);
      const lowered = lowerExternrefTable(fs.readFileSync(watFile, 'utf8'));
      tableSize = lowered.tableSize;
      input = path.join(tmp, 'lowered.wat');
      fs.writeFileSync(input, lowered.wat);
    }
    const mvp = path.join(tmp, 'mvp.wasm');
    run(path.join(BIN, 'wasm-opt'), [...FEATURES, input, ...LOWER, ...OPTIMISE, '-o', mvp]);
    const asm = path.join(tmp, 'glue', `${CRATE}_bg.wasm.js`);
    run(path.join(BIN, 'wasm2js'), ['--enable-reference-types', mvp, '-Oz', '-o', asm]);

    const glue = path.join(tmp, 'glue', `${CRATE}_bg.js`);
    fs.writeFileSync(glue, patchGlue(fs.readFileSync(glue, 'utf8')));
    const bundled = await bundle(path.join(ROOT, 'fallback/core.js'), {
      'yibao-asm': asm, 'yibao-glue': glue, 'externref-table': path.join(ROOT, 'fallback/externref-table.js'),
    }, tableSize);
    const wrapped = wrap(lowerToEs5(bundled, 'the fallback core'));
    checkEs5(wrapped, 'the lowered bundle');
    const min = minifyEs5(wrapped);
    checkEs5(min, OUTPUT);

    fs.mkdirSync(opt.out, { recursive: true });
    fs.writeFileSync(path.join(opt.out, OUTPUT), min);
    const bytes = Buffer.from(min);
    const report = {
      file: OUTPUT,
      bytes: bytes.length,
      gzip9: zlib.gzipSync(bytes, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      mvp_wasm_bytes: fs.statSync(mvp).size,
      externref_table_size: tableSize,
      seconds: (Date.now() - started) / 1000,
    };
    fs.writeFileSync(path.join(opt.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`build-fallback: ${OUTPUT} ${report.bytes} bytes (gzip -9 ${report.gzip9}, brotli ${report.brotli}) in ${report.seconds} s`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch((err) => {
    console.error(`build-fallback: ${err.message}`);
    process.exit(1);
  });
}
