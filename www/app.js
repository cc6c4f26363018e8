// 医保待遇测算 — the page. It gathers inputs into a scenario (docs/scenario.md), hands it to the Rust
// core compiled to WebAssembly and shows the strings the core returns. No rule and no amount is
// computed here: every figure on screen comes from estimate(), policies() or version().
// scripts/build-www gives every file a content-hashed name and rewrites './yibao.js' and
// './yibao_bg.wasm' below. The boot script (classic, ES5) has already probed WebAssembly support.

const LOAD_FAILED = '测算程序加载失败,请检查网络后刷新页面重试。';
const ORDER = ['yantai-2025', 'zhangjiakou-2025', 'national-2025'];
const STORE = 'yibao.scenario.v1';
// A share link's #s= payload longer than this is refused unread (the largest scenario the core
// accepts, 20 members with long names and many stays, is far smaller in practice).
const MAX_LINK = 100000;
const UNSUPPORTED = '您的浏览器版本过旧,无法运行本测算。请点击右上角「…」选择「在浏览器中打开」,或升级微信后再试。';
const RESTARTING = '测算程序出错,正在重新启动…';
const PANELS_FAILED = '这部分内容加载失败,请检查网络后再点一次。';
const FIRST_YEAR = 2025;
const ROLE = { self: '本人', spouse: '配偶', child: '子女', parent: '父母', other: '其他家庭成员' };
const LEVEL = { primary: '一级/基层医院', secondary: '二级医院', tertiary: '三级医院' };
const CHRONIC = { hypertension: '高血压', diabetes: '糖尿病', both: '高血压和糖尿病都有' };
const SPECIAL = { cerebral_palsy: '脑瘫', autism: '孤独症', congenital_heart: '先天性心脏病' };
const STATUS = { official: '官方', unverified: '待核实', user: '您自填' };
const TOPIC = { input: '说明', waiting_period: '等待期', cap: '大病保险限额', contribution: '缴费', reimbursement: '报销' };
const KIND_HINT = {
  months: '填整数(月),0—24', count: '填整数,1—50', money: '填金额(元),最多两位小数',
  money_or_none: '填金额(元);不设上限填 none', rate: '填比例,例如 0.65 表示65%', month_day: '填月-日,例如 09-01',
};
// Which spending block needs which policies().features entry.
const SPEND = [
  ['outpatient', 'outpatient', '普通门诊'], ['chronic', 'chronic', '两病用药'], ['stays', 'inpatient', '住院'],
  ['childbirth', 'maternity', '生育补助'], ['special_rehab', 'special_children', '儿童康复'],
];
// When another city lacks a category: the nearest kind it has.
const KIND_FALLBACK = {
  adult: ['adult'], student: ['student', 'minor', 'adult'], university: ['university', 'student', 'adult'],
  minor: ['minor', 'student', 'adult'], newborn: ['newborn', 'minor', 'adult'], special: ['special', 'adult'],
};
// Parameters a policy may lack but the user may supply (they change a headline figure).
const EXTRA = { 'cap.original': ['大病保险原封顶线', 'money'] };
const HELP = {
  policy: '选您参加居民医保的地方。各地的缴费标准和报销比例不同。「国家基准」只按国家文件的最低要求算,没有当地的报销标准。',
  year: '您想知道哪一年能不能报销。居民医保一年一交:每年秋冬(集中参保期)交下一年的钱。默认是现在正在交费的那一年。2025年以后的金额还没公布的,按2025年的标准估算。',
  name: '只用来区分家里人,可以不填。不会上传到任何地方。',
  role: '这个人和您是什么关系。家里只能有一位「本人」。',
  category: '不同类别的缴费标准不同,有些人(例如新生儿)不用等待。',
  subsidy: '低保、特困、脱贫等人员,政府医疗救助会替您交一部分个人缴费,大病保险也可能有照顾。不是就选「不属于」。',
  birth: '新生儿必须填出生日期。',
  minor: '不满18周岁。会影响补充保险的价格和儿童康复保障。',
  health_plan: '当地政府推出的补充商业保险,自愿参加。',
  history: '点年份切换「参保」和「断保」。断保就是那一年没有交居民医保。2025年以前的年份不算。从职工医保转过来的情况本页不能测算,请问当地医保部门。',
  claims: '零报销:那一年医保一分钱都没给您报过(门诊也算报销)。零报销的下一年,大病保险限额会提高。「大病报销用到了奖励额度」:那年大病保险报销超过了原来的封顶线;之后积累的零报销奖励清零。不清楚就选第一项。',
  payment: '您哪天交(或打算哪天交)这一年的钱。等待期从这一天算起。默认是今天。',
  repair: '补缴就是把断保那几年的钱补上(按今年的个人缴费标准),每补1年,等待期少1个月。可以先看结果里的「补缴划不划算」再决定,不补就填0。',
  spending: '只影响「能报多少」的估算,不影响等待期和缴费。金额按医保政策范围内的花费填,不知道就大概估一个。',
  outpatient: '一年里普通门诊(不住院的看病、拿药)大概花多少钱。按全年平均发生估算:等待期内的那部分不报。',
  chronic: '高血压、糖尿病的门诊用药,有单独的报销比例和年度限额。',
  stay: '每次住院填一次:医院级别、哪个月住院、花了多少钱。社区卫生服务中心、乡镇卫生院一般是一级/基层,县级医院多为二级,市里的大医院多为三级。级别越高,起付线越高、报销比例越低。',
  stayMonth: '住院是哪个月。只知道月份时,如果那个月有几天还在等待期内,按不报销估算。',
  stayDate: '知道住院的具体日期就填上,能更准确地判断是不是在等待期内。填了日期就以日期为准。',
  stayAmount: '这次住院大约花多少钱(医保政策范围内的部分)。',
  drugs: '一年里高血压、糖尿病门诊买药大约花多少钱。',
  childOrder: '这是您家的第几个孩子。二孩、三孩有生育补助。',
  birthMonth: '孩子预计哪个月出生。在等待期内生孩子不能领补助。',
  rehabAmount: '一年里在定点机构康复大约花多少钱。',
  birthing: '今年会不会生孩子。二孩、三孩有生育补助(现金)。',
  rehab: '脑瘫、孤独症、先天性心脏病儿童在定点机构康复的费用。',
  reading: '政策原文「每多断保1年,增加1个月等待期」有两种理解。读法A:每个断保年都加1个月(断保1年等4个月)。读法B:第1个断保年已由固定的3个月包含(断保1年等3个月)。本页默认按读法A,并在结果里给出另一种读法的结果。',
  params: '标「官方」的数值来自官方文件或发布会,不能改。标「待核实」的来自媒体或第三方资料,如果您从医保部门核实了实际数值,可以在这里填入,结果会马上按您填的数重算。留空就用资料中的数值。',
};

const S = {
  core: null, pols: [], scn: null, last: null, errors: [], sent: null, today: '',
  open: new Set(), helpOpen: new Set(), dirty: false, embed: false, mapNotes: [], undo: null, shared: false,
};
const $ = (id) => document.getElementById(id);
const esc = (v) => String(v == null ? '' : v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const P = (id) => S.pols.find((p) => p.id === id);
const has = (pol, f) => !!pol && pol.features.includes(f);
const clone = (v) => JSON.parse(JSON.stringify(v));
const fid = (path) => `f-${path.replace(/[^A-Za-z0-9]+/g, '_')}`;
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---- display of the core's strings (no arithmetic: only text) -------------------------------
const yuan = (s) => `${s}元`;
const isZero = (s) => /^[-+]?0(\.0+)?$/.test(String(s));
const signed = (s) => (isZero(s) ? '0.00' : s[0] === '-' ? `−${s.slice(1)}` : `+${s}`);
const dz = (iso) => {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso || '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : String(iso || '');
};
const who = (m, i) => (m && m.name ? m.name : (m && ROLE[m.role]) || (i === 0 ? '本人' : '家庭成员'));
const tag = (status) => `<span class="tag tag-${esc(status)}">${esc(STATUS[status] || status)}</span>`;
const paramValue = (key, v) => (v === 'none' ? '不设上限' : v);

function todayIso() {
  const d = new Date();
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

// ---- scenario paths: the same string names a field for binding and for the core's errors -------
function parsePath(p) {
  if (p.startsWith('overrides.')) return ['overrides', p.slice(10)];
  const out = [];
  p.replace(/([^.[\]]+)|\[(\d+)\]/g, (_, k, i) => out.push(k !== undefined ? k : Number(i)));
  return out;
}
function getPath(obj, p) {
  return parsePath(p).reduce((o, k) => (o == null ? undefined : o[k]), obj);
}
function setPath(obj, p, v) {
  const ks = parsePath(p);
  let o = obj;
  for (let i = 0; i < ks.length - 1; i++) {
    if (!isObj(o[ks[i]]) && !Array.isArray(o[ks[i]])) o[ks[i]] = typeof ks[i + 1] === 'number' ? [] : {};
    o = o[ks[i]];
  }
  const k = ks[ks.length - 1];
  if (v === undefined) delete o[k];
  else o[k] = v;
}
// The scenario exactly as it is sent: a plain JSON copy without empty containers.
function clean(s) {
  const c = clone(s);
  if (isObj(c.overrides) && !Object.keys(c.overrides).length) delete c.overrides;
  for (const m of Array.isArray(c.members) ? c.members : []) {
    if (!isObj(m) || !isObj(m.spending)) continue;
    if (Array.isArray(m.spending.stays) && !m.spending.stays.length) delete m.spending.stays;
    if (!Object.keys(m.spending).length) delete m.spending;
  }
  return c;
}

// ---- defaults -----------------------------------------------------------------------------
function defaultYear(pol) {
  // The year whose enrolment window is open (or next to open) today; a default, not a rule.
  const year = Number(S.today.slice(0, 4)) + (S.today.slice(5) >= pol.window[0] ? 1 : 0);
  return Math.min(Math.max(year, FIRST_YEAR), pol.last_year);
}
function catFor(pol, kinds) {
  for (const k of kinds) {
    const c = pol.categories.find((x) => x.kind === k);
    if (c) return c;
  }
  return pol.categories[0];
}
function fixHistory(m, pol, year) {
  const cat = pol && pol.categories.find((c) => c.key === m.category);
  if ((cat && cat.kind === 'newborn') || !(year > FIRST_YEAR)) {
    delete m.history;
    return;
  }
  const old = Array.isArray(m.history) ? m.history : [];
  const list = [];
  for (let y = FIRST_YEAR; y < year; y++) {
    const r = old.find((x) => isObj(x) && x.year === y);
    list.push(r || { year: y, enrolled: true });
  }
  m.history = list;
}
function newMember(role, pol, year) {
  const m = { role, category: catFor(pol, role === 'child' ? ['student', 'minor'] : ['adult']).key };
  fixHistory(m, pol, year);
  m.payment_date = S.today;
  return m;
}
function defaultScenario() {
  const pol = P(ORDER[0]) || S.pols[0];
  const year = defaultYear(pol);
  return { policy: pol.id, benefit_year: year, members: [newMember('self', pol, year)] };
}

// The same household under another city's policy; says what had to change.
function mapTo(src, pol) {
  const from = P(src.policy);
  const s = clone(src);
  const notes = [];
  const dropped = [];
  s.policy = pol.id;
  if (isObj(s.overrides) && Object.keys(s.overrides).length && from !== pol) {
    notes.push(`自填的参数只适用于${from ? from.name : '原来的地区'},这里用${pol.name}资料中的数值。`);
  }
  if (from !== pol) delete s.overrides;
  (Array.isArray(s.members) ? s.members : []).forEach((m, i) => {
    if (!isObj(m)) return;
    const name = who(m, i);
    const c0 = from && from.categories.find((c) => c.key === m.category);
    if (!pol.categories.some((c) => c.key === m.category)) {
      const c = catFor(pol, KIND_FALLBACK[c0 ? c0.kind : 'adult'] || ['adult']);
      notes.push(`${name}:${pol.name}没有「${c0 ? c0.label : m.category}」这一类,按「${c.label}」计算。`);
      m.category = c.key;
    }
    if (m.subsidy_group && !pol.subsidy_groups.some((g) => g.key === m.subsidy_group)) {
      notes.push(`${name}:${pol.name}没有这类参保资助,不计资助。`);
      delete m.subsidy_group;
    }
    if (m.health_plan && !has(pol, 'health_plan')) {
      notes.push(`${name}:${pol.name}没有补充保险,不计。`);
      delete m.health_plan;
    }
    if (isObj(m.spending)) {
      for (const [key, feat, label] of SPEND) {
        if (m.spending[key] !== undefined && !has(pol, feat)) {
          delete m.spending[key];
          if (!dropped.includes(label)) dropped.push(label);
        }
      }
    }
  });
  if (dropped.length) notes.push(`${pol.name}的资料中没有${dropped.join('、')}的报销标准,这些花费没有计入。`);
  return { s, notes };
}

// ---- share links and storage ----------------------------------------------------------------
function b64e(text) {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function b64d(code) {
  let s = code.replace(/-/g, '+').replace(/_/g, '/');
  while (s.length % 4) s += '=';
  const bin = atob(s);
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}
const pageUrl = () => location.href.split('#')[0];
const shareUrl = (embed) => `${pageUrl()}#${embed ? 'embed=1&' : ''}s=${b64e(JSON.stringify(clean(S.scn)))}`;
// A scenario the form can show: an object with a known policy and a list of 1-20 member objects.
// Anything else (a tampered link, a corrupt or foreign storage entry) is not used.
function usable(scn) {
  return isObj(scn) && typeof scn.policy === 'string' && !!P(scn.policy) && Array.isArray(scn.members) &&
    scn.members.length >= 1 && scn.members.length <= 20 && scn.members.every(isObj) &&
    (scn.benefit_year === undefined || Number.isInteger(scn.benefit_year)) &&
    (scn.overrides === undefined || isObj(scn.overrides));
}
// The saved scenario, or null; { problem } when something is stored but cannot be used
// (not JSON, the wrong shape, or written by another version of the page).
function load() {
  let t = null;
  try {
    t = localStorage.getItem(STORE);
  } catch (e) {
    return null;
  }
  if (!t) return null;
  try {
    const scn = JSON.parse(t);
    if (isObj(scn) && scn.version !== undefined && scn.version !== 1) return { problem: true };
    return usable(scn) ? scn : { problem: true };
  } catch (e) {
    return { problem: true };
  }
}
function save() {
  if (!S.dirty) return;
  try {
    localStorage.setItem(STORE, JSON.stringify(clean(S.scn)));
  } catch (e) {
    /* private mode or full storage: the page still works, it just won't remember */
  }
}
function edited() {
  S.dirty = true;
  if (S.shared) {
    S.shared = false;
    toolMsg('');
  }
  if (location.hash) history.replaceState(null, '', pageUrl());
}

// ---- loading the core -------------------------------------------------------------------------
// Streams when the engine can; some iOS WebViews reject instantiateStreaming, so fall back to
// bytes + WebAssembly.instantiate (wasm-bindgen's init takes a Response or a BufferSource).
// The compiled module is kept: after a trap the instance is re-created from it (restartCore).
async function loadCore() {
  // The download waits for the page's first paint, so it never competes with it (on a slow network
  // the paint comes long before this module does; boot.js has then preloaded both files).
  await firstPaint();
  window.YIBAO_CORE_REQUESTED = true; // for boot.js: too late to preload
  const wasmUrl = new URL('./yibao_bg.wasm', import.meta.url);
  const [glue, response] = await Promise.all([import('./yibao.js'), fetch(wasmUrl)]);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${wasmUrl}`);
  let module = null;
  if (typeof WebAssembly.compileStreaming === 'function') {
    const spare = response.clone();
    try {
      module = await WebAssembly.compileStreaming(response);
    } catch (err) {
      if (err instanceof WebAssembly.CompileError && /refused|unsafe-eval|policy/i.test(err.message)) throw err;
      console.warn('compileStreaming failed, retrying from bytes:', err);
      module = await WebAssembly.compile(await spare.arrayBuffer());
    }
  } else {
    module = await WebAssembly.compile(await response.arrayBuffer());
  }
  await glue.default({ module_or_path: module });
  S.module = module;
  return glue;
}
// Resolves once the page's first frame is on screen, by boot.js's Paint Timing wait (one copy of it
// for both scripts); at once if boot.js did not run.
function firstPaint() {
  return new Promise((resolve) => (window.YIBAO_AFTER_PAINT || ((fn) => fn()))(resolve));
}
// A trap (a panic in the core) leaves the instance unusable: a fresh copy of the glue module (the
// fragment makes it a separate module instance; the file comes from the cache) is instantiated
// from the kept compiled module. The inputs are untouched; the result is computed again.
let restarts = 0;
async function restartCore() {
  restarts += 1;
  try {
    const glue = await import(`./yibao.js#restart-${restarts}`);
    await glue.default({ module_or_path: S.module });
    S.core = testHooks(glue);
    if (window.yibaoTest) window.yibaoTest.loads += 1;
  } catch (err) {
    console.error('could not restart the wasm core:', err);
    window.YIBAO_FAILED = true;
    setStatus(LOAD_FAILED, true);
    return;
  }
  S.restarting = false;
  if (S.embed) renderEmbed();
  else run();
  toolMsg('测算程序刚才出错,已自动重新启动;您填写的内容都还在。');
}
function estimate(scn) {
  if (!S.core) return { ok: false, errors: [{ path: '', message: RESTARTING }] };
  try {
    return S.core.estimate(scn);
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError && !S.restarting) {
      console.warn('the wasm core trapped; restarting it:', err);
      S.restarting = true;
      S.core = null;
      restartCore();
      return { ok: false, errors: [{ path: '', message: RESTARTING }] };
    }
    return { ok: false, errors: [{ path: '', message: `测算出错:${err && err.message ? err.message : err}` }] };
  }
}
// Only with ?test-trap=1 in the address (page tests): yibaoTest.trap() makes the next estimate()
// throw as a trap does, to exercise restartCore().
function testHooks(glue) {
  if (!new URLSearchParams(location.search).has('test-trap')) return glue;
  if (!window.yibaoTest) window.yibaoTest = { armed: false, loads: 1, trap() { this.armed = true; } };
  const t = window.yibaoTest;
  return {
    version: glue.version, policies: glue.policies,
    estimate(scn) {
      if (t.armed) {
        t.armed = false;
        throw new WebAssembly.RuntimeError('unreachable (test-trap)');
      }
      return glue.estimate(scn);
    },
  };
}

// ---- form -------------------------------------------------------------------------------------
function helpBtn(id, label) {
  const open = S.helpOpen.has(id);
  return `<button type="button" class="ib" data-act="help" aria-expanded="${open}" aria-controls="${id}">` +
    `<span aria-hidden="true">ⓘ</span><span class="sr-only">说明:${esc(label)}</span></button>`;
}
function helpText(id, text) {
  return `<p class="help" id="${id}"${S.helpOpen.has(id) ? '' : ' hidden'}>${text}</p>`;
}
const errSlot = (path) => `<p class="err" id="e-${fid(path)}" hidden></p>`;
function field(path, label, control, help, hint) {
  const id = fid(path);
  return `<div class="field"><div class="lab"><label for="${id}">${esc(label)}</label>${help ? helpBtn(`h-${id}`, label) : ''}</div>` +
    `${help ? helpText(`h-${id}`, esc(help)) : ''}${control}${hint ? `<p class="hint">${hint}</p>` : ''}${errSlot(path)}</div>`;
}
function group(path, legend, body, help) {
  const id = fid(path);
  return `<fieldset class="field group" id="${id}"><legend>${esc(legend)}</legend>${help ? helpBtn(`h-${id}`, legend) + helpText(`h-${id}`, esc(help)) : ''}` +
    `${body}${errSlot(path)}</fieldset>`;
}
function attrs(path, kind, extra) {
  return `id="${fid(path)}" data-path="${esc(path)}" data-kind="${kind}"${extra || ''}`;
}
function select(path, kind, options, value, extra) {
  const opts = options.map(([v, t]) => `<option value="${esc(v)}"${String(v) === String(value == null ? '' : value) ? ' selected' : ''}>${esc(t)}</option>`);
  return `<select ${attrs(path, kind, extra)}>${opts.join('')}</select>`;
}
function text(path, kind, value, extra) {
  const mode = kind === 'amt' || kind === 'ovr' ? 'decimal' : kind === 'int' ? 'numeric' : 'text';
  return `<input type="text" inputmode="${mode}" autocomplete="off" ${attrs(path, kind, extra)} value="${esc(value == null ? '' : value)}">`;
}
const money = (path, value) => `<div class="unit">${text(path, 'amt', value)}<span aria-hidden="true">元</span></div>`;
function dateInput(path, kind, value) {
  return `<input type="date" ${attrs(path, kind)} value="${esc(value == null ? '' : value)}">`;
}
function check(path, kind, label, checked, help, rebuild) {
  const id = fid(path);
  return `<div class="field"><div class="check"><input type="checkbox" ${attrs(path, kind, rebuild ? ' data-rebuild' : '')}${checked ? ' checked' : ''}>` +
    `<label for="${id}">${esc(label)}</label>${help ? helpBtn(`h-${id}`, label) : ''}</div>${help ? helpText(`h-${id}`, esc(help)) : ''}${errSlot(path)}</div>`;
}
const months = () => Array.from({ length: 12 }, (_, k) => [k + 1, `${k + 1}月`]);

function renderForm() {
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
function details(key, summary, body, defOpen) {
  const open = S.open.has(key) || (defOpen && !S.open.has(`-${key}`));
  return `<details class="sub" data-open-key="${key}"${open ? ' open' : ''}><summary>${esc(summary)}</summary>${body}</details>`;
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
function fillParams() {
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

// ---- reading inputs back into the scenario ------------------------------------------------------
function onField(e) {
  const el = e.target;
  if (!el || !el.closest('#form')) return;
  const texty = el.tagName === 'INPUT' && (el.type === 'text' || el.type === 'date');
  if (e.type === 'change' && texty && el.type === 'text') return;
  if (e.type === 'input' && !texty) return;
  const s = S.scn;
  if (el.name === 'policy') return switchPolicy(el.value);
  if (el.name === 'reading') {
    const pol = P(s.policy);
    if (pol && el.value === pol.default_reading) delete s.reading;
    else s.reading = el.value;
    return changed(false, 0);
  }
  const path = el.dataset.path;
  if (!path) return;
  const v = el.value;
  const kind = el.dataset.kind;
  const member = () => getPath(s, path.replace(/\].*$/, ']'));
  switch (kind) {
    case 'name':
      setPath(s, path, v === '' ? undefined : v);
      $(`lg-${el.dataset.i}`).textContent = who(member(), Number(el.dataset.i));
      break;
    case 'amt': case 'ovr': case 'opt':
      setPath(s, path, v.trim() === '' ? undefined : v);
      break;
    case 'int':
      setPath(s, path, v.trim() === '' ? undefined : /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : v);
      break;
    case 'num':
      setPath(s, path, Number(v));
      break;
    case 'date':
      setPath(s, path, v);
      break;
    case 'flag':
      setPath(s, path, el.checked ? true : undefined);
      break;
    case 'minor':
      setPath(s, path, el.checked);
      break;
    case 'year': {
      s.benefit_year = Number(v);
      const pol = P(s.policy);
      s.members.forEach((m) => isObj(m) && fixHistory(m, pol, s.benefit_year));
      break;
    }
    case 'cat': {
      const m = member();
      m.category = v;
      delete m.minor;
      fixHistory(m, P(s.policy), s.benefit_year);
      break;
    }
    case 'claim': {
      const r = getPath(s, path);
      delete r.zero_claim;
      delete r.used_bonus;
      if (v === 'zero') r.zero_claim = true;
      if (v === 'bonus') r.used_bonus = true;
      break;
    }
    case 'chronic': case 'rehab': {
      const obj = path.replace(/\.condition$/, '');
      if (v === '') setPath(s, obj, undefined);
      else setPath(s, path, v);
      break;
    }
    case 'birth':
      setPath(s, path, el.checked ? { child_order: 1, month: 1 } : undefined);
      break;
    case 'smonth': {
      const stay = getPath(s, path.replace(/\.month$/, ''));
      delete stay.date;
      stay.month = Number(v);
      const d = $(fid(path.replace(/\.month$/, '.date')));
      if (d) d.value = '';
      break;
    }
    case 'sdate': {
      const stay = getPath(s, path.replace(/\.date$/, ''));
      const sel = $(fid(path.replace(/\.date$/, '.month')));
      if (v) {
        stay.date = v;
        delete stay.month;
        if (sel && /^\d{4}-\d\d/.test(v)) sel.value = String(Number(v.slice(5, 7)));
      } else {
        delete stay.date;
        stay.month = Number(sel ? sel.value : 1);
      }
      break;
    }
    default:
      setPath(s, path, v);
  }
  changed(el.dataset.rebuild !== undefined, texty ? 350 : 0);
}

function changed(rebuild, delay) {
  edited();
  if (rebuild) renderForm();
  schedule(delay);
}

function switchPolicy(id) {
  const pol = P(id);
  if (!pol) return;
  const { s, notes } = mapTo(S.scn, pol);
  if (!(s.benefit_year >= FIRST_YEAR && s.benefit_year <= pol.last_year)) s.benefit_year = defaultYear(pol);
  if (s.reading === pol.default_reading) delete s.reading;
  (s.members || []).forEach((m) => isObj(m) && fixHistory(m, pol, s.benefit_year));
  S.scn = s;
  S.mapNotes = notes;
  changed(true, 0);
}

// ---- running the core ---------------------------------------------------------------------------
let timer = 0;
function schedule(delay) {
  clearTimeout(timer);
  timer = setTimeout(run, delay || 0);
}
function run() {
  clearTimeout(timer);
  compute();
  showResults();
}
function compute() {
  const scn = clean(S.scn);
  const out = estimate(scn);
  S.sent = scn;
  if (out && out.ok) {
    S.last = out.result;
    S.errors = [];
  } else {
    S.errors = out && Array.isArray(out.errors) ? out.errors : [{ path: '', message: '输入无效' }];
  }
}
function showResults() {
  save();
  showErrors();
  renderResults();
}

// Each error next to its field: the field whose data-path is the error's path, or the nearest
// enclosing one (members[0].history[1].enrolled → members[0].history[1] → members[0].history …).
function errorSlot(path) {
  let p = path;
  while (p) {
    const slot = $(`e-${fid(p)}`);
    if (slot) return slot;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  return null;
}
function showErrors() {
  for (const el of document.querySelectorAll('#form .err:not([hidden])')) {
    el.hidden = true;
    el.textContent = '';
  }
  for (const el of document.querySelectorAll('#form [aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  }
  S.unplaced = [];
  if (S.errors.some((err) => /^(overrides|reading)\b/.test(err.path || ''))) fillParams();
  for (const err of S.errors) {
    const slot = errorSlot(err.path || '');
    if (!slot) {
      S.unplaced.push(err);
      continue;
    }
    slot.hidden = false;
    slot.textContent = slot.textContent ? `${slot.textContent};${err.message}` : err.message;
    const ctl = $(slot.id.slice(2));
    if (ctl && /^(INPUT|SELECT)$/.test(ctl.tagName)) {
      ctl.setAttribute('aria-invalid', 'true');
      ctl.setAttribute('aria-describedby', slot.id);
    }
    for (let d = slot.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
  }
}

// ---- results -----------------------------------------------------------------------------------
function tbl(heads, rows, opts) {
  const o = opts || {};
  const head = heads.map((h) => `<th scope="col">${h}</th>`).join('');
  const labels = heads.map((h) => (h.includes('sr-only') ? '' : h.replace(/<[^>]+>/g, '')));
  const body = rows.map((r) => `<tr${r.cls ? ` class="${r.cls}"` : ''}>${r.cells.map((c, k) => (k === 0
    ? `<th scope="row">${c}</th>` : `<td data-label="${esc(labels[k])}">${c}</td>`)).join('')}</tr>` +
    (r.note ? `<tr class="note-row"><td colspan="${heads.length}">${r.note}</td></tr>` : '')).join('');
  return `<div class="tw"><table class="rt${o.cls ? ` ${o.cls}` : ''}">${o.caption ? `<caption>${o.caption}</caption>` : ''}` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}
const traceLink = (i, topic) => `<a class="tl" href="#t-${i}-${topic}" data-act="trace">怎么算的</a>`;
const paramLink = (key, text) => `<a class="tl" href="#p-${fid(key)}" data-act="param" data-key="${esc(key)}">${text}</a>`;

function paramOf(r, key) {
  return r.parameters.find((x) => x.key === key);
}

function headline(r) {
  let h = '';
  if (S.errors.length) {
    h += `<div class="alert" id="alert"><p><b>有${S.errors.length}处输入需要修改</b>,已在对应的地方标出:</p><ul>` +
      S.errors.map((e) => `<li>${errLink(e)}</li>`).join('') + '</ul>' +
      `<p>${r ? '下面是修改前的结果,仅供参考,改正后会自动更新。' : '改正后会马上显示测算结果。'}</p></div>`;
  }
  if (!r) return h;
  h += `<div class="headline${S.errors.length ? ' stale' : ''}${r.members.length > 1 ? ' multi' : ''}">`;
  h += `<p class="h-sub">${esc(r.policy.name)} · ${r.benefit_year}年度${r.amounts_note ? `(${esc(r.amounts_note)})` : ''}</p>`;
  h += '<ul class="bigs">';
  r.members.forEach((m, i) => {
    const w = m.waiting;
    h += `<li class="big"><span class="b-who">${esc(who(m, i))}:${w.cover_start ? '从这天起能报销' : '本年度'}</span>` +
      `<strong class="b-date">${w.cover_start ? esc(dz(w.cover_start)) : '不能报销'}</strong>` +
      `<span class="b-wait">${w.exempt ? '不设等待期' : `等待期${w.months.total}个月`}</span></li>`;
  });
  h += `</ul><p class="summary">${esc(r.summary)}</p><p class="ref">参考编号 <b>${esc(r.reference)}</b></p></div>`;
  return h;
}
function errLink(e) {
  const slot = errorSlot(e.path || '');
  const target = slot ? slot.id.slice(2) : '';
  return target ? `<a href="#${target}" data-act="goto" data-target="${target}">${esc(e.message)}</a>` : esc(e.message);
}

function memberResult(r, m, i) {
  const w = m.waiting;
  const input = Array.isArray(S.sent && S.sent.members) ? S.sent.members[i] : null;
  let h = `<article class="card mres" id="res-${i}"><h3>${esc(who(m, i))} · ${esc(m.category_label)}</h3>`;
  const recap = [];
  if (input && Array.isArray(input.history) && input.history.length) {
    recap.push(`往年:${input.history.map((x, k) => `${FIRST_YEAR + k}${x.enrolled === false ? '断保' : '参保'}`).join('、')}`);
  }
  if (input) recap.push(`交费日 ${dz(input.payment_date)}`);
  if (w.repair_years) recap.push(`补缴${w.repair_years}年`);
  if (recap.length) h += `<p class="recap">${esc(recap.join(' · '))}</p>`;
  if (r.members.length > 1) h += `<p class="msum">${esc(m.summary)}</p>`;

  h += `<h4>从哪天起能报销 ${traceLink(i, 'waiting_period')}</h4>`;
  if (w.cover_start) {
    h += `<p class="dline"><strong class="date">${esc(dz(w.cover_start))}</strong> 至 ${esc(dz(w.cover_end))}</p>`;
    if (w.uncovered_days > 0) h += `<p>${r.benefit_year}年有${w.uncovered_days}天在等待期内,这段时间看病医保不报。</p>`;
  } else {
    h += `<p class="dline"><strong class="date">${r.benefit_year}年内不能报销</strong></p><p>等待期要到下一年才结束。</p>`;
  }
  if (w.exempt) {
    h += `<p>${esc(m.category_label)}不设等待期。</p>`;
  } else {
    const mm = w.months;
    const why = w.lapsed_years > 0 ? `断保${w.lapsed_years}年(${w.lapsed.join('、')})` : w.in_window ? '按时连续参保,没有等待期' : '没有在集中参保期内交费';
    h += `<p>${esc(why)}。${w.in_window ? '' : `集中参保期是${esc(dz(w.window_start))}至${esc(dz(w.window_end))}。`}</p>`;
    if (mm.total > 0 || w.lapsed_years > 0) h += tbl(['等待期', '月数'], [
      { cells: ['固定等待期', `${mm.fixed}个月`] },
      { cells: [`变动等待期(断保${w.lapsed_years}年,读法${esc(w.reading)})`, `+${mm.variable}个月`] },
      { cells: ['补缴减少', `−${mm.repaired}个月`] },
      { cells: ['下限补足', `+${mm.floor_added}个月`] },
      { cells: ['<b>合计</b>', `<b>${mm.total}个月</b>`], cls: 'total' },
    ], { cls: 'kv', caption: '等待期的组成' });
  }
  if (w.lapsed_years > 0 && !w.exempt && w.repair_options.length > 1) h += repairBlock(w, i);
  h += capBlock(r, m, i);
  if (m.reimbursement.lines.length) h += reimbBlock(r, m, i);
  h += contribBlock(m, i);
  return `${h}</article>`;
}

function repairBlock(w, i) {
  const opts = w.repair_options;
  const best = opts.find((o) => o.years === w.best_repair_years);
  const none = opts[0];
  let h = `<h4>补缴划不划算</h4><p>断保的${w.lapsed.join('、')}年可以补缴(按今年标准)。每补1年,等待期少1个月。</p>`;
  if (best && w.best_repair_years > 0) {
    h += `<p class="best">★ 最划算:补缴${best.years}年,花${esc(yuan(best.cost))},${best.cover_start ? `从${esc(dz(best.cover_start))}起能报销` : '本年度仍不能报销'};` +
      `不补缴要到${none.cover_start ? esc(dz(none.cover_start)) : '下一年'}。</p>`;
  } else {
    h += '<p class="best">★ 补缴不能让报销开始得更早,不必为缩短等待期而补缴。</p>';
  }
  const rows = opts.map((o) => {
    const marks = [];
    if (o.years === w.best_repair_years) marks.push('<span class="mark">★ 最早</span>');
    if (o.years === w.repair_years) marks.push('<span class="mark">● 当前</span>');
    const btn = o.years === w.repair_years ? '' :
      `<button type="button" class="btn small" id="rep-${i}-${o.years}" data-act="repair" data-i="${i}" data-n="${o.years}">按这个算</button>`;
    return {
      cells: [`${o.years ? `补缴${o.years}年` : '不补缴'} ${marks.join(' ')}`, esc(o.cost), `${o.total_months}个月`,
        o.cover_start ? esc(dz(o.cover_start)) : '本年度不能报销', btn],
      cls: o.years === w.repair_years ? 'current' : '',
    };
  });
  return h + tbl(['补缴', '补缴费用(元)', '等待期', '开始报销', '<span class="sr-only">操作</span>'], rows, { caption: '补缴几年,各是什么结果' });
}

function capBlock(r, m, i) {
  const c = m.cap;
  const orig = paramOf(r, 'cap.original');
  const sign = signed(c.adjustment);
  const word = isZero(c.adjustment) ? '不变' : c.adjustment[0] === '-' ? '降低' : '提高';
  let h = `<h4>大病保险限额 ${traceLink(i, 'cap')}</h4>`;
  h += `<p class="capline">本年限额调整:<strong class="signed">${esc(sign)}元</strong>(${word})</p>`;
  // The adjustment itself rests on figures not yet official (e.g. the national floor's amounts).
  const soft = r.trace.filter((st) => st.member === i && st.topic === 'cap')
    .flatMap((st) => (st.params || []).map((key) => paramOf(r, key)))
    .filter((x) => x && x.key !== 'cap.original' && x.status !== 'official');
  if (soft.length) {
    const labels = [...new Set(soft.map((x) => x.label || x.key))];
    h += `<p>${tag(soft[0].status)} 这个调整用到的${esc(labels.join('、'))}${soft.every((x) => x.status === 'user') ? '是您填的' : '还没有官方数值'}。</p>`;
  }
  if (c.cap) {
    h += `<p>本年限额约 <b>${esc(yuan(c.cap))}</b> ` +
      `${orig && orig.status !== 'official' ? `${tag(orig.status)} <span class="capx">它等于原封顶线${esc(yuan(c.original_cap))}加上面的调整;原封顶线${orig.status === 'user' ? '是您填的' : '还没有官方公布'}。</span>${paramLink('cap.original', '修改原封顶线')}` : ''}</p>`;
  } else {
    h += `<p>${esc(r.policy.name)}的资料中没有大病保险原封顶线,算不出本年限额。${paramLink('cap.original', '填入当地的原封顶线')}</p>`;
  }
  if (c.bonus_limit_reached) h += '<p>奖励已达到上限(原封顶线的20%)。</p>';
  if (c.penalty_limit_reached) h += '<p>降低已达到上限(原封顶线的20%)。</p>';
  if (c.years.length) {
    const rows = c.years.map((y) => ({
      cells: [`${y.year}年`, y.enrolled ? '参保' : '断保', y.enrolled ? esc(signed(y.adjustment)) : '—',
        y.cap ? esc(y.cap) : '—', esc(y.note || '')],
      cls: y.year === r.benefit_year ? 'current' : '',
    }));
    h += details(`capyears${i}`, '逐年变化', tbl(['年度', '参保', '限额调整(元)', '限额(元)', '说明'], rows, { cls: 'wrap', caption: '大病保险限额逐年变化' }));
  }
  return h;
}

function reimbBlock(r, m, i) {
  const t = m.reimbursement.totals;
  const allowance = !isZero(t.allowance);
  const heads = ['项目', '花费(元)', '基本医保付(元)', '大病保险付(元)', '自己付(元)', '等待期内不报(元)'];
  if (allowance) heads.push('现金补助(元)');
  const cell = (l, k) => (l.estimated ? esc(l[k]) : '未估算');
  const rows = m.reimbursement.lines.map((l) => {
    const cells = [esc(l.label), esc(l.spending), cell(l, 'fund_pays'), cell(l, 'major_pays'), cell(l, 'you_pay'), esc(l.excluded)];
    if (allowance) cells.push(cell(l, 'allowance'));
    return { cells, note: l.note ? `${l.estimated ? '' : '<b>未估算:</b>'}${esc(l.note)}` : '' };
  });
  const tot = ['<b>合计</b>', esc(t.spending), esc(t.fund_pays), esc(t.major_pays), `<b>${esc(t.you_pay)}</b>`, esc(t.excluded)];
  if (allowance) tot.push(esc(t.allowance));
  if (rows.length > 1) rows.push({ cells: tot, cls: 'total' });
  let h = `<h4>看病能报多少(估算) ${traceLink(i, 'reimbursement')}</h4>`;
  h += tbl(heads, rows, { caption: '按您填的花费估算' });
  if (m.reimbursement.lines.some((l) => !l.estimated)) {
    h += `<p class="hint">「未估算」:${esc(r.policy.name)}的资料里没有这一项的报销标准,所以没有算,按0计。知道当地标准的可以在「规则的理解和参数」里填入。</p>`;
  }
  return h;
}

function contribBlock(m, i) {
  const c = m.contribution;
  const rows = [{ cells: ['个人缴费标准', esc(yuan(c.premium))] }];
  if (!isZero(c.subsidy_pays)) rows.push({ cells: ['医疗救助代缴', `−${esc(yuan(c.subsidy_pays))}`] });
  rows.push({ cells: ['本人缴费', esc(yuan(c.individual_pays))] });
  if (c.repair_years) rows.push({ cells: [`补缴${c.repair_years}年`, esc(yuan(c.repair_cost))] });
  if (!isZero(c.health_plan)) rows.push({ cells: ['补充保险', esc(yuan(c.health_plan))] });
  rows.push({ cells: ['<b>合计要交</b>', `<b>${esc(yuan(c.total))}</b>`], cls: 'total' });
  let h = `<h4>要交多少钱 ${traceLink(i, 'contribution')}</h4>` + tbl(['项目', '金额'], rows, { cls: 'kv', caption: `${esc(who(m, i))}要交的钱` });
  if (c.government_subsidy) h += `<p class="hint">另外,政府每人补助${esc(yuan(c.government_subsidy))},直接进医保基金,不用您交。</p>`;
  return `<div class="contrib">${h}</div>`;
}

function householdBlock(r) {
  const hc = r.household.contribution;
  const rows = r.members.map((m, i) => ({
    cells: [esc(who(m, i)), esc(m.contribution.individual_pays), esc(m.contribution.repair_cost),
      esc(m.contribution.health_plan), esc(m.contribution.total)],
  }));
  rows.push({ cells: ['<b>全家合计</b>', esc(hc.individual_pays), esc(hc.repair_cost), esc(hc.health_plan), `<b>${esc(hc.total)}</b>`], cls: 'total' });
  let h = `<section class="card household" aria-labelledby="h-house"><h3 id="h-house">全家要交多少钱</h3>`;
  h += tbl(['成员', '个人缴费(元)', '补缴(元)', '补充保险(元)', '合计(元)'], rows, { caption: `全家${r.household.members}人的缴费` });
  if (!isZero(hc.subsidy_pays)) h += `<p>其中医疗救助代缴${esc(yuan(hc.subsidy_pays))}(已从个人缴费中减去)。</p>`;
  const t = r.household.reimbursement;
  if (!isZero(t.spending)) {
    const heads = ['<span class="sr-only">项目</span>', '花费(元)', '等待期内不报(元)', '基本医保付(元)', '大病保险付(元)', '自己付(元)'];
    const cells = ['全家合计', esc(t.spending), esc(t.excluded), esc(t.fund_pays), esc(t.major_pays), `<b>${esc(t.you_pay)}</b>`];
    if (!isZero(t.allowance)) {
      heads.push('现金补助(元)');
      cells.push(esc(t.allowance));
    }
    h += `<h4>全家看病能报多少(估算)</h4>${tbl(heads, [{ cells }], { caption: '全家看病花费估算合计' })}`;
  }
  return `${h}</section>`;
}

function alternativesBlock(r) {
  if (!r.alternatives.length) return '';
  let h = '<section class="card alts" aria-labelledby="h-alt"><h3 id="h-alt">政策有另一种理解时</h3><p>政策原文有两种读法时,两种结果都列出来,您可以自己比较。</p>';
  for (const a of r.alternatives) {
    const m = r.members[a.member];
    h += `<div class="alt"><h4>${esc(who(m, a.member))}</h4><p>${esc(a.question)}</p>`;
    h += tbl(['<span class="sr-only">项目</span>', `本页所用:${esc(a.used)}`, `另一种:${esc(a.other)}`], [
      { cells: ['等待期', `${a.months_used}个月`, `${a.months_other}个月`] },
      { cells: ['开始报销', a.cover_start_used ? esc(dz(a.cover_start_used)) : '本年度不能', a.cover_start_other ? esc(dz(a.cover_start_other)) : '本年度不能'] },
      { cells: ['医保支付(基本医保+大病保险)', esc(yuan(a.paid_used)), esc(yuan(a.paid_other))] },
    ], { caption: '两种理解的结果' });
    if (a.id === 'A1') {
      const other = r.reading === 'A' ? 'B' : 'A';
      h += `<button type="button" class="btn" id="reading-${other}" data-act="reading" data-v="${other}">改按读法${other}计算</button>`;
    }
    h += '</div>';
  }
  return `${h}</section>`;
}

function notesBlock(r) {
  const notes = r.notes.slice();
  if (!notes.length && !r.unverified.length) return '';
  let h = '<section class="card notes-card" aria-labelledby="h-notes"><h3 id="h-notes">请注意</h3><ul>';
  if (r.unverified.length) {
    h += `<li>本次结果用到了${r.unverified.length}个${tag('unverified')}或自填的数值(例如原封顶线、住院起付线),官方还没有公布,结果可能有出入。可以在「规则的理解和参数」里查看和修改。</li>`;
  }
  h += notes.map((n) => `<li class="pn">${esc(n)}</li>`).join('');
  return `${h}</ul></section>`;
}

function renderResults() {
  const r = S.last;
  const live = headline(r);
  if (live !== S.liveHtml) {
    $('live').innerHTML = live;
    S.liveHtml = live;
  }
  const focus = document.activeElement && document.activeElement.closest('#results,#cmp,#repro') ? document.activeElement.id : '';
  let h = '';
  if (r) {
    h += r.members.map((m, i) => memberResult(r, m, i)).join('');
    if (r.members.length > 1) h += householdBlock(r);
    h += alternativesBlock(r);
    h += notesBlock(r);
  }
  $('print-head').textContent = r ? `${r.policy.title} · ${r.benefit_year}年度${r.amounts_note ? `(${r.amounts_note})` : ''} · 参考编号 ${r.reference}` : '';
  const box = $('results');
  box.innerHTML = h;
  box.classList.toggle('stale', S.errors.length > 0);
  box.classList.toggle('multi', !!r && r.members.length > 1);
  if ($('share-url')) {
    // The share box stays open while the user edits: its links follow the inputs.
    $('share-url').value = shareUrl(false);
    $('embed-url').value = shareUrl(true);
  }
  if ($('cmp').open) renderCompare();
  if ($('trace').open) renderTrace();
  if ($('repro').open) renderRepro();
  if (focus && $(focus)) $(focus).focus();
  const jump = $('jump');
  if (r && !S.embed) {
    const one = r.members.length === 1 ? r.members[0].waiting.cover_start : null;
    jump.textContent = S.errors.length ? `有${S.errors.length}处需要修改 · 看结果 ↓` : one ? `从${dz(one)}起能报销 · 看结果 ↓` : '看测算结果 ↓';
  }
  jump.hidden = !r || S.resVisible;
}

function renderTrace() {
  const r = S.last;
  if (!r) {
    $('trace-body').innerHTML = '<p>还没有结果。</p>';
    return;
  }
  let h = `<p>下面是测算核心一步一步的计算。每一步都写明依据(规则手册 RULES.md 的章节)和所用数值的出处原文;${tag('unverified')}的数值可以在「规则的理解和参数」里修改。` +
    `断保年数按<b>读法${esc(r.reading)}</b>${r.reading_from === 'policy' ? '(默认)' : '(您选的)'}。</p>`;
  if (r.amounts_note) h += `<p>${esc(r.amounts_note)}。</p>`;
  let group = null;
  const seen = new Set();
  h += '<ol class="steps">';
  for (const st of r.trace) {
    const g = st.member === undefined ? -1 : st.member;
    if (g !== group) {
      group = g;
      h += `<li class="s-group" aria-hidden="true">${g < 0 ? '全家' : esc(who(r.members[g], g))}</li>`;
    }
    const anchor = `t-${g}-${st.topic}`;
    const id = seen.has(anchor) ? '' : ` id="${anchor}" tabindex="-1"`;
    seen.add(anchor);
    h += `<li class="step"${id}><p><span class="s-topic">${esc(TOPIC[st.topic] || st.topic)}</span>${g >= 0 ? `(${esc(who(r.members[g], g))})` : ''}:${esc(st.text)}</p>` +
      `<p class="s-val">结果:<b>${esc(st.value)}</b> · 依据:${esc(st.rule)}</p>`;
    if (st.params && st.params.length) {
      h += '<ul class="s-params">' + st.params.map((key) => paramOf(r, key)).filter(Boolean).map((x) => `<li>${tag(x.status)} <b>${esc(x.label || x.key)}</b> = ${esc(paramValue(x.key, x.value))}` +
        `${x.policy_value ? `(资料原值 ${esc(x.policy_value)})` : ''}` +
        `${x.quote ? `<blockquote>「${esc(x.quote)}」</blockquote>` : ''}<p class="doc">出处:${esc(x.document)}${x.note ? `(${esc(x.note)})` : ''}</p>` +
        `${x.status !== 'official' && editable(x.key) ? paramLink(x.key, '修改这个数值') : ''}</li>`).join('') + '</ul>';
    }
    h += '</li>';
  }
  h += '</ol>';
  $('trace-body').innerHTML = h;
}
function editable(key) {
  const pol = P(S.scn.policy);
  const x = pol && pol.parameters.find((p) => p.key === key);
  return x ? x.editable : key in EXTRA;
}

// ---- panels loaded on first use ---------------------------------------------------------------
// The comparison (比较), reproduction (复现) and share box live in panels.js, which is not part of the
// first load: it is imported the first time one of them opens, then called directly. It gets the
// page's state and helpers through init() rather than importing app.js: the content-hashed file
// names (scripts/assemble-dist.mjs) allow no reference cycle.
let panels = null;
let panelsLoading = null;
let panelsFailed = 0;
function withPanels(use) {
  if (panels) return use(panels);
  if (!panelsLoading) {
    // After a failed download, a new fragment: some engines remember a failed module URL for good.
    panelsLoading = import(panelsFailed ? `./panels.js#retry-${panelsFailed}` : './panels.js').then((m) => {
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
const renderCompare = () => withPanels((m) => m.renderCompare());
const renderRepro = () => withPanels((m) => m.renderRepro());
const renderShare = (step) => withPanels((m) => m.renderShare(step));

// ---- embed view --------------------------------------------------------------------------------
function renderEmbed() {
  const out = estimate(clean(S.scn));
  const full = `${pageUrl()}#s=${b64e(JSON.stringify(clean(S.scn)))}`;
  let h = '<article class="card embed-card">';
  if (!out.ok) {
    h += `<p>这个链接里的输入有问题,算不出结果:</p><ul>${out.errors.map((e) => `<li>${esc(e.message)}</li>`).join('')}</ul>`;
  } else {
    const r = out.result;
    h += `<p class="h-sub">${esc(r.policy.name)} · ${r.benefit_year}年度${r.amounts_note ? `(${esc(r.amounts_note)})` : ''}</p><p class="summary">${esc(r.summary)}</p><ul class="bigs">`;
    r.members.forEach((m, i) => {
      h += `<li class="big"><span class="b-who">${esc(who(m, i))}:从这天起能报销</span><strong class="b-date">${m.waiting.cover_start ? esc(dz(m.waiting.cover_start)) : '本年度不能'}</strong>` +
        `<span class="b-wait">${m.waiting.exempt ? '不设等待期' : `等待期${m.waiting.months.total}个月`} · 大病限额${esc(signed(m.cap.adjustment))}元</span></li>`;
    });
    h += '</ul>';
    const t = r.household.reimbursement;
    const rows = [{ cells: ['全家要交', esc(yuan(r.household.contribution.total))] }];
    if (!isZero(t.spending)) rows.push({ cells: ['基本医保付', esc(yuan(t.fund_pays))] }, { cells: ['大病保险付', esc(yuan(t.major_pays))] }, { cells: ['自己付', esc(yuan(t.you_pay))] });
    h += tbl(['项目', '金额'], rows, { cls: 'kv', caption: '主要数字' });
    if (r.unverified.length) h += `<p>${tag('unverified')} 部分数值官方尚未公布,结果可能有出入。</p>`;
    h += `<p class="ref">参考编号 <b>${esc(r.reference)}</b> · 规则版本 ${esc(r.rules_version)}</p>`;
  }
  h += `<p><a class="btn primary" href="${esc(full)}" target="_blank" rel="noopener">打开完整测算,看计算过程</a></p></article>`;
  $('embed').innerHTML = h;
  $('embed').hidden = false;
}

// ---- actions -----------------------------------------------------------------------------------
function toolMsg(text) {
  $('toolmsg').textContent = text;
}
function onClick(e) {
  const b = e.target.closest('[data-act]');
  if (!b) return;
  // The second click of a double click (or tap) does nothing: one member added, one share box, ...
  if (e.detail > 1) return;
  const act = b.dataset.act;
  const i = Number(b.dataset.i);
  const s = S.scn;
  const m = Array.isArray(s.members) ? s.members[i] : null;
  switch (act) {
    case 'help': {
      const t = $(b.getAttribute('aria-controls'));
      const open = t.hidden;
      t.hidden = !open;
      b.setAttribute('aria-expanded', String(open));
      if (open) S.helpOpen.add(t.id);
      else S.helpOpen.delete(t.id);
      return;
    }
    case 'add': {
      const pol = P(s.policy);
      s.members.push(newMember(b.dataset.role, pol, s.benefit_year));
      changed(true, 0);
      const last = s.members.length - 1;
      const el = $(fid(`members[${last}].name`));
      if (el) el.focus();
      return;
    }
    case 'rm':
      s.members.splice(i, 1);
      changed(true, 0);
      return;
    case 'year': {
      const r = m.history[Number(b.dataset.k)];
      r.enrolled = r.enrolled === false;
      if (!r.enrolled) {
        delete r.zero_claim;
        delete r.used_bonus;
      }
      changed(true, 0);
      return;
    }
    case 'addstay': {
      if (!isObj(m.spending)) m.spending = {};
      if (!Array.isArray(m.spending.stays)) m.spending.stays = [];
      m.spending.stays.push({ level: 'secondary', month: 1 });
      S.open.add(`spend${i}`);
      changed(true, 0);
      const el = $(fid(`members[${i}].spending.stays[${m.spending.stays.length - 1}].level`));
      if (el) el.focus();
      return;
    }
    case 'rmstay':
      m.spending.stays.splice(Number(b.dataset.j), 1);
      changed(true, 0);
      return;
    case 'repair':
      if (Number(b.dataset.n)) m.repair_years = Number(b.dataset.n);
      else delete m.repair_years;
      changed(true, 0);
      return;
    case 'reading': {
      const pol = P(s.policy);
      if (pol && b.dataset.v === pol.default_reading) delete s.reading;
      else s.reading = b.dataset.v;
      changed(true, 0);
      return;
    }
    case 'goto': case 'param': case 'trace': {
      e.preventDefault();
      let target;
      if (act === 'goto') target = $(b.dataset.target);
      else if (act === 'param') {
        if (!$('params')) return;
        $('params').open = true;
        S.open.add('params');
        fillParams();
        target = $(fid(`overrides.${b.dataset.key}`)) || $(`p-${fid(b.dataset.key)}`);
      } else {
        $('trace').open = true;
        renderTrace();
        target = $(b.getAttribute('href').slice(1));
      }
      if (target) {
        for (let d = target.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
        target.scrollIntoView({ block: 'center' });
        target.focus({ preventScroll: true });
      }
      return;
    }
    case 'share':
      if ($('sharebox').hidden) renderShare(0);
      else closeShare();
      return;
    case 'share-ok':
      renderShare(1);
      return;
    case 'share-close':
      closeShare();
      return;
    case 'copy': {
      const src = $(b.dataset.from);
      withPanels((m) => m.copy(src.value !== undefined && src.tagName !== 'PRE' ? src.value : src.textContent, b.textContent.replace(/^复制/, '')));
      return;
    }
    case 'download':
      withPanels((m) => m.download());
      return;
    case 'print':
      window.print();
      return;
    case 'clear':
      S.undo = S.scn;
      try {
        localStorage.removeItem(STORE);
      } catch (err) {
        /* nothing stored */
      }
      S.scn = defaultScenario();
      S.mapNotes = [];
      S.dirty = false;
      if (location.hash) history.replaceState(null, '', pageUrl());
      closeShare();
      renderForm();
      run();
      $('toolmsg').innerHTML = '已清除您填写的内容。<button type="button" class="btn small" id="undo" data-act="undo">撤销</button>';
      return;
    case 'undo':
      if (S.undo) {
        S.scn = S.undo;
        S.undo = null;
        changed(true, 0);
        toolMsg('已恢复。');
      }
      return;
    default:
  }
}
function closeShare() {
  $('sharebox').hidden = true;
  $('sharebox').innerHTML = '';
  document.querySelector('[data-act="share"]').setAttribute('aria-expanded', 'false');
}
function onToggle(e) {
  const d = e.target;
  if (!(d instanceof HTMLDetailsElement)) return;
  const key = d.dataset.openKey;
  if (key) {
    if (d.open) {
      S.open.add(key);
      S.open.delete(`-${key}`);
    } else {
      S.open.delete(key);
      S.open.add(`-${key}`);
    }
  }
  if (d.open && d.id === 'params') fillParams();
  if (d.open && d.id === 'cmp') renderCompare();
  if (d.open && d.id === 'trace') renderTrace();
  if (d.open && d.id === 'repro') renderRepro();
}

// ---- start -------------------------------------------------------------------------------------
function footer(core) {
  $('version').textContent = core.version();
  const seen = new Set();
  const items = [];
  for (const pol of S.pols) {
    for (const src of pol.sources) {
      if (seen.has(src.title)) continue;
      seen.add(src.title);
      items.push(`<li>${esc(src.title)}${src.published ? `(${esc(src.published)})` : ''}</li>`);
    }
  }
  $('sources').innerHTML = items.join('');
}
function registerWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('./sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      $('offline').textContent = ' · 已存到本机:没有网络时也能打开本页';
    })
    .catch(() => {});
}
// Start-up runs in steps with the browser's own work (input, layout, paint) in between, so that
// none is a long task: a phone's main thread stays responsive while the page comes up.
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
// After the next frame is drawn; hidden tabs draw no frames, so at most 100 ms later in any case.
const afterPaint = () => new Promise((resolve) => {
  const late = setTimeout(resolve, 100);
  requestAnimationFrame(() => {
    clearTimeout(late);
    setTimeout(resolve, 0);
  });
});
function setStatus(textValue, isError) {
  const el = $('status');
  el.textContent = textValue;
  el.className = isError ? 'status status-error' : 'status';
  el.hidden = false;
}

async function main() {
  if (window.YIBAO_NO_WASM) return;
  let core;
  try {
    core = await loadCore();
  } catch (err) {
    console.error('failed to load the wasm core:', err);
    window.YIBAO_FAILED = true;
    // WebAssembly refused (a Content-Security-Policy the engine cannot relax): an old engine.
    const refused = (err instanceof WebAssembly.CompileError || err instanceof EvalError) && /refused|unsafe-eval|policy/i.test(err.message);
    setStatus(refused ? UNSUPPORTED : LOAD_FAILED, true);
    return;
  }
  S.core = testHooks(core);
  S.today = todayIso();
  await nextTask();
  S.pols = core.policies().slice().sort((a, b) => {
    const ia = ORDER.indexOf(a.id);
    const ib = ORDER.indexOf(b.id);
    return (ia < 0 ? ORDER.length : ia) - (ib < 0 ? ORDER.length : ib);
  });
  await nextTask();
  footer(core);
  const hp = new URLSearchParams(location.hash.slice(1));
  let scn = null;
  let linkProblem = '';
  const code = hp.get('s');
  const fallback = '下面是您本机保存的(或默认的)情况,本机保存的内容没有被改动。';
  if (code && code.length > MAX_LINK) {
    linkProblem = `这个分享链接太长(超过${MAX_LINK / 1000} KB),本页不打开这么大的链接。${fallback}`;
  } else if (code) {
    try {
      scn = JSON.parse(b64d(code));
    } catch (err) {
      linkProblem = `这个分享链接不完整或已损坏,打不开里面的内容。${fallback}`;
    }
    if (!linkProblem && !usable(scn)) {
      linkProblem = `这个分享链接里的内容看不懂,打不开。${fallback}`;
      scn = null;
    }
    S.shared = !!scn;
  }
  let storeProblem = '';
  if (!scn) {
    scn = load();
    if (scn && scn.problem) {
      scn = null;
      storeProblem = '本机保存的内容已损坏或来自其他版本,读不出来,已改用默认值。';
    }
  }
  if (!scn) scn = defaultScenario();
  S.scn = scn;
  S.embed = hp.get('embed') === '1' && S.shared;
  if (!S.embed) {
    // The first estimate, in a task of its own, while the loading message still shows.
    try {
      compute();
    } catch (err) {
      /* computed again below, where a failure falls back to the defaults */
    }
    await nextTask();
  }
  $('status').hidden = true;
  if (S.embed) {
    document.body.classList.add('embed');
    renderEmbed();
  } else {
    $('app').hidden = false;
    const form = $('form');
    form.addEventListener('input', onField);
    form.addEventListener('change', onField);
    form.addEventListener('submit', (e) => e.preventDefault());
    document.addEventListener('click', onClick);
    document.addEventListener('toggle', onToggle, true);
    window.addEventListener('pagehide', save);
    if ('IntersectionObserver' in window) {
      // The "看结果" bar shows while neither the results nor the footer are on screen.
      const inView = new Map();
      const io = new IntersectionObserver((entries) => {
        for (const en of entries) inView.set(en.target, en.isIntersecting);
        S.resVisible = [...inView.values()].some(Boolean);
        $('jump').hidden = !S.last || S.resVisible || $('res-sec').hidden;
      });
      io.observe($('res-sec'));
      io.observe(document.querySelector('footer'));
    }
    // The form is drawn first, the results (below the form on a phone) in the next frame; the results
    // column stays hidden until it has them, so nothing on screen moves when they arrive. An edit in
    // between simply computes again (run).
    const res = $('res-sec');
    res.hidden = true;
    try {
      if (!S.sent) compute();
      renderForm();
      await afterPaint();
      showResults();
    } catch (err) {
      // The link or the stored scenario has the right outline but something inside the form cannot
      // show: start from the defaults rather than a blank page.
      console.warn('could not show the scenario; using the defaults:', err);
      if (S.shared) linkProblem = `这个分享链接里的内容看不懂,打不开。${fallback}`;
      else storeProblem = '本机保存的内容已损坏或来自其他版本,读不出来,已改用默认值。';
      S.shared = false;
      S.scn = defaultScenario();
      S.dirty = false;
      renderForm();
      run();
    }
    res.hidden = false;
    if (linkProblem || storeProblem) toolMsg([linkProblem, storeProblem].filter(Boolean).join(''));
    else if (S.shared) toolMsg('已打开分享链接中的测算。您修改后,结果只保存在本机。');
  }
  // Opening another share link in this tab (only the fragment changes) loads it afresh; in-page
  // links (#res-sec) are not share links.
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(location.hash.slice(1)).get('s')) location.reload();
  });
  window.YIBAO_READY = true;
  registerWorker();
}

main();
