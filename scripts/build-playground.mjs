// Bundles the Playground (GraphiQL 5 + Monaco) into dist/playground/ so the gateway can serve it
// from local files: the page must never fetch anything from a CDN.
//
// Two esbuild passes: the Monaco workers first (each its own classic-script bundle, because a
// worker cannot share the page's module graph), then the page, which learns the workers' hashed
// file names through `define`. index.html is written last, pointing at the hashed page assets.
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const appDir = join(root, 'gateway/playground/app');
const outDir = join(root, 'dist/playground');
const assetsDir = join(outDir, 'assets');
// The page is served at /playground, so every asset URL is absolute under /playground/assets/.
const publicAssetsPath = '/playground/assets';

const workerEntries = {
  'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
  'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
  'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
};

const shared = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  legalComments: 'none',
  target: ['es2022'],
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
};

/** Maps each entry name to the files esbuild wrote for it, relative to the assets folder. */
function outputsByEntry(metafile, entryNames) {
  const byEntry = {};
  for (const [outputPath, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint) continue;
    const file = relative(assetsDir, join(root, outputPath));
    // entryNames is '[name]-[hash]', so the output's file name says which entry it came from.
    const name = entryNames.find((entry) => file.startsWith(`${entry}-`) && file.endsWith('.js'));
    if (name) byEntry[name] = { js: file, css: output.cssBundle && relative(assetsDir, join(root, output.cssBundle)) };
  }
  for (const name of entryNames) {
    if (!byEntry[name]) throw new Error(`esbuild wrote no output for playground entry "${name}"`);
  }
  return byEntry;
}

async function buildWorkers() {
  const result = await build({
    ...shared,
    entryPoints: workerEntries,
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    format: 'iife',
  });
  const outputs = outputsByEntry(result.metafile, Object.keys(workerEntries));
  return Object.fromEntries(Object.entries(outputs).map(([name, { js }]) => [name, `${publicAssetsPath}/${js}`]));
}

async function buildPage(workerFiles) {
  const entries = { playground: join(appDir, 'main.tsx') };
  const result = await build({
    ...shared,
    entryPoints: entries,
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: '[name]-[hash]',
    // Splitting keeps Monaco's lazily imported language modes and prettier out of the first load.
    splitting: true,
    format: 'esm',
    jsx: 'automatic',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
    publicPath: publicAssetsPath,
    // GraphiQL lazy-loads these prettier parsers by their CommonJS paths and destructures named
    // exports; in a split chunk esbuild exposes a CommonJS module only as `default`, so prettify
    // found no parser. Their ESM builds export the names.
    alias: {
      'prettier/parser-graphql': 'prettier/plugins/graphql',
      'prettier/parser-babel': 'prettier/plugins/babel',
    },
    define: { ...shared.define, __PLAYGROUND_WORKER_FILES__: JSON.stringify(workerFiles) },
  });
  const { playground } = outputsByEntry(result.metafile, Object.keys(entries));
  if (!playground.css) throw new Error('esbuild wrote no stylesheet for the playground');
  return playground;
}

function indexHtml({ js, css }) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Goliath Playground</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${publicAssetsPath}/${css}" />
    <script type="module" src="${publicAssetsPath}/${js}"></script>
  </head>
  <body>
    <div id="playground">Loading the Goliath Playground…</div>
  </body>
</html>
`;
}

const started = Date.now();
// Hashed names change on every content change; clearing the folder keeps stale bundles from piling up.
await rm(outDir, { recursive: true, force: true });
await mkdir(assetsDir, { recursive: true });
const workerFiles = await buildWorkers();
const page = await buildPage(workerFiles);
await writeFile(join(outDir, 'index.html'), indexHtml(page));
console.log(`playground bundle written to ${relative(root, outDir)}/ in ${Date.now() - started} ms`);
