// The form: where (city), who, which year, the years before, when they pay, what they expect to spend.
// Each part is written once and shown two ways: one part per screen on the guided path (js/guide.js),
// or all of them on one page once the answer is shown (每位成员一张卡片).

import { check, dateInput, details, errSlot, field, group, money, months, select, text } from './controls.js';
import { $ } from './dom.js';
import { showErrors } from './errors.js';
import { dz, esc, who, whoHtml, yuan } from './format.js';
import { guideStep } from './guide.js';
import { showParams } from './lazy.js';
import { SPEND, fid } from './scenario.js';
import { FIRST_YEAR, P, S, has, isObj } from './state.js';
import { glossaryHtml, helpPolicy, helpRepair, windowGuess } from './rule-words.js';
import { CHRONIC, HELP, LEVEL, ROLE, SPECIAL } from './words.js';

export function renderForm() {
  const s = S.scn;
  const pol = P(s.policy);
  const focus = document.activeElement && document.activeElement.id;
  let h;
  if (!pol) {
    h = cityPart(null) + `<p class="status status-error">链接里的地区「${esc(s.policy)}」本页不认识,请在上面重新选择。</p>`;
  } else if (S.view === 'guide') {
    h = guideStep(pol);
  } else {
    h = cityPart(pol) + yearPart(pol) + membersPart(pol, (m, i, count) => memberCard(m, i, pol, count)) + addPart() + paramsPanel();
  }
  $('form').innerHTML = h;
  $('glossary-words').innerHTML = glossaryHtml(S.askCity ? null : pol, s.benefit_year);
  if (S.open.has('params') && $('params')) showParams();
  if (focus && $(focus)) $(focus).focus();
  showErrors();
}

const members = () => (Array.isArray(S.scn.members) ? S.scn.members : []);

export function cityPart(pol) {
  // Ids so that the focus stays on the group after a change of city redraws the form.
  // On a first visit no city is ticked until one is picked: the core's own city stands in for the
  // computation, and a resident of another city who taps 下一步 would get its rules unawares.
  const ticked = S.askCity ? null : pol;
  const cities = S.pols.map((p) => `<label class="radio"><input type="radio" name="policy" id="city-${esc(p.id)}" value="${esc(p.id)}"${p === ticked ? ' checked' : ''}><span>${esc(p.name)}</span></label>`);
  return group('policy', '参保地(城市)', `<div class="radios">${cities.join('')}</div>`, helpPolicy(S.pols)) + cityNote();
}
// What the last change of city did, in one line, with an undo (js/city.js writes it).
function cityNote() {
  if (!S.cityNote) return '';
  return `<p class="city-note" id="city-note" role="status">${esc(S.cityNote)}` +
    `<button type="button" class="btn small" id="city-undo" data-act="city-undo">撤销</button></p>`;
}

export function yearPart(pol) {
  const years = [];
  for (let y = FIRST_YEAR; y <= pol.last_year; y++) years.push([y, `${y}年`]);
  return field('benefit_year', '想知道哪一年的待遇', select('benefit_year', 'year', years, S.scn.benefit_year, ' data-rebuild'), HELP.year);
}

// Every member's fieldset, with `body` for its inside; the error slot for the household as a whole.
export function membersPart(pol, body) {
  const list = members();
  return `<div class="members" id="${fid('members')}">${list.map((m, i) => body(isObj(m) ? m : {}, i, list.length)).join('')}${errSlot('members')}</div>`;
}
export function memberBox(m, i, count, inner, cls) {
  const p = `members[${i}]`;
  let h = `<fieldset class="member${cls ? ` ${cls}` : ''}" id="${fid(p)}"><legend><span id="lg-${i}">${whoHtml(m, i, members())}</span></legend>`;
  if (count > 1) h += `<button type="button" class="btn-link rm" id="rm-${i}" data-act="rm" data-i="${i}">删除这位</button>`;
  return `${h}${errSlot(p)}${inner}</fieldset>`;
}
export function addPart() {
  return `<div class="add" role="group" aria-label="添加家庭成员"><p>家里其他人也可以一起算:</p>` +
    ['spouse', 'child', 'parent', 'other'].map((r) => `<button type="button" class="btn" id="add-${r}" data-act="add" data-role="${r}">+ ${ROLE[r]}</button>`).join('') + '</div>';
}

function memberCard(m, i, pol, count) {
  const inner = whoFields(m, i, pol) + historyFields(m, i, pol) + payField(m, i, pol) + repairField(m, i, pol) + spendFields(m, i, pol, false);
  return memberBox(m, i, count, inner, 'card');
}

const catOf = (pol, m) => pol.categories.find((c) => c.key === m.category);
const isMinor = (pol, m) => {
  const cat = catOf(pol, m);
  return typeof m.minor === 'boolean' ? m.minor : !!(cat && cat.minor_by_default);
};

// Who the person is: name, relation, category (and what it costs), subsidy group, birth date,
// under 18, supplementary insurance.
// `brief`: the first question about the first person on the guided path, who is 本人 and needs no name.
export function whoFields(m, i, pol, brief) {
  const p = `members[${i}]`;
  const cat = catOf(pol, m);
  const kind = cat ? cat.kind : '';
  let h = '';
  if (!brief) {
    h += field(`${p}.name`, '称呼(可不填)', text(`${p}.name`, 'name', m.name, ` data-i="${i}" placeholder="${esc(who({ role: m.role }, 0))}"`), HELP.name);
    h += field(`${p}.role`, '和您的关系', select(`${p}.role`, 'sel', Object.entries(ROLE), m.role || 'self', ' data-rebuild'), HELP.role);
  }
  const cats = pol.categories.map((c) => [c.key, c.label]);
  if (!cat) cats.unshift([m.category == null ? '' : m.category, '请选择']);
  h += field(`${p}.category`, '属于哪一类人员', select(`${p}.category`, 'cat', cats, m.category, ' data-rebuild'), HELP.category,
    cat ? esc(cat.help) + (cat.help.includes('元') ? '' : `(个人缴费${esc(yuan(cat.premium))})`) : '');
  if (pol.subsidy_groups.length) {
    const groups = [['', '不属于']].concat(pol.subsidy_groups.map((g) => [g.key, g.label]));
    h += field(`${p}.subsidy_group`, '是不是低保、特困、脱贫等人员(政府资助参保)', select(`${p}.subsidy_group`, 'opt', groups, m.subsidy_group || ''), HELP.subsidy);
  }
  if (kind === 'newborn' || m.birth_date !== undefined) {
    h += field(`${p}.birth_date`, '出生日期', dateInput(`${p}.birth_date`, 'opt', m.birth_date), HELP.birth);
  }
  if (has(pol, 'health_plan') || has(pol, 'special_children')) {
    h += check(`${p}.minor`, 'minor', '未满18周岁', isMinor(pol, m), HELP.minor, true);
  }
  if (has(pol, 'health_plan')) {
    const price = pol.parameters.find((x) => x.key === 'contribution.health_plan');
    h += check(`${p}.health_plan`, 'flag', `参加补充保险${price ? `(每人${yuan(price.value)})` : ''}`, m.health_plan === true, HELP.health_plan);
  }
  return h;
}

export const hasHistory = (m) => Array.isArray(m.history) && m.history.length > 0;

// The years before the benefit year, one button each (参保 / 断保), and the claims in each.
export function historyFields(m, i, pol) {
  if (hasHistory(m)) return historyForm(m, i);
  const cat = catOf(pol, m);
  if (!(cat && cat.kind === 'newborn') && S.scn.benefit_year === FIRST_YEAR) return `<p class="hint">${FIRST_YEAR}年是新办法的第一年,不用填往年参保情况。</p>`;
  return '';
}
function historyForm(m, i) {
  const p = `members[${i}].history`;
  const lapsed = m.history.some((r) => isObj(r) && r.enrolled === false);
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
  // RULES §6 A8: a year not insured here may have been insured elsewhere; only the person knows.
  if (lapsed || m.insured_elsewhere !== undefined) {
    const v = m.insured_elsewhere === true ? 'true' : m.insured_elsewhere === false ? 'false' : '';
    h += field(`members[${i}].insured_elsewhere`, '没在这里交医保的那几年,在别的地方参加过居民医保或职工医保吗?', select(`members[${i}].insured_elsewhere`, 'tri',
      [['', '不清楚(按断保计算)'], ['true', '参加过(不算断保)'], ['false', '没有参加过']], v), HELP.elsewhere);
  }
  if (rows) h += details(`claims${i}`, '往年报销情况(影响大病保险限额,可不填)', `<p class="hint">${esc(HELP.claims)}</p>${rows}`);
  return h;
}

// When they pay; the benefit year's enrolment window as a hint (from the policy catalogue).
export function payField(m, i, pol) {
  const p = `members[${i}]`;
  let hint = '';
  if (pol) {
    const y = S.scn.benefit_year;
    const [start, end] = pol.window;
    hint = `${y}年度的集中参保期是${dz(`${y - 1}-${start}`)}${windowGuess(pol)}至${dz(`${y - 1}-${end}`).replace(/^\d{4}年/, '')}。`;
  }
  return field(`${p}.payment_date`, '哪天交费', dateInput(`${p}.payment_date`, 'date', m.payment_date), HELP.payment, esc(hint));
}

export function repairField(m, i, pol) {
  const p = `members[${i}]`;
  const lapsed = hasHistory(m) && m.history.some((r) => isObj(r) && r.enrolled === false);
  if (!lapsed && m.repair_years === undefined) return '';
  return field(`${p}.repair_years`, '补缴几年断保(不补填0)', text(`${p}.repair_years`, 'int', m.repair_years === undefined ? '' : m.repair_years, ' placeholder="0"'), helpRepair(pol, S.scn.benefit_year));
}

export const spends = (pol) => SPEND.some(([, f]) => has(pol, f));

// Expected spending; shut away (可不填) in the full form unless something is entered, open on the
// guided path where it is the question of its own screen.
export function spendFields(m, i, pol, open) {
  if (!spends(pol)) {
    return i === 0 ? `<p class="hint">${esc(pol.name)}没有当地的报销标准,本页不估算看病能报多少,只算等待期、大病保险限额和缴费。</p>` : '';
  }
  const p = `members[${i}].spending`;
  const sp = isObj(m.spending) ? m.spending : {};
  let h = open ? '' : `<p class="hint">${esc(HELP.spending)}</p>`;
  h += i === 0 ? notEstimated(pol) : '';
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
  if (has(pol, 'special_children') && (isMinor(pol, m) || sp.special_rehab)) {
    const r = isObj(sp.special_rehab) ? sp.special_rehab : null;
    h += field(`${p}.special_rehab.condition`, '儿童特定疾病康复', select(`${p}.special_rehab.condition`, 'rehab',
      [['', '没有']].concat(Object.entries(SPECIAL)), r ? r.condition : '', ' data-rebuild'), HELP.rehab);
    if (r) h += field(`${p}.special_rehab.amount`, '康复费用,全年大约', money(`${p}.special_rehab.amount`, r.amount), HELP.rehabAmount);
  }
  if (open) return h;
  return details(`spend${i}`, '预计看病花费(可不填,用来估算能报多少)', h, Object.keys(sp).length > 0);
}

// What this city's data has no reimbursement standard for, said where the person would enter it
// (a resident with hypertension looks for it here, not in the notes far below).
function notEstimated(pol) {
  const missing = SPEND.filter(([, f]) => !has(pol, f)).map(([, , label]) => label);
  if (!missing.length) return '';
  const kept = SPEND.filter(([, f]) => has(pol, f)).map(([, , label]) => label);
  return `<p class="hint spend-none">${esc(pol.name)}的资料中没有${missing.join('、')}的报销标准,本页只估算${kept.join('、')}能报多少。</p>`;
}

function stayForm(st, p, i, j) {
  let h = `<fieldset class="stay" id="${fid(p)}"><legend>第${j + 1}次住院</legend>`;
  h += `<button type="button" class="btn-link rm" id="rmstay-${i}-${j}" data-act="rmstay" data-i="${i}" data-j="${j}">删除这次住院</button>`;
  h += field(`${p}.level`, '医院级别', select(`${p}.level`, 'sel', Object.entries(LEVEL), st.level || 'secondary'), HELP.stay);
  const month = st.month !== undefined ? st.month : st.date ? Number(String(st.date).slice(5, 7)) : '';
  const choices = month === '' ? [['', '请选择月份'], ...months()] : months();
  h += field(`${p}.month`, '哪个月', select(`${p}.month`, 'smonth', choices, month), HELP.stayMonth);
  h += field(`${p}.date`, '具体日期(知道就填,更准)', dateInput(`${p}.date`, 'sdate', st.date), HELP.stayDate);
  h += field(`${p}.amount`, '住院花费', money(`${p}.amount`, st.amount), HELP.stayAmount);
  return `${h}${errSlot(p)}</fieldset>`;
}

// The panel's body (about 600 elements for a city's 47 parameters, more than the rest of the form)
// is built only while the panel is open, or when an error must be shown in it: a closed panel
// costs nothing to build, lay out or style.
function paramsPanel() {
  const open = S.open.has('params');
  return `<details class="panel" id="params" data-open-key="params"${open ? ' open' : ''}>` +
    `<summary>规则的理解和参数(待核实的数值可以改)</summary><div id="params-body"></div></details>`;
}
