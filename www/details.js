// 医保待遇测算 — what sits below the answer, loaded right after it (not part of the first load): the
// detailed result for each member, the household, the other reading and notes (js/results.js), the
// 计算过程 panel (js/trace.js) and the parameters panel's body (js/params.js). The page calls it
// through js/lazy.js.

export { renderResults } from './js/results.js';
export { renderTrace } from './js/trace.js';
export { fillParams } from './js/params.js';
