import express, { type Router } from 'express';
import { bundledPage } from '../bundled-page';
import { join } from 'node:path';
import { projectRoot } from '../../platform/project-root';

/**
 * The page may talk to its own origin only (HTTP and the graphql-ws socket; CSP 'self' covers
 * ws:/wss: of the same host). Monaco injects <style> elements at runtime, hence 'unsafe-inline'
 * for styles; nothing needs eval. This makes "no request to any other host" a browser guarantee.
 */
const PAGE_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * `dist/playground` of this package, found by walking up to the folder holding package.json, so it
 * resolves the same from `gateway/playground/serve.ts` (ts-jest) and `dist/gateway/playground/serve.js`.
 */
export function defaultPlaygroundDistDir(): string {
  return join(projectRoot(__dirname), 'dist', 'playground');
}

/**
 * Serves the bundle written by `scripts/build-playground.mjs`: the page at /playground and its
 * content-hashed assets under /playground/assets/. The page is revalidated on every load (it names
 * the current hashes); the assets never change under their name, so browsers may keep them a year.
 */
export function playgroundRouter(distDir: string): Router {
  const page = bundledPage({
    distDir,
    securityPolicy: PAGE_SECURITY_POLICY,
    missing: (indexFile) => `The Playground is not built: ${indexFile} is missing. Run \`npm run build\` (npm ci runs it too).`,
  });
  const router = express.Router();
  router.get('/playground', page.requireBundle, (_req, res) => page.sendPage(res));
  router.use('/playground/assets', page.requireBundle, page.assets);

  return router;
}
