// Form controls as HTML strings: a labelled field with its help and error slot, selects, text, dates.

import { esc } from './format.js';
import { fid } from './scenario.js';
import { S } from './state.js';

function helpBtn(id, label) {
  const open = S.helpOpen.has(id);
  return `<button type="button" class="ib" data-act="help" aria-expanded="${open}" aria-controls="${id}">` +
    `<span aria-hidden="true">ⓘ</span><span class="sr-only">说明:${esc(label)}</span></button>`;
}
function helpText(id, text) {
  return `<p class="help" id="${id}"${S.helpOpen.has(id) ? '' : ' hidden'}>${text}</p>`;
}
export const errSlot = (path) => `<p class="err" id="e-${fid(path)}" hidden></p>`;
export function field(path, label, control, help, hint) {
  const id = fid(path);
  return `<div class="field"><div class="lab"><label for="${id}">${esc(label)}</label>${help ? helpBtn(`h-${id}`, label) : ''}</div>` +
    `${help ? helpText(`h-${id}`, esc(help)) : ''}${control}${hint ? `<p class="hint">${hint}</p>` : ''}${errSlot(path)}</div>`;
}
export function group(path, legend, body, help) {
  const id = fid(path);
  return `<fieldset class="field group" id="${id}"><legend>${esc(legend)}</legend>${help ? helpBtn(`h-${id}`, legend) + helpText(`h-${id}`, esc(help)) : ''}` +
    `${body}${errSlot(path)}</fieldset>`;
}
function attrs(path, kind, extra) {
  return `id="${fid(path)}" data-path="${esc(path)}" data-kind="${kind}"${extra || ''}`;
}
export function select(path, kind, options, value, extra) {
  const opts = options.map(([v, t]) => `<option value="${esc(v)}"${String(v) === String(value == null ? '' : value) ? ' selected' : ''}>${esc(t)}</option>`);
  return `<select ${attrs(path, kind, extra)}>${opts.join('')}</select>`;
}
export function text(path, kind, value, extra) {
  const mode = kind === 'amt' || kind === 'ovr' ? 'decimal' : kind === 'int' ? 'numeric' : 'text';
  return `<input type="text" inputmode="${mode}" autocomplete="off" ${attrs(path, kind, extra)} value="${esc(value == null ? '' : value)}">`;
}
export const money = (path, value) => `<div class="unit">${text(path, 'amt', value)}<span aria-hidden="true">元</span></div>`;
export function dateInput(path, kind, value) {
  return `<input type="date" ${attrs(path, kind)} value="${esc(value == null ? '' : value)}">`;
}
export function check(path, kind, label, checked, help, rebuild) {
  const id = fid(path);
  return `<div class="field"><div class="check"><input type="checkbox" ${attrs(path, kind, rebuild ? ' data-rebuild' : '')}${checked ? ' checked' : ''}>` +
    `<label for="${id}">${esc(label)}</label>${help ? helpBtn(`h-${id}`, label) : ''}</div>${help ? helpText(`h-${id}`, esc(help)) : ''}${errSlot(path)}</div>`;
}
export const months = () => Array.from({ length: 12 }, (_, k) => [k + 1, `${k + 1}月`]);

export function details(key, summary, body, defOpen) {
  const open = S.open.has(key) || (defOpen && !S.open.has(`-${key}`));
  return `<details class="sub" data-open-key="${key}"${open ? ' open' : ''}><summary>${esc(summary)}</summary>${body}</details>`;
}
