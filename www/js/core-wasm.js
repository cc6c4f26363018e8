// Loading the Rust core compiled to WebAssembly, for core.js: everything that touches the wasm
// module or its glue. scripts/build-www gives every file a content-hashed name and rewrites
// './yibao.js' and './yibao_bg.wasm' below (the bundler leaves both alone: they are not part of the
// page's bundle).

let compiled = null; // the compiled module, kept to re-create the instance after a trap
let restarts = 0;

// Streams when the engine can; some iOS WebViews reject instantiateStreaming, so fall back to
// bytes + WebAssembly.instantiate (wasm-bindgen's init takes a Response or a BufferSource).
// Resolves to the glue's exports (version, policies, estimate).
export async function load() {
  const wasmUrl = new URL('./yibao_bg.wasm', import.meta.url);
  const [glue, response] = await Promise.all([import('./yibao.js'), fetch(wasmUrl)]);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${wasmUrl}`);
  let module = null;
  if (typeof WebAssembly.compileStreaming === 'function') {
    const spare = response.clone();
    try {
      module = await WebAssembly.compileStreaming(response);
    } catch (err) {
      if (refused(err)) throw err;
      console.warn('compileStreaming failed, retrying from bytes:', err);
      module = await WebAssembly.compile(await spare.arrayBuffer());
    }
  } else {
    module = await WebAssembly.compile(await response.arrayBuffer());
  }
  await glue.default({ module_or_path: module });
  compiled = module;
  return glue;
}

// A fresh instance after a trap: a fresh copy of the glue module (the fragment makes it a separate
// module instance; the file comes from the cache), instantiated from the kept compiled module.
export async function reload() {
  restarts += 1;
  // A variable, not a template literal: the bundler would take a template for a glob of files.
  const fresh = `./yibao.js#restart-${restarts}`;
  const glue = await import(fresh);
  await glue.default({ module_or_path: compiled });
  return glue;
}

export const isTrap = (err) => err instanceof WebAssembly.RuntimeError;
export const trap = (message) => new WebAssembly.RuntimeError(message);

// WebAssembly refused by a Content-Security-Policy the engine cannot relax: an old engine. (boot.js
// tests this first, so that such an engine gets the fallback; this is for one that passed anyway.)
export const refused = (err) =>
  (err instanceof WebAssembly.CompileError || err instanceof EvalError) && /refused|unsafe-eval|policy/i.test(err.message);
