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

// A text fragment (#:~:text=…) that a browser scrolls to and highlights: the quote's first phrase
// (up to its first punctuation), or the whole of a short one. Chromium matches only whole words, so
// a phrase cut inside a Chinese word finds nothing; and the copies keep the line breaks of the pages
// they were taken from, one of them inside the last word of a quote (「…社保费功⏎⏎能」), so a
// fragment that names the quote's end can miss where its start would not. '-', ',' and '&' are the
// fragment's own syntax.
const part = (s) => encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
// (and '|', the cell border of a Markdown table the rule book is quoted from)
const PUNCT = /[,。;:、!?,;:()()“”「」|]/;
function fragment(quote) {
  const chars = [...String(quote || '').trim()];
  if (!chars.length) return '';
  const cut = chars.findIndex((c, i) => i > 0 && PUNCT.test(c));
  const whole = (chars.length <= 30 && !chars.includes('|')) || cut < 0;
  return `#:~:text=${part((whole ? chars : chars.slice(0, cut)).join('').trim())}`;
}

const byTitle = (pol, title) => ((pol && pol.sources) || []).find((src) => src.title === title && src.file);

// A document named by its title (a cited figure's `document`): a link to its copy when the city has
// one, at the quote when there is one; else the title alone.
export function docLink(pol, title, quote) {
  const src = byTitle(pol, title);
  if (!src) return esc(title);
  return `<a class="doc-link" href="${esc(sourceHref(src.file) + fragment(quote))}" target="_blank" rel="noopener">${esc(title)}</a>`;
}

// A city's own text (a note of 请注意) with each document file it names (「见 third-party-figures.md」)
// a link to that document.
export function withFileLinks(pol, text) {
  let h = esc(text);
  for (const src of (pol && pol.sources) || []) {
    if (!src.file) continue;
    const name = esc(src.file);
    h = h.split(name).join(`<a class="doc-link" href="${esc(sourceHref(src.file))}" target="_blank" rel="noopener">${name}</a>`);
  }
  return h;
}

let drawn = null; // the list as last drawn: the answer redraws on every change of input

export function renderSources() {
  const pol = (S.scn && P(S.scn.policy)) || defaultPolicy();
  const list = (pol && pol.sources) || [];
  const html = (pol ? `<li class="src-city">${esc(pol.name)}的测算依据(点标题看原文):</li>` : '') +
    list.map((src) => `<li>${src.file ? docLink(pol, src.title) : esc(src.title)}${src.published ? `(${esc(src.published)})` : ''}</li>`).join('');
  if (html === drawn) return;
  $('sources').innerHTML = html;
  drawn = html;
}
