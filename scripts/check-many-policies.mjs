#!/usr/bin/env node
// The first load does not grow with the number of policies (issue 11). Builds the page again with 300
// synthetic policies added — copies of the first shipped city under new ids, names and places in the
// list, written to a temporary directory (target/tmp/, never policies/) and given to build.rs through
// YIBAO_POLICY_DIR — and checks against dist/ (the shipped build, from scripts/build-www):
//   - the cargo wasm is byte-identical (it holds no policy: the page's wasm is built without `embed`);
//   - the first load of both paths (perf-budget.json first_load, fallback_load) is within 1 KB;
//   - the synthetic cities are all in the list of cities and on demand in the service worker
//     (cached when first loaded, never precached).
// Prints the figures (docs/performance.md quotes them) and the time each build step took. The
// synthetic cities' .gz are gzip -9, not zopfli (which would take ten minutes for them): they are in
// no first load, and their sum is reported as gzip -9.
//   usage: node scripts/check-many-policies.mjs [count, default 300]   (after scripts/build-www)
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const COUNT = Number(process.argv[2] || 300);
const SLACK = 1024;
const WASM = path.join(ROOT, 'target/wasm32-unknown-unknown/wasm/yibao.wasm');
const budget = JSON.parse(fs.readFileSync(path.join(ROOT, 'perf-budget.json'), 'utf8'));
const sha = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const fail = (msg) => {
  console.error(`check-many-policies: ${msg}`);
  process.exit(1);
};

// What a build ships: the .gz and .br sums of a load list, the list of cities, the service worker's lists.
function measure(dist) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'asset-manifest.json'), 'utf8'));
  const find = (source) => manifest.files.find((f) => (source === 'policies/DEFAULT.bin' ? f.first_city : f.source === source));
  const load = (key) => budget[key].reduce((sum, source) => {
    const f = find(source);
    if (!f) fail(`${source} is not in ${dist}/asset-manifest.json`);
    return { gzip: sum.gzip + f.gzip, brotli: sum.brotli + f.brotli };
  }, { gzip: 0, brotli: 0 });
  const index = find('policies/index.json');
  const cities = JSON.parse(fs.readFileSync(path.join(dist, index.file), 'utf8')).policies;
  const sw = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
  const blobs = manifest.files.filter((f) => /^policies\/.+\.bin$/.test(f.file));
  return { first: load('first_load'), fallback: load('fallback_load'), index, cities, sw, blobs };
}

const shipped = path.join(ROOT, 'dist');
if (!fs.existsSync(path.join(shipped, 'asset-manifest.json'))) fail('no dist/: run scripts/build-www first');
const before = measure(shipped);
const wasmBefore = sha(WASM);

// The synthetic policies: the first city's file under new ids, names and orders.
const tmp = fs.mkdtempSync(path.join(ROOT, 'target/tmp-many-policies-'));
try {
  const dir = path.join(tmp, 'policies');
  fs.cpSync(path.join(ROOT, 'policies'), dir, { recursive: true });
  const model = before.cities[0];
  const text = fs.readFileSync(path.join(dir, `${model.id}.toml`), 'utf8');
  const year = model.id.split('-').pop();
  const set = (t, key, value) => {
    const re = new RegExp(`^${key} = .*$`, 'm');
    if (!re.test(t)) fail(`${model.id}.toml has no top-level ${key}`);
    return t.replace(re, `${key} = ${JSON.stringify(value)}`.replace(/^order = "(\d+)"$/, 'order = $1'));
  };
  for (let i = 1; i <= COUNT; i++) {
    const id = `synthetic${String(i).padStart(3, '0')}-${year}`;
    let t = set(text, 'id', id);
    t = set(t, 'name', `合成市${String(i).padStart(3, '0')}`);
    t = set(t, 'order', String(1000 + i));
    fs.writeFileSync(path.join(dir, `${id}.toml`), t);
  }

  // build.rs over them, for the page's target, as scripts/build-www builds it.
  let t0 = performance.now();
  const cargo = spawnSync('cargo', ['build', '--profile', 'wasm', '--target', 'wasm32-unknown-unknown', '--lib', '--no-default-features',
    '--message-format=json-render-diagnostics'], { cwd: ROOT, env: { ...process.env, YIBAO_POLICY_DIR: dir }, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] });
  if (cargo.status !== 0) fail('cargo build failed with the synthetic policies');
  const cargoSeconds = (performance.now() - t0) / 1000;
  const outDir = cargo.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))
    .filter((m) => m.reason === 'build-script-executed' && /(^|#)yibao[@ ]/.test(m.package_id)).map((m) => m.out_dir).pop();
  if (!outDir) fail('cargo did not say where build.rs wrote the policies');
  const blobDir = path.join(outDir, 'policies');
  const made = fs.readdirSync(blobDir).filter((f) => f.endsWith('.bin')).length;
  if (made !== before.cities.length + COUNT) fail(`build.rs wrote ${made} policies, not ${before.cities.length + COUNT}`);
  if (sha(WASM) !== wasmBefore) fail('the cargo wasm changed with the number of policies: it must hold none');

  t0 = performance.now();
  const build = path.join(ROOT, 'target/www-build');
  const many = path.join(tmp, 'dist');
  execFileSync('node', ['scripts/assemble-dist.mjs', '--www', 'www', '--pkg', path.join(build, 'pkg'), '--fallback', path.join(build, 'fallback'),
    '--policies', blobDir, '--sources', path.join(dir, 'sources'), '--out', many, '--gzcache', path.join(build, 'gz'), '--gzip9-for', '^policies/synthetic'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const assembleSeconds = (performance.now() - t0) / 1000;
  const after = measure(many);

  if (after.cities.length !== before.cities.length + COUNT) fail(`the list has ${after.cities.length} cities`);
  const precached = after.sw.match(/ASSETS\s*=\s*(\[[^\]]*\])/);
  const onDemand = after.blobs.filter((b) => !b.first_city).filter((b) => !after.sw.includes(`"${b.file}"`) || (precached && precached[1].includes(b.file)));
  if (onDemand.length) fail(`${onDemand.length} cities are precached or unknown to the service worker (${onDemand[0].file})`);

  const row = (label, a, b) => console.log(`| ${label} | ${a.toLocaleString('en')} | ${b.toLocaleString('en')} | ${(b - a >= 0 ? '+' : '') + (b - a).toLocaleString('en')} |`);
  console.log(`| ${before.cities.length} policies → ${after.cities.length} | shipped | with ${COUNT} synthetic | change |`);
  console.log('|---|---|---|---|');
  row('first load, wasm path, .gz', before.first.gzip, after.first.gzip);
  row('first load, wasm path, .br', before.first.brotli, after.first.brotli);
  row('first load, fallback path, .gz', before.fallback.gzip, after.fallback.gzip);
  row('first load, fallback path, .br', before.fallback.brotli, after.fallback.brotli);
  row('list of cities (policies/index.json), .gz', before.index.gzip, after.index.gzip);
  row('list of cities, .br', before.index.brotli, after.index.brotli);
  row('every city\'s data, .gz (downloaded only as chosen; the synthetic ones gzip -9)', before.blobs.reduce((s, b) => s + b.gzip, 0), after.blobs.reduce((s, b) => s + b.gzip, 0));
  console.log(`build with ${COUNT} synthetic policies: cargo (build.rs checks and writes ${made}) ${cargoSeconds.toFixed(1)} s, assemble-dist ${assembleSeconds.toFixed(1)} s; the cargo wasm byte-identical`);
  for (const [key, a, b] of [['first load', before.first, after.first], ['fallback first load', before.fallback, after.fallback]]) {
    if (Math.abs(b.gzip - a.gzip) > SLACK || Math.abs(b.brotli - a.brotli) > SLACK) fail(`the ${key} changed by more than ${SLACK} bytes with ${COUNT} more policies`);
  }
  console.log(`check-many-policies: the first load stays within ${SLACK} bytes with ${COUNT} more policies`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
