// The parameters panel (规则的理解和参数): the reading of 「每多断保1年」 and every parameter of the city with
// its source and status; the unverified ones can be overridden.

import { errSlot, field, group, text } from './controls.js';
import { $ } from './dom.js';
import { esc, tag, yuan } from './format.js';
import { fid } from './scenario.js';
import { P, S, isObj } from './state.js';
import { helpReading } from './rule-words.js';
import { docLink } from './sources.js';
import { HELP } from './words.js';

// Parameters a policy may lack whose value the panel asks for (they change a headline figure); their
// names and kinds are the core's (policies().fillable).
export const EXTRA = ['cap.original'];
const KIND_HINT = {
  months: '填整数(月),0—24', count: '填整数,1—50', money: '填金额(元),最多两位小数',
  money_or_none: '填金额(元);不设上限填 none', rate: '填比例,例如 0.65 表示65%', month_day: '填月-日,例如 09-01',
};
// A parameter's value as a reader compares it with the quoted clause: an amount in yuan with
// separators (300000 → 300,000元), a rate as written with its percentage (0.2 → 0.2(20%): the form
// to type when changing it). `kind` is the core's (policies(): parameters, fillable).
export function paramValue(v, kind) {
  if (v === 'none') return '不设上限';
  if (kind === 'rate' && /^\d+(\.\d+)?$/.test(v)) return `${v}(${percent(v)}%)`;
  if ((kind === 'money' || kind === 'money_or_none') && /^\d+(\.\d+)?$/.test(v)) return yuan(v);
  return v;
}
// 0.075 → 7.5, 0.2 → 20, 1 → 100: the decimal point moved two places, in the text (no float rounding).
function percent(v) {
  const [whole, frac = ''] = v.split('.');
  const digits = `${whole}${frac.padEnd(2, '0')}`;
  const at = whole.length + 2;
  const head = digits.slice(0, at).replace(/^0+(?=\d)/, '');
  const tail = digits.slice(at).replace(/0+$/, '');
  return tail ? `${head}.${tail}` : head;
}
// The kind of the parameter `key` in the city `pol` ('' when the core gives none).
export const kindOf = (pol, key) => ((pol && (pol.parameters.find((x) => x.key === key) || pol.fillable.find((x) => x.key === key))) || {}).kind || '';

export function fillParams() {
  const body = $('params-body');
  const pol = P(S.scn.policy);
  if (body && pol && !body.firstChild) body.innerHTML = paramsBody(pol);
}
function paramsBody(pol) {
  const s = S.scn;
  const ov = isObj(s.overrides) ? s.overrides : {};
  const reading = s.reading || pol.default_reading;
  const readings = ['A', 'B'].map((r) => `<label class="radio"><input type="radio" name="reading" id="reading-${r}-opt" value="${r}"${reading === r ? ' checked' : ''}>` +
    `<span>读法${r}${r === pol.default_reading ? '(默认)' : ''}</span></label>`).join('');
  let h = group('reading', '「每多断保1年」按哪种理解算', `<div class="radios">${readings}</div>`, helpReading(pol, s.benefit_year));
  if (pol.subsidy_groups.length) {
    const price = s.repair_price || 'standard';
    const prices = [['standard', '按个人缴费标准(默认)'], ['own_share', '按本人负担的比例']].map(([v, label]) => `<label class="radio">` +
      `<input type="radio" name="repair_price" id="repair-price-${v}-opt" value="${v}"${price === v ? ' checked' : ''}><span>${label}</span></label>`).join('');
    h += group('repair_price', '医疗救助替您交费的,补缴断保年份时按哪种算', `<div class="radios">${prices}</div>`, HELP.repairPrice);
  }
  h += `<p class="hint">${esc(HELP.params)}</p>${errSlot('overrides')}<ul class="params">`;
  const list = pol.parameters.map((x) => x);
  for (const f of pol.fillable.filter((x) => EXTRA.includes(x.key))) {
    if (!list.some((x) => x.key === f.key)) list.push({ key: f.key, label: f.label, kind: f.kind, editable: true, status: 'missing' });
  }
  list.sort((a, b) => Number(b.editable) - Number(a.editable));
  let section = '';
  for (const x of list) {
    const path = `overrides.${x.key}`;
    const head = x.editable ? '可以修改的数值(待核实或资料中没有)' : '官方数值(不能修改)';
    if (head !== section) {
      section = head;
      h += `<li class="p-sec"><h3>${head}</h3></li>`;
    }
    h += `<li class="param" id="p-${fid(x.key)}"><p class="p-head"><b>${esc(x.label || x.key)}</b> ` +
      `${x.status === 'missing' ? `<span class="tag tag-unverified">资料中没有</span>` : tag(x.status)}</p>`;
    if (x.status !== 'missing') {
      h += `<p>资料中的数值:<b>${esc(paramValue(x.value, x.kind))}</b> <code>${esc(x.key)}</code></p>`;
      if (x.quote) h += `<blockquote>「${esc(x.quote)}」</blockquote>`;
      h += `<p class="doc">出处:${docLink(pol, x.document, x.quote)}${x.note ? `(${esc(x.note)})` : ''}</p>`;
    } else {
      h += `<p>${esc(pol.name)}的资料中没有这个数值,填上当地标准就能算出结果。<code>${esc(x.key)}</code></p>`;
    }
    if (x.editable) {
      h += field(path, `改为您核实过的数值`, text(path, 'ovr', ov[x.key], x.value ? ` placeholder="${esc(x.value)}"` : ''), '', esc(KIND_HINT[x.kind] || ''));
    } else {
      h += '<p class="hint">官方数值,不能修改。</p>';
    }
    h += '</li>';
  }
  return `${h}</ul>`;
}
