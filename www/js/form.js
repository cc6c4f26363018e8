// The form: city, year, each member (category, history, payment, repair, spending) and the parameters panel.

import { check, dateInput, details, errSlot, field, group, money, months, select, text } from './controls.js';
import { $ } from './dom.js';
import { showErrors } from './errors.js';
import { esc, paramValue, tag, who, yuan } from './format.js';
import { EXTRA, SPEND, fid } from './scenario.js';
import { FIRST_YEAR, P, S, has, isObj } from './state.js';
import { CHRONIC, HELP, KIND_HINT, LEVEL, ROLE, SPECIAL } from './words.js';

export function renderForm() {
  const s = S.scn;
  const pol = P(s.policy);
  const focus = document.activeElement && document.activeElement.id;
  const cities = S.pols.map((p) => `<label class="radio"><input type="radio" name="policy" value="${esc(p.id)}"${p === pol ? ' checked' : ''}><span>${esc(p.name)}</span></label>`);
  let h = group('policy', '参保地(城市)', `<div class="radios">${cities.join('')}</div>` +
    (S.mapNotes.length ? `<ul class="notes">${S.mapNotes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''), HELP.policy);
  if (!pol) {
    h += `<p class="status status-error">链接里的地区「${esc(s.policy)}」本页不认识,请在上面重新选择。</p>`;
    $('form').innerHTML = h;
    return;
  }
  const years = [];
  for (let y = FIRST_YEAR; y <= pol.last_year; y++) years.push([y, `${y}年`]);
  h += field('benefit_year', '想知道哪一年的待遇', select('benefit_year', 'year', years, s.benefit_year, ' data-rebuild'), HELP.year);
  const members = Array.isArray(s.members) ? s.members : [];
  h += `<div class="members" id="${fid('members')}">${members.map((m, i) => memberForm(isObj(m) ? m : {}, i, pol, members.length)).join('')}${errSlot('members')}</div>`;
  h += `<div class="add" role="group" aria-label="添加家庭成员"><p>还要算家里其他人吗?</p>` +
    ['spouse', 'child', 'parent', 'other'].map((r) => `<button type="button" class="btn" id="add-${r}" data-act="add" data-role="${r}">+ ${ROLE[r]}</button>`).join('') + '</div>';
  h += paramsPanel(pol);
  $('form').innerHTML = h;
  if (focus && $(focus)) $(focus).focus();
  showErrors();
}

function memberForm(m, i, pol, count) {
  const p = `members[${i}]`;
  const cat = pol.categories.find((c) => c.key === m.category);
  const kind = cat ? cat.kind : '';
  const minor = typeof m.minor === 'boolean' ? m.minor : !!(cat && cat.minor_by_default);
  let h = `<fieldset class="member card" id="${fid(p)}"><legend><span id="lg-${i}">${esc(who(m, i))}</span></legend>`;
  if (count > 1) h += `<button type="button" class="btn-link rm" id="rm-${i}" data-act="rm" data-i="${i}">删除这位</button>`;
  h += errSlot(p);
  h += field(`${p}.name`, '称呼(可不填)', text(`${p}.name`, 'name', m.name, ` data-i="${i}" placeholder="${esc(ROLE[m.role] || '')}"`), HELP.name);
  h += field(`${p}.role`, '和您的关系', select(`${p}.role`, 'sel', Object.entries(ROLE), m.role || 'self', ' data-rebuild'), HELP.role);
  const cats = pol.categories.map((c) => [c.key, c.label]);
  if (!cat) cats.unshift([m.category == null ? '' : m.category, '请选择']);
  h += field(`${p}.category`, '属于哪一类人员', select(`${p}.category`, 'cat', cats, m.category, ' data-rebuild'), HELP.category,
    cat ? esc(cat.help) + (cat.help.includes('元') ? '' : `(个人缴费${esc(yuan(cat.premium))})`) : '');
  if (pol.subsidy_groups.length) {
    const groups = [['', '不属于']].concat(pol.subsidy_groups.map((g) => [g.key, g.label]));
    h += field(`${p}.subsidy_group`, '是否属于参保资助人群', select(`${p}.subsidy_group`, 'opt', groups, m.subsidy_group || ''), HELP.subsidy);
  }
  if (kind === 'newborn' || m.birth_date !== undefined) {
    h += field(`${p}.birth_date`, '出生日期', dateInput(`${p}.birth_date`, 'opt', m.birth_date), HELP.birth);
  }
  if (has(pol, 'health_plan') || has(pol, 'special_children')) {
    h += check(`${p}.minor`, 'minor', '未满18周岁', minor, HELP.minor, true);
  }
  if (has(pol, 'health_plan')) {
    const price = pol.parameters.find((x) => x.key === 'contribution.health_plan');
    h += check(`${p}.health_plan`, 'flag', `参加补充保险${price ? `(每人${price.value}元)` : ''}`, m.health_plan === true, HELP.health_plan);
  }
  if (Array.isArray(m.history) && m.history.length) h += historyForm(m, i);
  else if (kind !== 'newborn' && S.scn.benefit_year === FIRST_YEAR) h += '<p class="hint">2025年是新办法的第一年,不用填往年参保情况。</p>';
  h += field(`${p}.payment_date`, '哪天交费', dateInput(`${p}.payment_date`, 'date', m.payment_date), HELP.payment);
  const lapsed = Array.isArray(m.history) && m.history.some((r) => isObj(r) && r.enrolled === false);
  if (lapsed || m.repair_years !== undefined) {
    h += field(`${p}.repair_years`, '补缴几年断保(不补填0)', text(`${p}.repair_years`, 'int', m.repair_years === undefined ? '' : m.repair_years, ' placeholder="0"'), HELP.repair);
  }
  if (SPEND.some(([, f]) => has(pol, f))) h += spendingForm(m, i, pol, minor);
  else if (i === 0) h += `<p class="hint">${esc(pol.name)}没有当地的报销标准,本页不估算看病能报多少,只算等待期、大病保险限额和缴费。</p>`;
  return `${h}</fieldset>`;
}

function historyForm(m, i) {
  const p = `members[${i}].history`;
  const chips = m.history.map((r, k) => {
    const on = isObj(r) && r.enrolled !== false;
    return `<button type="button" class="chip${on ? '' : ' off'}" id="yc-${i}-${k}" data-act="year" data-i="${i}" data-k="${k}" aria-pressed="${on}">` +
      `<span>${FIRST_YEAR + k}年</span><b>${on ? '✓ 参保' : '✗ 断保'}</b>${on && r.zero_claim ? '<small>零报销</small>' : on && r.used_bonus ? '<small>用了奖励</small>' : ''}</button>`;
  });
  let h = group(p, `往年参保情况(${FIRST_YEAR}年起)`, `<div class="chips">${chips.join('')}</div>`, HELP.history);
  const rows = m.history.map((r, k) => {
    if (!isObj(r) || r.enrolled === false) return '';
    const v = r.used_bonus ? 'bonus' : r.zero_claim ? 'zero' : '';
    return field(`${p}[${k}]`, `${FIRST_YEAR + k}年报销情况`, select(`${p}[${k}]`, 'claim',
      [['', '有报销,或不清楚'], ['zero', '零报销(全年医保没报过)'], ['bonus', '大病报销用到了奖励额度']], v));
  }).join('');
  if (rows) h += details(`claims${i}`, '往年报销情况(影响大病保险限额,可不填)', `<p class="hint">${esc(HELP.claims)}</p>${rows}`);
  return h;
}
function spendingForm(m, i, pol, minor) {
  const p = `members[${i}].spending`;
  const sp = isObj(m.spending) ? m.spending : {};
  let h = `<p class="hint">${esc(HELP.spending)}</p>`;
  if (has(pol, 'outpatient')) h += field(`${p}.outpatient`, '普通门诊,全年大约', money(`${p}.outpatient`, sp.outpatient), HELP.outpatient);
  if (has(pol, 'chronic')) {
    const c = isObj(sp.chronic) ? sp.chronic : null;
    h += field(`${p}.chronic.condition`, '高血压、糖尿病用药', select(`${p}.chronic.condition`, 'chronic',
      [['', '没有']].concat(Object.entries(CHRONIC)), c ? c.condition : '', ' data-rebuild'), HELP.chronic);
    if (c) h += field(`${p}.chronic.drugs`, '两病门诊用药,全年大约', money(`${p}.chronic.drugs`, c.drugs), HELP.drugs);
  }
  if (has(pol, 'inpatient')) {
    const stays = Array.isArray(sp.stays) ? sp.stays : [];
    h += stays.map((st, j) => stayForm(isObj(st) ? st : {}, `${p}.stays[${j}]`, i, j)).join('');
    h += `<div class="field"><button type="button" class="btn" id="addstay-${i}" data-act="addstay" data-i="${i}">+ 添加一次住院</button>${errSlot(`${p}.stays`)}</div>`;
  }
  if (has(pol, 'maternity')) {
    const b = isObj(sp.childbirth) ? sp.childbirth : null;
    h += check(`${p}.childbirth`, 'birth', '今年会生孩子', !!b, HELP.birthing, true);
    if (b) {
      h += field(`${p}.childbirth.child_order`, '这是第几个孩子', text(`${p}.childbirth.child_order`, 'int', b.child_order), HELP.childOrder);
      h += field(`${p}.childbirth.month`, '哪个月生', select(`${p}.childbirth.month`, 'num', months(), b.month), HELP.birthMonth);
    }
  }
  if (has(pol, 'special_children') && (minor || sp.special_rehab)) {
    const r = isObj(sp.special_rehab) ? sp.special_rehab : null;
    h += field(`${p}.special_rehab.condition`, '儿童特定疾病康复', select(`${p}.special_rehab.condition`, 'rehab',
      [['', '没有']].concat(Object.entries(SPECIAL)), r ? r.condition : '', ' data-rebuild'), HELP.rehab);
    if (r) h += field(`${p}.special_rehab.amount`, '康复费用,全年大约', money(`${p}.special_rehab.amount`, r.amount), HELP.rehabAmount);
  }
  const any = Object.keys(sp).length > 0;
  return details(`spend${i}`, '预计看病花费(可不填,用来估算能报多少)', h, any);
}

function stayForm(st, p, i, j) {
  let h = `<fieldset class="stay" id="${fid(p)}"><legend>第${j + 1}次住院</legend>`;
  h += `<button type="button" class="btn-link rm" id="rmstay-${i}-${j}" data-act="rmstay" data-i="${i}" data-j="${j}">删除这次住院</button>`;
  h += field(`${p}.level`, '医院级别', select(`${p}.level`, 'sel', Object.entries(LEVEL), st.level || 'secondary'), HELP.stay);
  const month = st.month !== undefined ? st.month : st.date ? Number(String(st.date).slice(5, 7)) : 1;
  h += field(`${p}.month`, '哪个月', select(`${p}.month`, 'smonth', months(), month), HELP.stayMonth);
  h += field(`${p}.date`, '具体日期(知道就填,更准)', dateInput(`${p}.date`, 'sdate', st.date), HELP.stayDate);
  h += field(`${p}.amount`, '住院花费', money(`${p}.amount`, st.amount), HELP.stayAmount);
  return `${h}${errSlot(p)}</fieldset>`;
}

// The panel's body (about 600 elements for a city's 47 parameters, more than the rest of the form)
// is built only while the panel is open, or when an error must be shown in it: a closed panel
// costs nothing to build, lay out or style.
function paramsPanel(pol) {
  const open = S.open.has('params');
  return `<details class="panel" id="params" data-open-key="params"${open ? ' open' : ''}>` +
    `<summary>规则的理解和参数(待核实的数值可以改)</summary><div id="params-body">${open ? paramsBody(pol) : ''}</div></details>`;
}
export function fillParams() {
  const body = $('params-body');
  const pol = P(S.scn.policy);
  if (body && pol && !body.firstChild) body.innerHTML = paramsBody(pol);
}
function paramsBody(pol) {
  const s = S.scn;
  const ov = isObj(s.overrides) ? s.overrides : {};
  const reading = s.reading || pol.default_reading;
  const readings = ['A', 'B'].map((r) => `<label class="radio"><input type="radio" name="reading" value="${r}"${reading === r ? ' checked' : ''}>` +
    `<span>读法${r}${r === pol.default_reading ? '(默认)' : ''}</span></label>`).join('');
  let h = group('reading', '「每多断保1年」按哪种理解算', `<div class="radios">${readings}</div>`, HELP.reading);
  h += `<p class="hint">${esc(HELP.params)}</p>${errSlot('overrides')}<ul class="params">`;
  const list = pol.parameters.map((x) => x);
  for (const [key, [label, kind]] of Object.entries(EXTRA)) {
    if (!list.some((x) => x.key === key)) list.push({ key, label, kind, editable: true, status: 'missing' });
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
      h += `<p>资料中的数值:<b>${esc(paramValue(x.key, x.value))}</b> <code>${esc(x.key)}</code></p>`;
      if (x.quote) h += `<blockquote>「${esc(x.quote)}」</blockquote>`;
      h += `<p class="doc">出处:${esc(x.document)}${x.note ? `(${esc(x.note)})` : ''}</p>`;
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
