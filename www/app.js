// 医保待遇测算 — start-up, the entry of the page's bundle. The page gathers inputs into a scenario
// (docs/scenario.md), hands it to the Rust core compiled to WebAssembly and shows the strings the
// core returns. No rule and no amount is computed in the page: every figure on screen comes from
// estimate(), policies() or version(). The boot script (classic, ES5) has already probed
// WebAssembly support. scripts/assemble-dist.mjs bundles this file and the modules under js/
// (one job each, named by what it does) into one script with esbuild.
//   js/core.js      calling the core (js/core-wasm.js loads it) js/state.js  the page's state
//   js/policies.js  the cities: the list, the ones loaded
//   js/scenario.js  the scenario: paths, defaults              js/storage.js  share links, localStorage
//   js/words.js     labels and help texts                      js/format.js   amounts, dates, names
//   js/controls.js  form controls as HTML                      js/form.js     the questions
//   js/guide.js     one question per screen                    js/input.js    form → scenario
//   js/city.js      changing city (one line, 撤销, kept)        js/run.js      estimate, then show
//   js/errors.js    each error beside its field                js/answer.js   the answer card
//   js/charts.js    the year strip, the 大病 cap chart          js/results.js  the details below it
//   js/params.js    the parameters panel                       js/trace.js    the 计算过程 panel
//   js/embed.js     the embed view                             js/elder.js    长辈模式 and 朗读
//   js/actions.js   buttons, links, open panels                js/lazy.js     details.js, panels.js when needed
//   js/cited.js     a result's cited parameters, the unofficial js/sources.js  资料来源 of the city on screen
//   js/press.js     nothing drawn under a finger mid-tap

// Imported in this order (from helpers to the page), which the bundle keeps: about 40 bytes less brotli.
import { S, todayIso } from './js/state.js';
import { clean, defaultScenario } from './js/scenario.js';
import { MAX_LINK, STORE, b64d, load, problemOf, save, storedElsewhere } from './js/storage.js';
import { loadCore, onCoreRestart, policyUrls, refusedByEngine } from './js/core.js';
import { isLoaded, startCities, usePolicy } from './js/policies.js';
import { renderForm } from './js/form.js';
import { onField } from './js/input.js';
import { compute, flush, run, showResults } from './js/run.js';
import { renderAnswer } from './js/answer.js';
import { renderSources } from './js/sources.js';
import { showErrors, touchControl, touchErrors } from './js/errors.js';
import { showView } from './js/guide.js';
import { renderEmbed } from './js/embed.js';
import { onClick, onToggle } from './js/actions.js';
import { register } from './js/lazy.js';
import { initElder } from './js/elder.js';
import { $, setStatus, toolMsg } from './js/dom.js';
import { afterPress, watchPresses } from './js/press.js';

const LOAD_FAILED = '测算程序加载失败,请检查网络后刷新页面重试。';
const UNSUPPORTED = '您的浏览器版本过旧,无法运行本测算。请点击右上角「…」选择「在浏览器中打开」,或升级微信后再试。';
function registerWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('./sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      $('offline').textContent = ' · 已存到本机:没有网络时也能打开本页';
      // The worker keeps a city's data when it passes through it: the cities loaded before it
      // controlled the page are asked for again (from the HTTP cache), so that they open offline too.
      const again = () => policyUrls().forEach((url) => fetch(url).catch(() => {}));
      if (navigator.serviceWorker.controller) again();
      else navigator.serviceWorker.addEventListener('controllerchange', again, { once: true });
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

// The list of cities changed (it arrived, or a city was loaded): the footer lists the sources, and
// the form, if it shows the cities and nobody is typing in it, shows the new list.
function citiesChanged() {
  renderSources();
  const typing = document.activeElement && document.activeElement.closest && document.activeElement.closest('#form input[type="text"]');
  if (S.scn && document.querySelector('#form input[name="policy"]') && !typing) renderForm();
}

// Before a scenario from a link or from storage is read: its city loaded into the core. '' when it
// is (or when no city has that id: problemOf says so), else why it could not be.
async function cityProblem(scn) {
  const id = cityOf(scn);
  if (!id || isLoaded(id)) return '';
  try {
    await usePolicy(id);
    return '';
  } catch (err) {
    console.warn(`could not load the policy ${id}:`, err);
    return `${id}的资料没能下载,请检查网络后刷新页面`;
  }
}

const FALLBACK = '下面是您本机保存的(或默认的)情况,本机保存的内容没有被改动。';
// The share link's scenario as it is, unchecked (problemOf checks it): { scn, problem }, scn null
// when there is no link or it cannot be read, problem '' unless it cannot.
function readLink(code) {
  if (!code) return { scn: null, problem: '' };
  if (code.length > MAX_LINK) return { scn: null, problem: `这个分享链接太长(超过${MAX_LINK / 1000} KB),本页不打开这么大的链接。${FALLBACK}` };
  try {
    return { scn: JSON.parse(b64d(code)), problem: '' };
  } catch (err) {
    return { scn: null, problem: `这个分享链接不完整或已损坏,打不开里面的内容。${FALLBACK}` };
  }
}

// The city a scenario (unchecked) names, or ''.
const cityOf = (scn) => (scn && typeof scn.policy === 'string' ? scn.policy : '');

// The stored inputs as they are, unchecked (load() checks them), or null.
function storedScenario() {
  try {
    return JSON.parse(localStorage.getItem(STORE));
  } catch (e) {
    return null;
  }
}

async function main() {
  if (window.YIBAO_NO_WASM) return;
  // The only place these URLs are named (js/lazy.js says why); the build rewrites them to hashed names.
  register({ details: './details.js', panels: './panels.js' });
  initElder();
  watchPresses();
  const hp = new URLSearchParams(location.hash.slice(1));
  const code = hp.get('s');
  const linked = readLink(code);
  let core;
  try {
    core = await loadCore(cityOf(linked.scn || storedScenario()));
  } catch (err) {
    console.error('failed to load the core:', err);
    window.YIBAO_FAILED = true;
    setStatus(refusedByEngine(err) ? UNSUPPORTED : LOAD_FAILED, true);
    return;
  }
  onCoreRestart((err) => {
    if (err) {
      window.YIBAO_FAILED = true;
      setStatus(LOAD_FAILED, true);
      return;
    }
    if (S.embed) renderEmbed();
    else run();
    toolMsg('测算程序刚才出错,已自动重新启动;您填写的内容都还在。');
  });
  S.today = todayIso();
  await nextTask();
  $('version').textContent = core.version();
  startCities(core.policies(), citiesChanged);
  await nextTask();
  let scn = linked.scn;
  let linkProblem = linked.problem;
  if (code) {
    const missing = linkProblem ? '' : await cityProblem(scn);
    if (missing) {
      linkProblem = `打不开这个分享链接:${missing}。${FALLBACK}`;
      scn = null;
    }
    const problem = linkProblem ? '' : problemOf(scn);
    if (problem) {
      linkProblem = `这个分享链接里的内容看不懂(${problem}),打不开。${FALLBACK}`;
      scn = null;
    }
    S.shared = !!scn;
  }
  let storeProblem = '';
  const shared = !!scn;
  if (!scn) {
    // The stored inputs' city, loaded first; a failure is load()'s to report.
    await cityProblem(storedScenario());
    scn = load();
    if (scn && scn.problem) {
      storeProblem = `本机保存的内容已损坏或来自其他版本(${scn.problem}),读不出来,已改用默认值。`;
      scn = null;
    }
  }
  // A first visit (nothing shared, nothing stored, nothing to explain) starts with the questions.
  const firstVisit = !scn && !shared && !linkProblem && !storeProblem;
  S.askCity = firstVisit;
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
    const form = $('form');
    form.addEventListener('input', onField);
    form.addEventListener('change', onField);
    // Leaving a field is when its errors may show (js/errors.js): once the press that left it is over
    // (js/press.js), so that they never move a button from under the finger.
    form.addEventListener('focusout', (e) => {
      if (!e.target.dataset || !e.target.dataset.path) return;
      const el = e.target;
      afterPress(() => {
        flush();
        if (S.touched.has(`e-${el.id}`)) return;
        touchControl(el);
        showErrors();
        renderAnswer();
      });
    });
    form.addEventListener('submit', (e) => e.preventDefault());
    document.addEventListener('click', onClick);
    document.addEventListener('toggle', onToggle, true);
    window.addEventListener('pagehide', save);
    // Another tab saved or cleared the inputs (js/storage.js, storedElsewhere).
    window.addEventListener('storage', (e) => {
      if (e.key !== STORE && e.key !== null) return;
      // The other tab's city, loaded now, so that 改用那边的 finds it.
      const theirs = e.newValue && (() => {
        try {
          return JSON.parse(e.newValue).policy;
        } catch (err) {
          return null;
        }
      })();
      if (typeof theirs === 'string') usePolicy(theirs).catch(() => {});
      // The same inputs as here (say, this page's own save as it reloads): nothing to say.
      if (e.newValue !== null && e.newValue === JSON.stringify(clean(S.scn))) return;
      storedElsewhere();
      const text = e.newValue === null
        ? '另一个窗口清除了保存的内容。这里显示的内容没有再保存;在这里修改后才会重新保存。'
        : '另一个窗口刚保存了不同的内容。这里的内容没有覆盖它;在这里修改后会保存这里的。';
      $('toolmsg').innerHTML = `${text}${e.newValue === null ? '' : '<button type="button" class="btn small" id="take-stored" data-act="take-stored">改用那边的</button>'}`;
      if (S.view === 'guide') {
        S.notice = text;
        renderForm();
      }
    });
    // Printing shows the details too (a closed <details> prints as its summary alone).
    const reopen = [];
    window.addEventListener('beforeprint', () => {
      for (const d of document.querySelectorAll('#results details.mres:not([open])')) {
        d.open = true;
        reopen.push(d);
      }
    });
    window.addEventListener('afterprint', () => {
      while (reopen.length) reopen.pop().open = false;
    });
    if ('IntersectionObserver' in window) {
      // The "看结果" bar shows while neither the answer nor the footer is on screen.
      const inView = new Map();
      const io = new IntersectionObserver((entries) => {
        for (const en of entries) inView.set(en.target, en.isIntersecting);
        S.resVisible = [...inView.values()].some(Boolean);
        $('jump').hidden = !(S.last || S.errors.length) || S.resVisible || S.view === 'guide';
      });
      io.observe($('answer'));
      io.observe(document.querySelector('footer'));
    }
    // A first visit shows the first question. Otherwise the answer comes first: the form (below the
    // answer and the details) is built hidden, so the errors of a link or a stored scenario find their
    // fields and show at once, and appears after the first paint, below the fold, moving nothing.
    const formSec = $('form-sec');
    try {
      if (!S.sent) compute();
      showView(firstVisit ? 'guide' : 'answer', firstVisit ? 'city' : '');
      if (firstVisit) {
        renderForm();
        showResults();
        $('app').hidden = false;
      } else {
        formSec.hidden = true;
        renderForm();
        await nextTask();
        touchErrors();
        showResults();
        $('app').hidden = false;
        await afterPaint();
        formSec.hidden = false;
      }
    } catch (err) {
      // The link or the stored scenario has the right outline but something inside the form cannot
      // show: start from the defaults rather than a blank page.
      console.warn('could not show the scenario; using the defaults:', err);
      if (S.shared) linkProblem = `这个分享链接里的内容看不懂,打不开。${FALLBACK}`;
      else storeProblem = '本机保存的内容已损坏或来自其他版本,读不出来,已改用默认值。';
      S.shared = false;
      S.scn = defaultScenario();
      S.dirty = false;
      showView('answer');
      renderForm();
      run();
      $('app').hidden = false;
      formSec.hidden = false;
    }
    if (linkProblem || storeProblem) toolMsg([linkProblem, storeProblem].filter(Boolean).join(''));
    else if (S.shared) toolMsg('已打开分享链接中的测算。您修改后,结果只保存在本机。');
  }
  // Opening another share link in this tab (only the fragment changes) loads it afresh; in-page
  // links (#answer) are not share links.
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(location.hash.slice(1)).get('s')) location.reload();
  });
  window.YIBAO_READY = true;
  registerWorker();
}

main();
