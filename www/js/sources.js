// 资料来源 at the foot of the page: the documents of the city on screen, the ones its figures
// cite. It listed every city loaded so far, so a Zhangjiakou answer opened with Yantai's documents
// (the city that comes with the core) before its own.

import { $ } from './dom.js';
import { esc } from './format.js';
import { P, S } from './state.js';
import { defaultPolicy } from './policies.js';

let drawn = null; // the list as last drawn: the answer redraws on every change of input

export function renderSources() {
  const pol = (S.scn && P(S.scn.policy)) || defaultPolicy();
  const list = (pol && pol.sources) || [];
  const html = (pol ? `<li class="src-city">${esc(pol.name)}的测算依据:</li>` : '') +
    list.map((src) => `<li>${esc(src.title)}${src.published ? `(${esc(src.published)})` : ''}</li>`).join('');
  if (html === drawn) return;
  $('sources').innerHTML = html;
  drawn = html;
}
