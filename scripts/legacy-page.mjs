// The page for engines that cannot run the wasm (app-legacy.js): the same page entry (www/app.js) and
// modules as app.js, bundled by esbuild into one classic script and lowered to ECMAScript 5
// (scripts/es5.mjs), for scripts/assemble-dist.mjs. boot.js loads it, through old-engines.js, only
// where its WebAssembly probe fails; engines that pass never download it. The differences from the
// page's own bundle, all made here at build time so the page's modules need no branch for them:
// - js/core-fallback.js stands in for js/core-wasm.js: the core compiled to JavaScript
//   (yibao_fallback.js) instead of the wasm;
// - the lazily loaded entries (details.js, panels.js: modules the page imports at run time by URL,
//   js/lazy.js) are bundled in, because a classic script cannot import(): every import(url) in the
//   page's modules becomes legacyImport(url), which resolves to the bundled entry that url names
//   (the same './details.js' strings as the page's, so the build's renaming to hashed names keeps
//   them equal); an import() left over stops the build;
// - window.YIBAO_NO_WASM, which tells the page's module to stand aside, reads false;
// - js/old-engine-apis.js runs first: the few newer APIs the page uses, where the engine lacks them.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { checkEs5, lowerToEs5, minifyEs5 } from './es5.mjs';

export const LEGACY_PAGE = 'app-legacy.js';
const ENGINE = { page: './core-wasm.js', legacy: 'core-fallback.js' };
const APIS = 'js/old-engine-apis.js';
const LAZY = 'legacy:lazy-entries';
const DYNAMIC_IMPORT = /\bimport\s*\(/;

// The module that stands in for import(): each lazy entry under the URL the page names it by,
// relative to the page (./details.js), the #fragment the page may add for a retry ignored.
function lazyTable(www, lazyEntries) {
  const files = lazyEntries.map((f) => path.resolve(f));
  const names = files.map((abs) => `./${path.relative(www, abs).split(path.sep).join('/')}`);
  return [
    ...files.map((abs, i) => `import * as m${i} from ${JSON.stringify(abs)};`),
    `const modules = { ${names.map((n, i) => `${JSON.stringify(n)}: m${i}`).join(', ')} };`,
    'export function legacyImport(url) {',
    "  const m = modules[String(url).split('#')[0]];",
    `  return m ? Promise.resolve(m) : Promise.reject(new Error('${LEGACY_PAGE} holds no ' + url));`,
    '}',
  ].join('\n');
}

// The bundle for `entry` (www/app.js), with `lazyEntries` (the other page entries, absolute paths)
// bundled in, as ES5; `bundled` collects the modules it used (the orphan check of
// scripts/assemble-dist.mjs counts them too).
export async function legacyBundle(entry, lazyEntries, minifyOn, bundled) {
  const www = path.resolve(path.dirname(entry));
  const swap = {
    name: 'legacy-page',
    setup(b) {
      b.onResolve({ filter: /^\.\/core-wasm\.js$/ }, (a) => ({ path: path.join(a.resolveDir, ENGINE.legacy) }));
      b.onResolve({ filter: new RegExp(`^${LAZY}$`) }, () => ({ path: LAZY, namespace: 'legacy' }));
      b.onLoad({ filter: /.*/, namespace: 'legacy' }, () => ({ contents: lazyTable(www, lazyEntries), resolveDir: www, loader: 'js' }));
      // A page module that imports by URL imports from the table instead.
      b.onLoad({ filter: /\.m?js$/, namespace: 'file' }, (a) => {
        const text = fs.readFileSync(a.path, 'utf8');
        if (!DYNAMIC_IMPORT.test(text)) return undefined;
        return { contents: `import { legacyImport } from '${LAZY}';\n${text.replace(new RegExp(DYNAMIC_IMPORT, 'g'), 'legacyImport(')}`, loader: 'js' };
      });
    },
  };
  const result = await build({
    entryPoints: [entry], bundle: true, write: false, metafile: true, format: 'iife', target: 'es2020',
    charset: 'utf8', legalComments: 'none', logLevel: 'silent', plugins: [swap], inject: [path.join(www, APIS)],
    define: { 'window.YIBAO_NO_WASM': 'false' },
  });
  if (result.warnings.length) throw new Error(`${LEGACY_PAGE}: esbuild warns: ${result.warnings.map((w) => w.text).join('; ')}`);
  const text = result.outputFiles[0].text;
  if (DYNAMIC_IMPORT.test(text)) throw new Error(`${LEGACY_PAGE}: an import() is left (a classic script has none): teach scripts/legacy-page.mjs about it`);
  const inputs = Object.keys(result.metafile.inputs).filter((i) => !i.startsWith('legacy:')).map((input) => path.resolve(input));
  if (!inputs.some((i) => i.endsWith(`${path.sep}${ENGINE.legacy}`))) throw new Error(`${LEGACY_PAGE}: ${ENGINE.legacy} did not replace ${ENGINE.page}`);
  if (inputs.some((i) => i.endsWith(`${path.sep}core-wasm.js`))) throw new Error(`${LEGACY_PAGE}: still has core-wasm.js`);
  for (const abs of lazyEntries) {
    if (!inputs.includes(path.resolve(abs))) throw new Error(`${LEGACY_PAGE}: ${path.relative(www, abs)} is not in it (no import() of it was found in the page's modules)`);
  }
  for (const input of inputs) bundled.add(input);
  // In a function of its own, so that TypeScript's helpers (__awaiter, __read, …) are not globals.
  const es5 = `(function () {\n${lowerToEs5(text, LEGACY_PAGE)}\n})();\n`;
  checkEs5(es5, LEGACY_PAGE);
  const out = minifyOn ? minifyEs5(es5) : es5;
  checkEs5(out, LEGACY_PAGE);
  return Buffer.from(out, 'utf8');
}
