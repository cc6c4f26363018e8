// The documents a city's figures cite: 资料来源 at the foot of the page (the city on screen), and a
// link from wherever a document is named to its copy (dist/sources/, scripts/source-pages.mjs), so
// that a quote can be checked against the text it was taken from. It listed every city loaded so
// far, so a Zhangjiakou answer opened with Yantai's documents (the city that comes with the core).

import { $ } from './dom.js';
import { esc } from './format.js';
import { P, S } from './state.js';
import { defaultPolicy } from './policies.js';

// The page of a document file (the same rule as scripts/source-pages.mjs's pageOf).
export const sourceHref = (file) => `sources/${file.replace(/\.[^.]+$/, '')}.html`;

// A text fragment (#:~:text=…) that a browser scrolls to and highlights: the whole quote, which the
// build finds in its document (build.rs), so that a phrase other figures share (「居民住院起付线」 is
// on both cities' lines of the third-party account) does not land on the first of them; Chromium
// matches only whole words, and a quote is one. A quote of a Markdown table row gives its first
// cell (the copy shows cells, not the row's text). '-', ',' and '&' are the fragment's own syntax.
const part = (s) => encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
function fragment(quote) {
  const q = String(quote || '').trim();
  const text = q.includes('|') ? q.split('|').map((c) => c.trim()).find(Boolean) || '' : q;
  return text ? `#:~:text=${part(text)}` : '';
}

// A link to one of the documents' pages, opened beside the estimate (in WeChat, over it: back returns).
export const docAnchor = (href, text) => `<a class="doc-link" href="${esc(href)}" target="_blank" rel="noopener">${esc(text)}</a>`;

const byTitle = (pol, title) => ((pol && pol.sources) || []).find((src) => src.title === title && src.file);

// A document named by its title (a cited figure's `document`): a link to its copy when the city has
// one, at the quote when there is one; else the title alone.
export function docLink(pol, title, quote) {
  const src = byTitle(pol, title);
  return src ? docAnchor(sourceHref(src.file) + fragment(quote), title) : esc(title);
}

// A city's own text (a note of 请注意) with each document file it names (「见 third-party-figures.md」)
// a link to that document.
export function withFileLinks(pol, text) {
  let h = esc(text);
  for (const src of (pol && pol.sources) || []) {
    if (!src.file) continue;
    h = h.split(esc(src.file)).join(docAnchor(sourceHref(src.file), src.file));
  }
  return h;
}

let drawn = null; // the list as last drawn: the answer redraws on every change of input

export function renderSources() {
  const pol = (S.scn && P(S.scn.policy)) || defaultPolicy();
  const list = (pol && pol.sources) || [];
  const html = (pol ? `<li class="src-city">${esc(pol.name)}的测算依据(点标题看原文):</li>` : '') +
    list.map((src) => `<li>${src.file ? docAnchor(sourceHref(src.file), src.title) : esc(src.title)}${src.published ? `(${esc(src.published)})` : ''}</li>`).join('');
  if (html === drawn) return;
  $('sources').innerHTML = html;
  drawn = html;
}
