// ECMAScript 5 for the engines that cannot run the page's wasm: the fallback core
// (scripts/build-fallback.mjs) and the page bundle for those engines (scripts/legacy-page.mjs) are
// both lowered, minified and checked here. esbuild lowers only part of ES2015 (not let/const,
// destructuring, classes, for-of or async), so TypeScript's transpiler (pinned in package.json)
// does the lowering, esbuild minifies the ES5 it gets, and acorn (pinned) parses the result as
// ECMAScript 5, or the build stops.
import * as acorn from 'acorn';
import * as esbuild from 'esbuild';
import ts from 'typescript';

// ES2015+ syntax to ES5. Iteration keeps its meaning for Sets, Maps and strings
// (downlevelIteration: TypeScript's helpers follow Symbol.iterator where the engine has it); async
// functions become TypeScript's generator state machine over the engine's Promise.
export function lowerToEs5(code, label) {
  const out = ts.transpileModule(code, {
    compilerOptions: {
      target: ts.ScriptTarget.ES5, module: ts.ModuleKind.CommonJS, downlevelIteration: true,
      removeComments: true, newLine: ts.NewLineKind.LineFeed,
    },
    reportDiagnostics: true,
  });
  if (out.diagnostics?.length) {
    throw new Error(`${label}: TypeScript: ${out.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
  }
  return out.outputText;
}

// Minified without renaming top-level names: the scripts define globals.
export const minifyEs5 = (code) =>
  esbuild.transformSync(code, { loader: 'js', minify: true, target: 'es5', charset: 'utf8', legalComments: 'none' }).code;

// Throws unless `code` parses as an ECMAScript 5 script (regular expression literals included: a
// named group or a flag newer than ES5 fails too).
export function checkEs5(code, label) {
  try {
    acorn.parse(code, { ecmaVersion: 5, sourceType: 'script' });
  } catch (err) {
    const at = err.pos ?? 0;
    throw new Error(`${label} is not ECMAScript 5: ${err.message} near ${JSON.stringify(code.slice(Math.max(0, at - 60), at + 60))}`);
  }
}
