// The comparison, reproduction and share panels (panels.js), loaded on first use.

import { estimate } from './core.js';
import { $, toolMsg } from './dom.js';
import { dz, esc, isZero, signed, tbl, who, yuan } from './format.js';
import { clean, mapTo } from './scenario.js';
import { S, clone } from './state.js';
import { shareUrl } from './storage.js';

const PANELS_FAILED = '这部分内容加载失败,请检查网络后再点一次。';
// The comparison (比较), reproduction (复现) and share box live in panels.js, which is not part of the
// first load: it is imported the first time one of them opens, then called directly. It gets the
// page's state and helpers through init() rather than importing the page's modules: it is bundled
// on its own (scripts/assemble-dist.mjs), so an import would give it a second copy of the state.
let panels = null;
let panelsLoading = null;
let panelsFailed = 0;
export function withPanels(use) {
  if (panels) return use(panels);
  if (!panelsLoading) {
    // After a failed download, a new fragment: some engines remember a failed module URL for good.
    // A variable, not a template literal: the bundler would take a template for a glob of files.
    const url = panelsFailed ? `./panels.js#retry-${panelsFailed}` : './panels.js';
    panelsLoading = import(url).then((m) => {
      m.init({ S, $, esc, clean, clone, estimate, mapTo, who, dz, yuan, signed, isZero, tbl, shareUrl, toolMsg });
      panels = m;
    });
    panelsLoading.catch(() => {
      panelsFailed += 1;
      panelsLoading = null;
    });
  }
  panelsLoading.then(() => use(panels), (err) => {
    console.warn('could not load panels.js:', err);
    toolMsg(PANELS_FAILED);
  });
  return undefined;
}
export const renderCompare = () => withPanels((m) => m.renderCompare());
export const renderRepro = () => withPanels((m) => m.renderRepro());
export const renderShare = (step) => withPanels((m) => m.renderShare(step));
