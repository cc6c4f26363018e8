// Running the core on the current scenario and showing what it returned.

import { renderAnswer } from './answer.js';
import { estimate } from './core.js';
import { showErrors } from './errors.js';
import { showDetails } from './lazy.js';
import { clean } from './scenario.js';
import { S } from './state.js';
import { afterPress } from './press.js';
import { save } from './storage.js';

let timer = 0;
export function schedule(delay) {
  clearTimeout(timer);
  // Typing's estimate, drawn after a press rather than during it (js/press.js).
  timer = setTimeout(() => afterPress(run), delay || 0);
}
export function run() {
  clearTimeout(timer);
  timer = 0;
  compute();
  showResults();
}
// Computes now if typing left a computation waiting, so that what is shown next (an error on
// leaving a field) is about what is in the field now, not what was there before the last keys.
export function flush() {
  if (timer) run();
}
export function compute() {
  const scn = clean(S.scn);
  const out = estimate(scn);
  S.sent = scn;
  if (out && out.ok) {
    S.last = out.result;
    S.errors = [];
  } else {
    // Never a result for other inputs than these: the page shows nothing rather than a mix.
    S.last = null;
    S.errors = out && Array.isArray(out.errors) ? out.errors : [{ path: '', message: '输入无效' }];
  }
}
export function showResults() {
  save();
  showErrors();
  renderAnswer();
  showDetails();
}

