// Running the core on the current scenario and showing what it returned.

import { estimate } from './core.js';
import { showErrors } from './errors.js';
import { renderResults } from './results.js';
import { clean } from './scenario.js';
import { S } from './state.js';
import { save } from './storage.js';

let timer = 0;
export function schedule(delay) {
  clearTimeout(timer);
  timer = setTimeout(run, delay || 0);
}
export function run() {
  clearTimeout(timer);
  compute();
  showResults();
}
export function compute() {
  const scn = clean(S.scn);
  const out = estimate(scn);
  S.sent = scn;
  if (out && out.ok) {
    S.last = out.result;
    S.errors = [];
  } else {
    S.errors = out && Array.isArray(out.errors) ? out.errors : [{ path: '', message: '输入无效' }];
  }
}
export function showResults() {
  save();
  showErrors();
  renderResults();
}

