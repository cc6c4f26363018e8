#!/usr/bin/env node
// Times the fallback core (target/www-build/fallback/yibao_fallback.js, wasm2js) against the page's
// wasm (target/www-build/pkg) in Node, in one process, the two called in turn so that whatever else
// the machine does falls on both: estimate() on one person (tests/golden/zjk-relapse) and on the
// 4-member household (tests/golden/yantai-household), after warm-up; and the time to make a fallback
// instance (parse the script, set up its memory), which a page pays once and again after a trap.
// scripts/perf puts the result in docs/performance.md; alone it prints the same rows.
//   usage: node scripts/perf-fallback.mjs [calls per case, default 2000]
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { loadBlobs, readBlobs } from './policy-blobs.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BUILD = path.join(ROOT, 'target/www-build');

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const golden = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, `tests/golden/${name}.scenario.json`), 'utf8'));

export async function fallbackTimings(calls = 2000) {
  const wasm = await import(path.join(BUILD, 'pkg/yibao.js'));
  wasm.initSync({ module: fs.readFileSync(path.join(BUILD, 'pkg/yibao_bg.wasm')) });
  const blobs = readBlobs();
  loadBlobs(wasm, blobs);
  const source = fs.readFileSync(path.join(BUILD, 'fallback/yibao_fallback.js'), 'utf8');

  const instances = [];
  let js = null;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const context = vm.createContext({ TextDecoder, TextEncoder });
    vm.runInContext(source, context);
    js = context.yibaoFallbackCore();
    js.version();
    loadBlobs(js, blobs);
    instances.push(performance.now() - t0);
  }
  instances.sort((a, b) => a - b);

  const cases = [];
  for (const [label, scenario] of [['one person', golden('zjk-relapse')], ['4-member household', golden('yantai-household')]]) {
    for (let i = 0; i < 200; i++) {
      wasm.estimate(scenario);
      js.estimate(scenario);
    }
    const w = [];
    const f = [];
    for (let i = 0; i < calls; i++) {
      let t0 = performance.now();
      wasm.estimate(scenario);
      w.push(performance.now() - t0);
      t0 = performance.now();
      js.estimate(scenario);
      f.push(performance.now() - t0);
    }
    w.sort((a, b) => a - b);
    f.sort((a, b) => a - b);
    cases.push({ label, wasm: { p50: pct(w, 50), p95: pct(w, 95) }, fallback: { p50: pct(f, 50), p95: pct(f, 95) } });
  }
  return { calls, node: process.version, cases, instance: { p50: pct(instances, 50), max: instances[instances.length - 1] } };
}

export function fallbackRows(t) {
  const ms = (n) => `${n.toFixed(3)} ms`;
  const rows = [];
  for (const c of t.cases) {
    rows.push([`Node ${t.node}: estimate(), ${c.label}, wasm, ${t.calls} calls`, `p50 ${ms(c.wasm.p50)} · p95 ${ms(c.wasm.p95)}`]);
    rows.push([`Node ${t.node}: estimate(), ${c.label}, fallback (wasm2js)`,
      `p50 ${ms(c.fallback.p50)} · p95 ${ms(c.fallback.p95)} (${(c.fallback.p50 / c.wasm.p50).toFixed(1)}× the wasm at p50)`]);
  }
  rows.push([`Node ${t.node}: a new fallback instance (script evaluated, memory set up, version(), every policy loaded), median of 20`,
    `${ms(t.instance.p50)} (max ${ms(t.instance.max)})`]);
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const t = await fallbackTimings(Math.max(100, Number(process.argv[2] || 2000)));
  for (const [what, value] of fallbackRows(t)) console.log(`| ${what} | ${value} |`);
}
