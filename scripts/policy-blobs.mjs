// The policies as the page gets them: build.rs writes each one in its binary form
// ($OUT_DIR/policies/<id>.bin), scripts/build-www copies them to target/www-build/policies/, and a
// core built without the feature `embed` (the page's wasm, the fallback core) knows none until it is
// given one with load_policy(bytes). Used by the Node checks and scripts/assemble-dist.mjs.
import fs from 'node:fs';
import path from 'node:path';

export const BLOB_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../target/www-build/policies');

// Every blob of `dir`, by file name order: [{ file, bytes }].
export function readBlobs(dir = BLOB_DIR) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.bin')).sort().map((file) => ({ file, bytes: fs.readFileSync(path.join(dir, file)) }));
}

// Loads each blob into `core` (a wasm glue or a fallback instance); returns what load_policy said of
// each (the policy as policies() lists it). A blob the core refuses stops the caller, naming it.
export function loadBlobs(core, blobs = readBlobs()) {
  if (!blobs.length) throw new Error(`no policy blobs in ${BLOB_DIR}: run scripts/build-www`);
  return blobs.map(({ file, bytes }) => {
    const out = core.load_policy(new Uint8Array(bytes));
    if (!out || !out.ok) throw new Error(`${file}: the core refused it: ${JSON.stringify(out && out.errors)}`);
    return { file, info: out.result };
  });
}
