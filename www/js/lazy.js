// Code the answer does not need, loaded after it or on first use: details.js (the detailed result,
// 计算过程, the parameters panel's body) and panels.js (比较, 复现, 分享). Their URLs come from app.js
// (register), the only file that names them: content-hashed names allow no file to refer back to a
// file that imports it, and both import the page's shared modules (scripts/assemble-dist.mjs).

import { toolMsg } from './dom.js';
import { showErrors } from './errors.js';

const FAILED = '这部分内容加载失败,请检查网络后再点一次。';
const mods = {};

export function register(urls) {
  for (const [name, url] of Object.entries(urls)) mods[name] = { url, m: null, loading: null, failed: 0 };
}
// The module if it has arrived, else null.
export const loaded = (name) => (mods[name] && mods[name].m) || null;

// Calls use(module) now if it has arrived, else once it does; says so if it cannot be downloaded
// (the next call tries again).
export function withModule(name, use) {
  const mod = mods[name];
  if (!mod) return undefined;
  if (mod.m) return use(mod.m);
  if (!mod.loading) {
    // After a failed download, a new fragment: some engines remember a failed module URL for good.
    const url = mod.failed ? `${mod.url}#retry-${mod.failed}` : mod.url;
    mod.loading = import(url).then((m) => {
      mod.m = m;
    });
    mod.loading.catch(() => {
      mod.failed += 1;
      mod.loading = null;
    });
  }
  mod.loading.then(() => use(mod.m), (err) => {
    console.warn(`could not load ${mod.url}:`, err);
    toolMsg(FAILED);
  });
  return undefined;
}

export const renderCompare = () => withModule('panels', (m) => m.renderCompare());
export const renderRepro = () => withModule('panels', (m) => m.renderRepro());
export const renderShare = (step) => withModule('panels', (m) => m.renderShare(step));
export const showDetails = () => withModule('details', (m) => m.renderResults());
export const showTrace = () => withModule('details', (m) => m.renderTrace());
// The parameters panel's body, then the errors that belong in it.
export const showParams = () => withModule('details', (m) => {
  m.fillParams();
  showErrors();
});
