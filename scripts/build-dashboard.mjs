// Bundles the scaling dashboard's page (gateway/dashboard/app) into dist/dashboard/ so the gateway
// serves it from local files: one script (the page's code with the same renderForecastSvg the CLI
// uses), one stylesheet, and index.html naming their content-hashed files. Nothing comes from a CDN.
//
//   node scripts/build-dashboard.mjs [--out-dir DIR]     (default dist/dashboard)
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const appDir = join(root, 'gateway/dashboard/app');
const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
const outDir = resolve(values['out-dir'] ?? join(root, 'dist/dashboard'));
const assetsDir = join(outDir, 'assets');
// The page is served at /dashboard/scaling/<tenant>, so asset URLs are absolute (gateway/dashboard/dashboard-route.ts).
const publicAssetsPath = '/dashboard/assets';

const entries = {
  dashboard: join(appDir, 'main.ts'),
  'dashboard-style': join(appDir, 'dashboard.css'),
};

/** The file esbuild wrote for each entry, relative to the assets folder. */
function outputsByEntry(metafile) {
  const byEntry = {};
  for (const [outputPath, output] of Object.entries(metafile.outputs)) {
    const entry = output.entryPoint && Object.keys(entries).find((name) => resolve(root, output.entryPoint) === entries[name]);
    if (entry) byEntry[entry] = relative(assetsDir, resolve(root, outputPath));
  }
  for (const name of Object.keys(entries)) {
    if (!byEntry[name]) throw new Error(`esbuild wrote no output for dashboard entry "${name}"`);
  }
  return byEntry;
}

const started = Date.now();
// Hashed names change with every content change; clearing the folder keeps stale bundles from piling up.
await rm(outDir, { recursive: true, force: true });
await mkdir(assetsDir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: assetsDir,
  entryNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  legalComments: 'none',
  format: 'esm',
  target: ['es2022'],
  platform: 'browser',
  logLevel: 'warning',
  metafile: true,
});
const outputs = outputsByEntry(result.metafile);
const template = await readFile(join(appDir, 'index.html'), 'utf8');
const page = template.replace('%SCRIPT%', `${publicAssetsPath}/${outputs.dashboard}`).replace('%STYLESHEET%', `${publicAssetsPath}/${outputs['dashboard-style']}`);
await writeFile(join(outDir, 'index.html'), page);
console.log(`dashboard bundle written to ${relative(root, outDir) || outDir}/ in ${Date.now() - started} ms`);
