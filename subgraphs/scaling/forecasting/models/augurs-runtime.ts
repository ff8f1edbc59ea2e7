import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AutoETS } from '@bsull/augurs/ets' with { 'resolution-mode': 'import' };
import type { MSTL } from '@bsull/augurs/mstl' with { 'resolution-mode': 'import' };

/**
 * `@bsull/augurs` is ESM-only wasm-bindgen output built for the web: importing it does not
 * instantiate its WASM, and its async loader fetches the file from `import.meta.url`. So:
 * - the JS glue is loaded with Node's own `require` (Node ≥ 20.19 requires ES modules; package.json's
 *   engines asks for that). It comes from `process.getBuiltinModule` because jest hands test code
 *   a `createRequire` of its own CommonJS registry, which cannot load an ES module, and TypeScript's
 *   node16 CommonJS output refuses a static import of one;
 * - each WASM file is instantiated synchronously from the bytes beside its glue (`initSync`), once
 *   per process, so a forecast stays a plain synchronous function. Reading those bytes is the only
 *   file access of the forecasting code: loading a library, not reading data.
 */
const nodeRequire = process.getBuiltinModule('node:module').createRequire(__filename);

interface WasmGlue {
  initSync(options: { module: Uint8Array }): unknown;
}

function loadGlue<Glue extends WasmGlue>(subpath: 'mstl' | 'ets'): Glue {
  const entry = nodeRequire.resolve(`@bsull/augurs/${subpath}`);
  const glue = nodeRequire(entry) as Glue;
  // The glue tells `{ module }` from a deprecated bare argument by comparing prototypes with its
  // own realm's Object.prototype. Under jest this file runs in another realm (a vm context), so the
  // options are cloned into Node's main realm, where structuredClone creates its copies.
  glue.initSync(structuredClone({ module: readFileSync(join(dirname(entry), `${subpath}_bg.wasm`)) }));
  return glue;
}

let mstlGlue: { MSTL: typeof MSTL } | undefined;
let etsGlue: { AutoETS: typeof AutoETS } | undefined;

/** augurs' MSTL class, its WASM instantiated on first use. */
export function augursMstl(): typeof MSTL {
  mstlGlue ??= loadGlue<WasmGlue & { MSTL: typeof MSTL }>('mstl');
  return mstlGlue.MSTL;
}

/** augurs' AutoETS class, its WASM instantiated on first use. */
export function augursAutoEts(): typeof AutoETS {
  etsGlue ??= loadGlue<WasmGlue & { AutoETS: typeof AutoETS }>('ets');
  return etsGlue.AutoETS;
}
