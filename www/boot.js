/* 医保待遇测算 — boot check. A classic ES5 script (runs before the page module, in every browser, even those
   too old for modules or for the syntax of the page module): it probes WebAssembly, and where the phone
   cannot run the wasm it hands over to old-engines.js (the same core compiled to JavaScript, and the page
   as a classic script), which also says so where even that cannot run. */
(function () {
  'use strict';
  var SLOW = '网络较慢,仍在加载测算程序…如果一直没有反应,请检查网络后刷新页面。';

  // A share link or stored inputs (js/storage.js's key) open on the answer, not the first question:
  // said here, before the page has started, so that the introduction a first visit sees from its
  // first paint is never shown to them and then taken away (style.css, .lede).
  try {
    if (/(^#|&)s=/.test(location.hash) || window.localStorage.getItem('yibao.scenario.v1') !== null) {
      document.documentElement.className += ' returning';
    }
  } catch (e) {
    /* storage unavailable: as a first visit */
  }

  // A 65-byte module that uses every post-MVP feature the Rust wasm32 target emits by default
  // (bulk memory, reference types, multi-value, sign extension, non-trapping float-to-int), so old
  // engines are caught here instead of failing half-way through instantiation.
  var PROBE = [
    0, 97, 115, 109, 1, 0, 0, 0, 1, 13, 2, 96, 2, 127, 125, 2, 127, 127, 96, 0, 2, 127, 127, 3, 2,
    1, 0, 5, 3, 1, 0, 1, 7, 5, 1, 1, 112, 0, 0, 10, 24, 1, 22, 0, 65, 0, 65, 0, 65, 0, 252, 11, 0,
    208, 111, 209, 26, 32, 0, 192, 32, 1, 252, 0, 11
  ];

  function supported() {
    try {
      return (
        typeof WebAssembly === 'object' &&
        typeof WebAssembly.validate === 'function' &&
        typeof WebAssembly.instantiate === 'function' &&
        typeof Uint8Array === 'function' &&
        'noModule' in document.createElement('script') &&
        WebAssembly.validate(new Uint8Array(PROBE)) &&
        compiles()
      );
    } catch (e) {
      return false;
    }
  }

  // validate() is not subject to the page's Content-Security-Policy; compiling is. Engines that do not
  // know 'wasm-unsafe-eval' (Chrome < 97, Safari < 16) refuse to compile under it and throw a
  // CompileError (or EvalError): that is an engine too old for this page, not a network problem.
  function compiles() {
    try {
      return new WebAssembly.Module(new Uint8Array(PROBE)) instanceof WebAssembly.Module;
    } catch (e) {
      return false;
    }
  }

  function show(text) {
    var el = document.getElementById('status');
    if (!el) return;
    el.textContent = text;
    el.className = 'status';
    el.hidden = false;
  }

  // A hint to start a download now; the page module asks for the same URL later and gets this one.
  function preload(href, rel, as) {
    try {
      var link = document.createElement('link');
      link.setAttribute('rel', rel);
      if (as) {
        link.setAttribute('as', as);
        // fetch() of a same-origin URL is a CORS-mode request with same-origin credentials: so is this.
        link.setAttribute('crossorigin', 'anonymous');
      }
      link.setAttribute('href', href);
      document.head.appendChild(link);
    } catch (e) {
      /* only a hint */
    }
  }

  // Calls fn once the first frame is on screen (Paint Timing): at once where the engine has no paint
  // timing, after 500 ms at most (a tab in the background paints nothing). fn may be called twice
  // (paint, then the timer): callers must not mind. The page module waits through it too.
  function afterFirstPaint(fn) {
    try {
      var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
      if (!types || types.indexOf('paint') < 0 || performance.getEntriesByType('paint').length) {
        fn();
        return;
      }
      new PerformanceObserver(function (list, observer) {
        observer.disconnect();
        fn();
      }).observe({ type: 'paint', buffered: true });
    } catch (e) {
      fn();
      return;
    }
    setTimeout(fn, 500);
  }

  window.YIBAO_AFTER_PAINT = afterFirstPaint;

  // The page sets YIBAO_READY once the calculator runs (YIBAO_FAILED when it says why it cannot);
  // say so if that takes long.
  setTimeout(function () {
    if (!window.YIBAO_READY && !window.YIBAO_FAILED) show(SLOW);
  }, 12000);

  if (!supported()) {
    // The page module (if this engine runs modules at all) stands aside; old-engines.js takes over.
    window.YIBAO_NO_WASM = true;
    var script = document.createElement('script');
    script.src = 'old-engines.js';
    document.head.appendChild(script);
    return;
  }
  // The page module fetches the core and its glue only once it has been downloaded and run itself;
  // asking for both here lets them download alongside it. Only after the probe: a phone that cannot
  // run the core downloads none of it. (scripts/build-www rewrites the names to the hashed files.)
  // Once the first frame is on screen (the page's text first, then the big download; the page
  // module waits for it too), and not if the page module has already asked for them itself.
  var preloaded = false;
  function preloadCore() {
    if (preloaded || window.YIBAO_CORE_REQUESTED) return;
    preloaded = true;
    preload('yibao.js', 'modulepreload');
    preload('yibao_bg.wasm', 'preload', 'fetch');
    // The first city's data and the list of cities, which the core is given as it starts
    // (scripts/assemble-dist.mjs puts the first city's file in place of DEFAULT.bin).
    preload('policies/DEFAULT.bin', 'preload', 'fetch');
    preload('policies/index.json', 'preload', 'fetch');
  }
  afterFirstPaint(preloadCore);
})();
