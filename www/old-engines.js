/* 医保待遇测算 — for engines that cannot run the page's WebAssembly. boot.js loads this classic ES5 script
   only where its probe fails: no WebAssembly, a wasm feature the core uses missing (Chrome before 96,
   Safari before 15), or compiling refused under the page's Content-Security-Policy (no
   'wasm-unsafe-eval' before Chrome 97 and Safari 16: iOS 15 is such an engine). It loads the page as an
   ES5 classic script (app-legacy.js), which then loads the same Rust core compiled to JavaScript
   (yibao_fallback.js), where this engine has what both use; elsewhere it says what the person can do
   on this phone. scripts/build-www rewrites the file names below to the hashed ones. */
(function () {
  'use strict';
  // WeChat on an iPhone uses the system's WebKit: opening the link in Safari or updating WeChat does
  // not help there; updating iOS, or another device, does.
  var TOO_OLD_IOS =
    '这部手机的系统版本太旧,无法运行本测算。请在「设置」→「通用」→「软件更新」中更新手机系统后再打开;如果这部手机已经不能更新,请把这个链接发给家人,用较新的手机或电脑打开。';
  var TOO_OLD =
    '您的浏览器版本过旧,无法运行本测算。请点击右上角「…」选择「在浏览器中打开」,或升级微信后再试。';
  var LOAD_FAILED = '测算程序加载失败,请检查网络后刷新页面重试。';

  // What app-legacy.js and yibao_fallback.js use beyond ES5 syntax. All of it is in Chrome 57 and
  // Safari 10.1 (iOS 10.3) and later; an engine missing any of it gets the message instead.
  var NEEDS = [
    'Promise', 'Map', 'Set', 'Symbol', 'Uint8Array', 'Int32Array', 'Float32Array', 'Float64Array', 'DataView',
    'TextDecoder', 'TextEncoder', 'URLSearchParams', 'requestAnimationFrame', 'Object.entries', 'Object.assign',
    'Array.from', 'Number.isSafeInteger', 'String.prototype.padStart', 'Math.imul', 'Math.fround', 'Math.clz32',
    'Math.trunc', 'fetch', 'URL'
  ];

  function has(name) {
    var value = window;
    var parts = name.split('.');
    for (var i = 0; i < parts.length; i++) {
      if (value === null || value === undefined) return false;
      value = value[parts[i]];
    }
    return typeof value === 'function';
  }

  function capable() {
    try {
      for (var i = 0; i < NEEDS.length; i++) if (!has(NEEDS[i])) return false;
      return true;
    } catch (e) {
      return false;
    }
  }

  function ios() {
    var nav = window.navigator;
    return /iPhone|iPad|iPod/.test(nav.userAgent) || (nav.platform === 'MacIntel' && nav.maxTouchPoints > 1);
  }

  function fail(text) {
    window.YIBAO_FAILED = true;
    var el = document.getElementById('status');
    if (!el) return;
    el.textContent = text;
    el.className = 'status status-error';
    el.hidden = false;
  }

  function element(tag, attrs) {
    var el = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) el.setAttribute(k, attrs[k]);
    return el;
  }

  // The service worker does not precache the files only old engines use (a phone that runs the wasm
  // never needs them). For the page to open offline next time here too, they are asked for once more
  // through the worker once it controls the page: from the HTTP cache, and kept in the worker's.
  function keepForOffline(urls) {
    var sw = navigator.serviceWorker;
    if (!sw || typeof window.fetch !== 'function') return;
    var done = false;
    function again() {
      if (done || !sw.controller) return;
      done = true;
      for (var i = 0; i < urls.length; i++) {
        if (urls[i]) window.fetch(urls[i]).catch(function () {});
      }
    }
    if (sw.controller) again();
    else sw.addEventListener('controllerchange', again);
  }

  if (!capable()) {
    fail(ios() ? TOO_OLD_IOS : TOO_OLD);
    return;
  }
  var own = document.currentScript && document.currentScript.src;
  var page = element('script', { src: 'app-legacy.js' });
  page.onerror = function () {
    fail(LOAD_FAILED);
  };
  document.head.appendChild(page);
  // The core is the big download: once the first frame is on screen, as on the wasm path. The page
  // asks for the same URL when it needs the core and gets this download.
  var core = element('link', { rel: 'preload', as: 'script', href: 'yibao_fallback.js' });
  var preloaded = false;
  (window.YIBAO_AFTER_PAINT || function (fn) { fn(); })(function () {
    if (preloaded) return;
    preloaded = true;
    document.head.appendChild(core);
  });
  keepForOffline([own, page.src, core.href]);
})();
