import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Which file a solver Worker runs. Node can only start JavaScript, and this engine runs in three
 * shapes:
 *  - compiled (dist/): solver-worker.js sits next to this file: use it;
 *  - from TypeScript source (ts-jest): only solver-worker.ts exists; it is bundled once per
 *    process with esbuild (a devDependency, present wherever the .ts sources are run) into a
 *    temporary .js file;
 *  - inside an esbuild bundle (bench/): __dirname is the bundle's folder, which holds neither
 *    file, so the caller passes the path of solver-worker.ts (or of a prebuilt .js) explicitly.
 * GOLIATH_SOLVER_WORKER overrides all of this.
 */
export function resolveSolverWorkerScript(explicit?: string): string {
  const candidate =
    explicit ??
    process.env.GOLIATH_SOLVER_WORKER ??
    [join(__dirname, 'solver-worker.js'), join(__dirname, 'solver-worker.ts')].find((p) => existsSync(p));
  if (!candidate) {
    throw new Error(`no solver-worker.js or solver-worker.ts beside ${__dirname}; pass the worker script explicitly`);
  }
  return candidate.endsWith('.ts') ? bundledFromSource(candidate) : candidate;
}

const bundles = new Map<string, string>();

function bundledFromSource(source: string): string {
  const known = bundles.get(source);
  if (known) return known;
  // Required lazily: production (dist) never reaches this line and does not ship esbuild.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const built = esbuild.buildSync({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const outfile = join(mkdtempSync(join(tmpdir(), 'goliath-solver-')), 'solver-worker.js');
  writeFileSync(outfile, built.outputFiles[0].text);
  bundles.set(source, outfile);
  return outfile;
}
