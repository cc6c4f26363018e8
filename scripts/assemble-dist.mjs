#!/usr/bin/env node
// Assembles dist/ from www/ plus the wasm-bindgen output (pkg/):
// - the page's modules are bundled with esbuild (pinned in package.json): each ES module at the top
//   of www/ is an entry (app.js the page; details.js and panels.js, loaded after the answer or on
//   first use), bundled with what it imports from www/js/. A lazy entry takes the modules app.js
//   already holds from app.js at run time rather than a second copy (bundleAll says how): one
//   first-load script, one state. www/js/ itself is not shipped; a module there that no entry
//   imports fails the build. The wasm-bindgen glue (./yibao.js) and the lazy entries are imported at
//   run time by URL; those URLs are named only in app.js, so no file refers back to a file that
//   imports it (content-hashed names allow no cycle). Other JavaScript and CSS is minified with
//   esbuild's transform: the wasm-bindgen glue as an ES2020 module, boot.js as an ES5 script
//   (esbuild refuses to emit anything newer for target es5), the service worker as a script, CSS
//   as is; the pages lose the indentation between tags (whitespace runs with a newline become one
//   newline, which renders the same). Strings survive minification, so the references below are
//   found and rewritten in the minified text. --minify off bundles without minifying and copies
//   the other files as they are.
// - for engines that cannot run the wasm: app-legacy.js, the same page entry as one ES5 classic
//   script (scripts/legacy-page.mjs), and the fallback core from --fallback (yibao_fallback.js,
//   scripts/build-fallback.mjs). boot.js loads them, through old-engines.js, only where its
//   WebAssembly probe fails; the service worker does not precache them (see below);
// - the policies (--policies: build.rs's <id>.bin, which the wasm, built without the feature embed,
//   does not hold) go to policies/, each read through the core itself (load_policy in Node: a blob
//   the core refuses fails the build), with policies/index.json listing them in order (id, name,
//   order, baseline, file): the page's list of cities. The first city (the first by order) is the
//   one the page loads with the core: the token policies/DEFAULT.bin in the page's scripts becomes
//   its file, so that it is fetched alongside the wasm. The service worker precaches that one and
//   the list; another city is cached when it is first loaded (ON_DEMAND), so a phone never
//   downloads cities it does not look at, however many there are;
// - the documents the policies cite (--sources: policies/sources/) become pages of sources/, one each,
//   and docs/scenario.md (--docs, default docs/) a page of docs/ (scripts/source-pages.mjs), keeping
//   their names; the service worker does not precache them;
// - every file except the pages (index.html, accessibility.html, sources/) and the service worker gets a
//   content-hashed name (app.js -> app.3f9a1c2b.js, yibao_bg.wasm -> yibao_bg.<hash>.wasm);
// - references to those files inside text files (html, js, css, json, svg, ...) are rewritten;
//   a file is hashed after its own references are rewritten, so a change in the wasm changes
//   the name of the glue and of app.js too (WeChat caches aggressively);
// - the service worker (sw.js) gets the list of hashed files and pages of this build, and a version
//   derived from them, in place of its /*ASSETS*/[]/*END*/, /*PAGES*/[…]/*END*/ and '/*VERSION*/dev';
//   the files only old engines use go in /*ON_DEMAND*/[]/*END*/ instead of ASSETS, so that a phone
//   that runs the wasm never downloads them;
// - every text file (pages, scripts, styles, svg) and the wasm gets a .gz beside
//   it, made by zopfli (gzip format, about 5 % smaller than gzip -9), and a .br (brotli q11), for a
//   host that serves precompressed files (nginx: gzip_static on; brotli_static on). --gzcache DIR
//   keeps zopfli's output by content hash: it takes seconds, and most rebuilds change one file;
// - dist/asset-manifest.json lists every file with its raw size, the size of its .gz and .br, and
//   what gzip -9 would give (for a host that compresses on the fly).
// The output depends only on the input: running it twice gives byte-identical files.
//
// usage: node scripts/assemble-dist.mjs --www www --pkg target/www-build/pkg --out dist [--minify on|off]
//        [--gzcache target/www-build/gz] [--fallback target/www-build/fallback] [--policies target/www-build/policies]
//        --sources policies/sources [--docs docs]
//        [--gzip9-for REGEX]   (files whose dist path matches get gzip -9 instead of zopfli: for
//                               scripts/check-many-policies.mjs, whose 300 synthetic cities would
//                               take zopfli ten minutes)

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';
import { build, buildSync, transformSync } from 'esbuild';
import { LEGACY_PAGE, legacyBundle } from './legacy-page.mjs';
import { loadBlobs, readBlobs } from './policy-blobs.mjs';
import { DOCS_DIR, SOURCES_DIR, docPages, sourcePages } from './source-pages.mjs';

const UNHASHED = new Set(['index.html', 'accessibility.html', 'sw.js', 'service-worker.js']);
const SERVICE_WORKER = 'sw.js';
const TEXT_EXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.webmanifest', '.txt', '.xml']);
// Shipped precompressed (.gz and .br beside the file): every text type and the wasm. Anything else
// (an image format that is compressed already) is listed with what gzip -9 would give.
const COMPRESS_EXT = new Set([...TEXT_EXT, '.wasm', '.bin']);
const PKG_SKIP = /(^|\/)(\.gitignore|package\.json|README\.md)$|\.d\.ts$/;
const HASH_LEN = 8;
// Classic scripts (not modules): top-level names are globals, so esbuild must not rename them.
const SCRIPTS = { 'boot.js': 'es5', 'old-engines.js': 'es5', 'yibao_fallback.js': 'es5', [SERVICE_WORKER]: 'es2020' };
// The page's entry, which also gets a bundle for engines that cannot run the wasm.
const PAGE_ENTRY = 'app.js';
// The fallback core (scripts/build-fallback.mjs), taken from --fallback.
const FALLBACK_CORE = 'yibao_fallback.js';
// Downloaded only by engines that cannot run the wasm: the service worker caches them when they are
// asked for, and does not precache them.
const OLD_ENGINES_ONLY = new Set(['old-engines.js', LEGACY_PAGE, FALLBACK_CORE]);
// The page's modules, bundled into the entries that import them; never shipped on their own.
const MODULES_DIR = 'js';
// Imported at run time by URL, not bundled: the wasm-bindgen glue (with the #fragment the page adds
// for a fresh module instance) and the lazily loaded entries (added by bundleAll, with the #fragment
// for a retry).
const RUNTIME_IMPORTS = ['./yibao.js', './yibao.js#*'];
// The policies: their list, and the token the page's scripts name the first city by.
const POLICY_DIR = 'policies';
const POLICY_INDEX = `${POLICY_DIR}/index.json`;
const FIRST_POLICY_TOKEN = `${POLICY_DIR}/DEFAULT.bin`;

function args() {
  const out = { www: 'www', pkg: null, out: 'dist', minify: 'on', gzcache: null, fallback: null, policies: null, sources: null, docs: 'docs', 'gzip9-for': null };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in out) || argv[i + 1] === undefined) throw new Error(`bad argument: ${argv[i]}`);
    out[key] = argv[i + 1];
  }
  if (!out.pkg) throw new Error('--pkg is required');
  if (!out.policies) throw new Error('--policies is required (target/www-build/policies: scripts/build-www copies them there)');
  if (!out.sources) throw new Error('--sources is required (policies/sources: the documents the policies cite)');
  if (!['on', 'off'].includes(out.minify)) throw new Error(`--minify takes on or off, not ${out.minify}`);
  return out;
}

function walk(root, skip = () => false) {
  const files = [];
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const abs = path.join(dir, entry.name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (entry.isDirectory()) visit(abs);
      else if (entry.isFile() && !skip(rel)) files.push({ rel, abs });
    }
  };
  visit(root);
  return files;
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sha = (buf) => createHash('sha256').update(buf).digest('hex');

function hashedName(rel, content) {
  const ext = path.posix.extname(rel);
  return `${rel.slice(0, rel.length - ext.length)}.${sha(content).slice(0, HASH_LEN)}${ext}`;
}

// Spellings under which `from` (a dist path) can refer to `target`: relative, ./relative, /absolute.
function spellings(from, target) {
  const rel = path.posix.relative(path.posix.dirname(from), target);
  const list = [`/${target}`, rel];
  if (!rel.startsWith('../')) list.push(`./${rel}`);
  return list;
}

// A reference is a whole token: after a quote, bracket, '=' , ',' or whitespace, and before a
// quote, bracket, '?', '#', ',' or whitespace. So "sub/app.js" never matches "app.js".
function refPattern(spelling) {
  return new RegExp(`(?<=["'\`(\\s=,])${escapeRe(spelling)}(?=["'\`)?#,\\s])`, 'g');
}

function minifyHtml(html, rel) {
  // Only whitespace between lines goes: a run of whitespace that holds a newline renders as one
  // space, and so does the single newline left in its place. Preformatted text would change.
  if (/<(pre|textarea|script)\b[^>]*>[^<]/i.test(html)) throw new Error(`${rel}: has preformatted or inline content; teach minifyHtml about it`);
  return html.replace(/[ \t\r]*\n\s*/g, '\n');
}

// Minified text of one file, or the file unchanged when it is not JS, CSS or HTML.
function minify(rel, content) {
  const ext = path.posix.extname(rel);
  const text = content.toString('utf8');
  let out;
  if (ext === '.html') out = minifyHtml(text, rel);
  else if (ext === '.css') out = transformSync(text, { loader: 'css', minify: true, charset: 'utf8', sourcefile: rel }).code;
  else if (ext === '.js' || ext === '.mjs') {
    const base = path.posix.basename(rel);
    const script = SCRIPTS[base];
    out = transformSync(text, {
      loader: 'js', minify: true, charset: 'utf8', legalComments: 'none', sourcefile: rel,
      ...(script ? { target: script } : { format: 'esm', target: 'es2020' }),
    }).code;
  } else return content;
  return Buffer.from(out, 'utf8');
}

const buildOpts = (minifyOn) => ({
  bundle: true, write: false, metafile: true, format: 'esm', target: 'es2020', minify: minifyOn, charset: 'utf8',
  legalComments: 'none', logLevel: 'silent',
});
function checked(result, rel) {
  if (result.warnings.length) {
    throw new Error(`${rel}: esbuild warns: ${result.warnings.map((w) => `${w.text} (${w.location ? `${w.location.file}:${w.location.line}` : '?'})`).join('; ')}`);
  }
  const text = result.outputFiles[0].text;
  // A template literal in import() is a glob of files to bundle, resolved at run time ("Module not
  // found in bundle" for a URL such as `./yibao.js#restart-${n}`): the page names such URLs in a
  // variable instead.
  if (/Module not found in bundle/.test(text)) throw new Error(`${rel}: import() of a template literal`);
  return text;
}
const SHARED = 'YIBAO_SHARED';

// The page's bundles: app.js, and each lazily loaded entry (details.js, panels.js). A lazy entry
// gets the page's modules that app.js already holds from app.js itself, at run time (app.js puts
// what the lazy entries use in the array globalThis.YIBAO_SHARED as it starts; a lazy entry reads
// its places when it loads): one copy of the code on the phone and one state, in one first-load
// file, at the cost of one array (a few hundred bytes). A www/js module only lazy entries
// use is bundled into the one that uses it (two would mean two copies: the build refuses).
// Returns [{ rel, content }]; `bundled` collects the www/js files that went in.
async function bundleAll(entries, www, minifyOn, bundled) {
  const app = entries.find((e) => e.rel === PAGE_ENTRY);
  if (!app) throw new Error(`${www}/${PAGE_ENTRY} is missing`);
  const lazyUrls = entries.filter((e) => e !== app).flatMap((e) => [`./${e.rel}`, `./${e.rel}#*`]);
  const external = [...RUNTIME_IMPORTS, ...lazyUrls];
  const root = path.resolve(www);
  const keyOf = (abs) => path.relative(root, abs).split(path.sep).join('/');
  const inApp = new Set(Object.keys(buildSync({ ...buildOpts(minifyOn), entryPoints: [app.abs], external }).metafile.inputs).map((f) => path.resolve(f)));
  // Each module's export names, from esbuild's own reading of it.
  const exportsOf = (abs) => Object.values(buildSync({ ...buildOpts(false), bundle: false, entryPoints: [abs] }).metafile.outputs)[0].exports;

  // The names a file imports from each module (import { a, b as c } from './x.js'), by absolute path.
  const namedImports = (file) => {
    const found = [];
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import\s*\{([^}]*)\}\s*from\s*'([^']+)'/gm)) {
      const names = m[1].split(',').map((s) => s.trim().split(/\s+as\s+/)[0]).filter(Boolean);
      found.push([path.resolve(path.dirname(file), m[2]), names]);
    }
    if (/^import\s+(?!\{)/m.test(text.replace(/^import\s*\{[^}]*\}\s*from\s*'[^']+';?$/gm, ''))) {
      throw new Error(`${keyOf(file)}: only named imports (import { a } from './x.js') can be taken from the page`);
    }
    return found;
  };
  // A lazy entry's build; a module of the page becomes a read of globalThis.YIBAO_SHARED, an array
  // app.js fills: `slot` gives each [module, name] its place (null: every export, slot unknown yet).
  const lazyBuild = (entry, slot) => build({
    ...buildOpts(minifyOn), entryPoints: [entry.abs], external,
    plugins: [{
      name: 'modules-from-the-page',
      setup(b) {
        b.onResolve({ filter: /^\.\.?\// }, (args) => {
          const abs = path.resolve(args.resolveDir, args.path);
          if (!inApp.has(abs) || abs === path.resolve(entry.abs)) return undefined;
          return { path: abs, namespace: 'page' };
        });
        b.onLoad({ filter: /.*/, namespace: 'page' }, (args) => {
          const key = keyOf(args.path);
          const names = slot ? [...slot.keys()].filter((k) => k.startsWith(`${key} `)).map((k) => k.slice(key.length + 1)) : exportsOf(args.path);
          const reads = names.map((n) => `${n} = page[${slot ? slot.get(`${key} ${n}`) : 0}]`);
          return { contents: `const page = globalThis.${SHARED};\nexport const ${reads.join(', ')};`, loader: 'js' };
        });
      },
    }],
  });

  // Pass 1 (every name) finds the files bundled into each lazy entry; their import lines say which
  // names of the page's modules it uses. Pass 2 takes exactly those, from their places in the array.
  const lazy = entries.filter((e) => e !== app);
  const lazyOnly = new Map(); // abs -> the lazy entry that bundles it
  const wanted = new Set(); // "js/state.js S"
  for (const entry of lazy) {
    const first = await lazyBuild(entry, null);
    entry.own = Object.keys(first.metafile.inputs).filter((f) => !f.startsWith('page:')).map((f) => path.resolve(f));
    for (const file of entry.own) {
      if (file !== path.resolve(entry.abs) && lazyOnly.has(file)) {
        throw new Error(`${keyOf(file)} is bundled into both ${lazyOnly.get(file)} and ${entry.rel}; import it from the page (app.js) or from one of them`);
      }
      lazyOnly.set(file, entry.rel);
      bundled.add(file);
      for (const [target, names] of namedImports(file)) {
        if (inApp.has(target) && !entry.own.includes(target)) for (const n of names) wanted.add(`${keyOf(target)} ${n}`);
      }
    }
  }
  const slot = new Map([...wanted].sort().map((k, i) => [k, i]));
  const out = [];
  for (const entry of lazy) out.push({ rel: entry.rel, content: Buffer.from(checked(await lazyBuild(entry, slot), entry.rel), 'utf8') });

  // app.js, then the array of what the lazy entries take from it.
  const byModule = new Map();
  for (const [k, i] of slot) {
    const [key, name] = k.split(' ');
    if (!byModule.has(key)) byModule.set(key, []);
    byModule.get(key).push([name, `m${i}`]);
  }
  const imports = [...byModule].map(([key, pairs]) => `import { ${pairs.map(([name, local]) => `${name} as ${local}`).join(', ')} } from './${key}';`);
  const contents = `import './${PAGE_ENTRY}';\n${imports.join('\n')}\nglobalThis.${SHARED} = [${[...slot.values()].map((i) => `m${i}`).join(', ')}];\n`;
  const result = buildSync({
    ...buildOpts(minifyOn), external,
    stdin: { contents, resolveDir: root, sourcefile: `${PAGE_ENTRY} (with the modules lazy entries share)`, loader: 'js' },
  });
  for (const input of Object.keys(result.metafile.inputs)) if (!input.startsWith('<stdin>')) bundled.add(path.resolve(input));
  out.unshift({ rel: PAGE_ENTRY, content: Buffer.from(checked(result, PAGE_ENTRY), 'utf8') });
  return out;
}

const ZOPFLI = { numiterations: 15 };
const ZOPFLI_VERSION = JSON.parse(fs.readFileSync(new URL('../node_modules/@gfx/zopfli/package.json', import.meta.url), 'utf8')).version;

// zopfli's gzip of `content`, from the cache when this content was compressed before by this
// zopfli with these options (the key holds all three), and checked either way.
async function zopfli(content, cacheDir) {
  const key = sha(Buffer.concat([content, Buffer.from(`\0zopfli ${ZOPFLI_VERSION} ${JSON.stringify(ZOPFLI)}`)]));
  const cached = cacheDir && path.join(cacheDir, `${key}.gz`);
  const hit = cached && fs.existsSync(cached) ? fs.readFileSync(cached) : null;
  const gz = hit || Buffer.from(await gzipAsync(content, ZOPFLI));
  if (!zlib.gunzipSync(gz).equals(content)) throw new Error(`zopfli output${hit ? ` cached in ${cached}` : ''} does not decompress to its input`);
  if (hit) return hit;
  if (cached) {
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(`${cached}.tmp-${process.pid}`, gz);
    fs.renameSync(`${cached}.tmp-${process.pid}`, cached);
  }
  return gz;
}

const brotli = (content) =>
  zlib.brotliCompressSync(content, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  });

// Puts each policy blob of --policies under policies/, and policies/index.json listing them; returns
// the list, in the order the page shows it (order, then id). Each blob is read by the core itself.
async function addPolicies(opt, put) {
  const glue = await import(path.resolve(opt.pkg, 'yibao.js'));
  glue.initSync({ module: fs.readFileSync(path.resolve(opt.pkg, 'yibao_bg.wasm')) });
  const blobs = readBlobs(opt.policies);
  const cities = loadBlobs(glue, blobs).map(({ file, info }, i) => {
    if (file !== `${info.id}.bin`) throw new Error(`${opt.policies}/${file} holds the policy ${info.id}`);
    return { id: info.id, name: info.name, order: info.order, baseline: !!info.baseline, bytes: blobs[i].bytes, sources: info.sources };
  });
  cities.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
  for (const c of cities) put(`${POLICY_DIR}/${c.id}.bin`, path.relative(process.cwd(), path.join(opt.policies, `${c.id}.bin`)), 'build.rs', c.bytes);
  const list = cities.map(({ id, name, order, baseline }) => ({ id, name, order, baseline, file: `./${id}.bin` }));
  put(POLICY_INDEX, 'the policies, listed', 'assemble-dist', Buffer.from(JSON.stringify({ policies: list }), 'utf8'));
  return cities;
}

async function main() {
  const opt = args();
  const assets = new Map(); // dist path -> { source, content }
  // The service worker is minified after its placeholders (comments) are filled in, below.
  const shrink = (rel, content) => (opt.minify === 'on' && rel !== SERVICE_WORKER ? minify(rel, content) : content);
  const bundled = new Set();
  const isEntry = (rel) => /^[^/]+\.m?js$/.test(rel) && !(path.posix.basename(rel) in SCRIPTS);
  const put = (rel, source, origin, content) => {
    if (assets.has(rel)) throw new Error(`${rel} exists in both ${assets.get(rel).origin} and ${origin}`);
    assets.set(rel, { source, origin, content });
  };
  const add = (rel, abs, origin) => put(rel, path.relative(process.cwd(), abs), origin, shrink(rel, fs.readFileSync(abs)));
  const modules = [];
  const entries = [];
  for (const file of walk(opt.www)) {
    if (file.rel.startsWith(`${MODULES_DIR}/`)) modules.push(file);
    else if (isEntry(file.rel)) entries.push(file);
    else add(file.rel, file.abs, opt.www);
  }
  for (const b of await bundleAll(entries, opt.www, opt.minify === 'on', bundled)) {
    put(b.rel, path.relative(process.cwd(), path.join(opt.www, b.rel)), 'esbuild', b.content);
  }
  {
    const entry = path.join(opt.www, PAGE_ENTRY);
    const lazy = entries.filter((e) => e.rel !== PAGE_ENTRY).map((e) => e.abs);
    put(LEGACY_PAGE, `${path.relative(process.cwd(), entry)} (ES5)`, 'legacy-page', await legacyBundle(entry, lazy, opt.minify === 'on', bundled));
  }
  const orphans = modules.filter((m) => !bundled.has(path.resolve(m.abs))).map((m) => m.rel);
  if (orphans.length) throw new Error(`${orphans.join(', ')}: not imported by any page entry (${opt.www}/*.js); delete it or import it`);
  for (const { rel, abs } of walk(opt.pkg, (rel) => PKG_SKIP.test(rel))) add(rel, abs, 'wasm-bindgen');
  if (opt.fallback) add(FALLBACK_CORE, path.join(opt.fallback, FALLBACK_CORE), 'build-fallback');
  if (!assets.has('index.html')) throw new Error(`${opt.www}/index.html is missing`);
  const cities = await addPolicies(opt, put);
  // The documents the cities cite, a page each (scripts/source-pages.mjs), by the titles they give them.
  const cited = new Map();
  for (const src of cities.flatMap((c) => c.sources)) if (src.file) cited.set(src.file, [...(cited.get(src.file) || []), src.title]);
  for (const [rel, page] of sourcePages(opt.sources, cited)) put(rel, page.source, 'source-pages', page.content);
  for (const [rel, page] of docPages(opt.docs)) put(rel, page.source, 'source-pages', page.content);
  const firstCity = `${POLICY_DIR}/${cities[0].id}.bin`;
  const otherCities = new Set(cities.slice(1).map((c) => `${POLICY_DIR}/${c.id}.bin`));
  for (const [rel, asset] of assets) {
    if (!TEXT_EXT.has(path.posix.extname(rel))) continue;
    const text = asset.content.toString('utf8');
    if (text.includes(FIRST_POLICY_TOKEN)) asset.content = Buffer.from(text.split(FIRST_POLICY_TOKEN).join(firstCity), 'utf8');
  }
  for (const rel of [PAGE_ENTRY, LEGACY_PAGE]) {
    if (!assets.get(rel).content.toString('utf8').includes(firstCity)) throw new Error(`${rel} does not name ${FIRST_POLICY_TOKEN}: the first city would not come with the core`);
  }
  // Cached when first asked for, never precached: the old engines' files and every city but the first.
  const onDemand = (rel) => OLD_ENGINES_ONLY.has(rel) || otherCities.has(rel);

  const isText = (rel) => TEXT_EXT.has(path.posix.extname(rel));
  // The documents keep their names too: a link to one, in an article, stays good.
  const readable = (rel) => rel.startsWith(`${SOURCES_DIR}/`) || rel.startsWith(`${DOCS_DIR}/`);
  const hashed = (rel) => !UNHASHED.has(rel) && !readable(rel);

  // Which assets each text file refers to.
  const deps = new Map();
  for (const [rel, asset] of assets) {
    const found = new Set();
    if (isText(rel)) {
      const text = asset.content.toString('utf8');
      for (const target of assets.keys()) {
        if (target === rel || !hashed(target)) continue;
        if (spellings(rel, target).some((s) => refPattern(s).test(text))) found.add(target);
      }
    }
    deps.set(rel, found);
  }

  // Hash in dependency order: a file's name is computed after its references are rewritten.
  const finalName = new Map();
  const output = new Map(); // final dist path -> { source, content }
  const state = new Map();
  const emit = (rel, trail) => {
    if (state.get(rel) === 'done') return;
    if (state.get(rel) === 'active') throw new Error(`reference cycle: ${[...trail, rel].join(' -> ')}`);
    state.set(rel, 'active');
    for (const dep of deps.get(rel)) emit(dep, [...trail, rel]);
    let content = assets.get(rel).content;
    if (deps.get(rel).size > 0) {
      let text = content.toString('utf8');
      for (const dep of deps.get(rel)) {
        for (const spelling of spellings(rel, dep)) {
          const replacement = spelling.startsWith('/')
            ? `/${finalName.get(dep)}`
            : (spelling.startsWith('./') ? './' : '') + path.posix.relative(path.posix.dirname(rel), finalName.get(dep));
          text = text.replace(refPattern(spelling), replacement);
        }
      }
      content = Buffer.from(text, 'utf8');
    }
    const name = hashed(rel) ? hashedName(rel, content) : rel;
    finalName.set(rel, name);
    output.set(name, { source: rel, content });
    state.set(rel, 'done');
  };
  for (const rel of [...assets.keys()].sort()) emit(rel, []);

  // The service worker precaches exactly this build: every hashed file but those only old engines
  // use (cached on demand), and the pages.
  if (output.has(SERVICE_WORKER)) {
    const hashedFiles = [...finalName].filter(([rel]) => hashed(rel) && !onDemand(rel)).map(([, name]) => name).sort();
    const onDemandFiles = [...finalName].filter(([rel]) => onDemand(rel)).map(([, name]) => name).sort();
    // The documents are not precached: a page opened once is kept (navigations are cached).
    const pages = [...finalName.values()].filter((name) => !hashed(name) && name.endsWith('.html') && !readable(name)).sort();
    const version = sha(JSON.stringify([hashedFiles, onDemandFiles, pages.map((p) => sha(output.get(p).content))])).slice(0, 12);
    const sw = output.get(SERVICE_WORKER);
    const text = sw.content.toString('utf8');
    const filled = text
      .replace(/\/\*ASSETS\*\/[^]*?\/\*END\*\//, JSON.stringify(hashedFiles))
      .replace(/\/\*PAGES\*\/[^]*?\/\*END\*\//, JSON.stringify(pages))
      .replace(/\/\*ON_DEMAND\*\/[^]*?\/\*END\*\//, JSON.stringify(onDemandFiles))
      .replace("'/*VERSION*/dev'", `'${version}'`);
    if (filled === text || /\/\*(ASSETS|PAGES|ON_DEMAND|VERSION)\*\//.test(filled)) {
      throw new Error(`${SERVICE_WORKER}: the /*ASSETS*/, /*PAGES*/, /*ON_DEMAND*/ and /*VERSION*/ placeholders were not all found`);
    }
    const content = Buffer.from(filled, 'utf8');
    output.set(SERVICE_WORKER, { ...sw, content: opt.minify === 'on' ? minify(SERVICE_WORKER, content) : content });
  }

  // Write to a fresh directory, then swap it in, so dist/ is never half-written.
  const out = path.resolve(opt.out);
  const tmp = `${out}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const files = [];
  // The manifest marks what only engines that cannot run the wasm download.
  // which file is the city that comes with the core (scripts/check-budget counts it), and which
  // cities the service worker keeps only once they are loaded.
  const oldOnly = (source) => ({
    ...(OLD_ENGINES_ONLY.has(source) ? { old_engines_only: true } : {}),
    ...(source === firstCity ? { first_city: true } : {}),
    ...(otherCities.has(source) ? { on_demand: true } : {}),
  });
  for (const [name, { source, content }] of [...output].sort(([a], [b]) => a.localeCompare(b))) {
    const dest = path.join(tmp, ...name.split('/'));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, content);
    const gzip9 = zlib.gzipSync(content, { level: 9 }).length;
    if (COMPRESS_EXT.has(path.posix.extname(name))) {
      const gz = opt['gzip9-for'] && new RegExp(opt['gzip9-for']).test(name) ? zlib.gzipSync(content, { level: 9 }) : await zopfli(content, opt.gzcache);
      const br = brotli(content);
      fs.writeFileSync(`${dest}.gz`, gz);
      fs.writeFileSync(`${dest}.br`, br);
      files.push({ file: name, source, bytes: content.length, gzip: gz.length, brotli: br.length, gzip9, ...oldOnly(source) });
    } else {
      files.push({ file: name, source, bytes: content.length, gzip: gzip9, brotli: brotli(content).length, gzip9, ...oldOnly(source) });
    }
  }
  const total = (key) => files.reduce((sum, f) => sum + f[key], 0);
  const manifest = {
    entry: 'index.html',
    assets: Object.fromEntries([...finalName].sort(([a], [b]) => a.localeCompare(b))),
    files,
    total: { bytes: total('bytes'), gzip: total('gzip'), brotli: total('brotli'), gzip9: total('gzip9') },
  };
  fs.writeFileSync(path.join(tmp, 'asset-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(tmp, out);

  const unreferenced = [...assets.keys()].filter(
    (rel) => hashed(rel) && ![...deps.values()].some((set) => set.has(rel)),
  );
  for (const rel of unreferenced) console.warn(`warning: nothing refers to ${rel}; it is copied as ${finalName.get(rel)}`);

  const width = Math.max(...files.map((f) => f.file.length), 5);
  const row = (...cells) => `  ${cells[0].padEnd(width)}${cells.slice(1).map((c) => String(c).padStart(10)).join('')}`;
  console.log(row('file', 'bytes', 'gzip', 'brotli', 'gzip -9'));
  for (const f of files) console.log(row(f.file, f.bytes, f.gzip, f.brotli, f.gzip9));
  console.log(row('total', manifest.total.bytes, manifest.total.gzip, manifest.total.brotli, manifest.total.gzip9));
}

main().catch((err) => {
  console.error(`assemble-dist: ${err.message}`);
  process.exit(1);
});
