// 医保待遇测算 — minimal page: probes WebAssembly support, loads the Rust core, runs `estimate`
// on every edit. No framework, no external resources. scripts/build-www gives every file here a
// content-hashed name and rewrites the references below ('./yibao.js', './yibao_bg.wasm').

const UNSUPPORTED =
  '您的浏览器版本过旧,无法运行本测算。请点击右上角「…」选择「在浏览器中打开」,或升级微信后再试。';
const LOAD_FAILED = '测算程序加载失败,请检查网络后刷新页面重试。';

// A 65-byte module that uses every post-MVP feature the Rust wasm32 target emits by default
// (bulk memory, reference types, multi-value, sign extension, non-trapping float-to-int), so
// old engines are caught here instead of failing half-way through instantiation.
const PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 13, 2, 96, 2, 127, 125, 2, 127, 127, 96, 0, 2, 127, 127, 3, 2,
  1, 0, 5, 3, 1, 0, 1, 7, 5, 1, 1, 112, 0, 0, 10, 24, 1, 22, 0, 65, 0, 65, 0, 65, 0, 252, 11, 0,
  208, 111, 209, 26, 32, 0, 192, 32, 1, 252, 0, 11,
]);

// Sample scenario (from tests/examples/zjk-01-relapse-two-years-march.json); the full page
// replaces this textarea with a form.
const SAMPLE = {
  policy: 'zhangjiakou-2025',
  benefit_year: 2027,
  members: [
    {
      name: '本人',
      role: 'self',
      category: 'adult',
      history: [
        { year: 2025, enrolled: false },
        { year: 2026, enrolled: false },
      ],
      payment_date: '2027-03-10',
      spending: {
        stays: [
          { level: 'tertiary', month: 5, amount: '30000' },
          { level: 'secondary', month: 9, amount: '8000' },
        ],
      },
    },
  ],
};

const $ = (id) => document.getElementById(id);

function setStatus(text, isError) {
  const el = $('status');
  el.textContent = text;
  el.className = isError ? 'status status-error' : 'status';
  el.hidden = false;
}

function wasmSupported() {
  try {
    return (
      typeof WebAssembly === 'object' &&
      typeof WebAssembly.validate === 'function' &&
      typeof WebAssembly.instantiate === 'function' &&
      WebAssembly.validate(PROBE)
    );
  } catch (err) {
    return false;
  }
}

// Streams when the engine can; some iOS WebViews reject instantiateStreaming, so fall back to
// bytes + WebAssembly.instantiate (wasm-bindgen's init takes a Response or a BufferSource).
async function loadCore() {
  const glue = await import('./yibao.js');
  const wasmUrl = new URL('./yibao_bg.wasm', import.meta.url);
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${wasmUrl}`);
  if (typeof WebAssembly.instantiateStreaming === 'function') {
    const spare = response.clone();
    try {
      await glue.default({ module_or_path: response });
      return glue;
    } catch (err) {
      console.warn('instantiateStreaming failed, retrying from bytes:', err);
      await glue.default({ module_or_path: await spare.arrayBuffer() });
      return glue;
    }
  }
  await glue.default({ module_or_path: await response.arrayBuffer() });
  return glue;
}

function render(core) {
  const input = $('scenario');
  const output = $('output');
  const run = () => {
    let scenario;
    try {
      scenario = JSON.parse(input.value);
    } catch (err) {
      output.textContent = `输入不是有效的 JSON:${err.message}`;
      output.classList.add('is-error');
      return;
    }
    try {
      const result = core.estimate(scenario);
      output.textContent = JSON.stringify(result, null, 2);
      output.classList.toggle('is-error', Boolean(result && result.ok === false));
    } catch (err) {
      output.textContent = `测算出错:${err && err.message ? err.message : err}`;
      output.classList.add('is-error');
    }
  };
  input.value = JSON.stringify(SAMPLE, null, 2);
  input.addEventListener('input', run);
  run();
  $('version').textContent = core.version();
  $('status').hidden = true;
  $('calc').hidden = false;
}

async function main() {
  if (!wasmSupported()) {
    setStatus(UNSUPPORTED, true);
    return;
  }
  let core;
  try {
    core = await loadCore();
  } catch (err) {
    console.error('failed to load the wasm core:', err);
    setStatus(LOAD_FAILED, true);
    return;
  }
  render(core);
}

main();
