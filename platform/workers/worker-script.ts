import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root';

export interface WorkerScriptRequest {
  /** The folder of the code that starts the worker (its `__dirname`). */
  readonly directory: string;
  /** The worker entry's name without extension: `solver-worker`. */
  readonly baseName: string;
  /** A path given by the caller or the environment, which wins. */
  readonly explicit?: string;
}

/**
 * Which file a Worker runs. Node can only start JavaScript, and the code runs in three shapes:
 *  - compiled (dist/): `<baseName>.js` sits next to its starter: use it;
 *  - from TypeScript source (ts-jest): only `<baseName>.ts` exists; it is bundled once per
 *    process with esbuild (a devDependency, present wherever the .ts sources are run) into
 *    node_modules/.cache/goliath/, where Node still finds the packages the bundle leaves out;
 *  - inside an esbuild bundle (bench/): `__dirname` is the bundle's folder, which holds neither
 *    file, so the caller passes the path of the .ts (or of a prebuilt .js) explicitly.
 */
export function resolveWorkerScript(request: WorkerScriptRequest): string {
  const candidate = request.explicit ?? [join(request.directory, `${request.baseName}.js`), join(request.directory, `${request.baseName}.ts`)].find((path) => existsSync(path));
  if (!candidate) throw new Error(`no ${request.baseName}.js or ${request.baseName}.ts beside ${request.directory}; pass the worker script explicitly`);
  return candidate.endsWith('.ts') ? bundledFromSource(candidate, request.baseName) : candidate;
}

const bundles = new Map<string, string>();

function bundledFromSource(source: string, baseName: string): string {
  const known = bundles.get(source);
  if (known) return known;
  // Required lazily: production (dist) never reaches this line and does not ship esbuild.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const built = esbuild.buildSync({ entryPoints: [source], bundle: true, packages: 'external', platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
  const folder = join(projectRoot(), 'node_modules', '.cache', 'goliath');
  mkdirSync(folder, { recursive: true });
  const outfile = join(folder, `${baseName}-${process.pid}.js`);
  writeFileSync(outfile, built.outputFiles[0].text);
  bundles.set(source, outfile);
  return outfile;
}
