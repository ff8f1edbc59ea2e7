import express, { type RequestHandler, type Router } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return join(dir, 'dist', 'playground');
}

/**
 * Serves the bundle written by `scripts/build-playground.mjs`: the page at /playground and its
 * content-hashed assets under /playground/assets/. The page is revalidated on every load (it names
 * the current hashes); the assets never change under their name, so browsers may keep them a year.
 */
export function playgroundRouter(distDir: string): Router {
  const indexFile = join(distDir, 'index.html');
  const router = express.Router();

  // Checked per request, so a bundle built after the gateway started is picked up without a restart.
  const requireBundle: RequestHandler = (_req, res, next) => {
    if (existsSync(indexFile)) return next();
    res
      .status(503)
      .type('text/plain')
      .send(`The Playground is not built: ${indexFile} is missing. Run \`npm run build\` (npm ci runs it too).\n`);
  };

  router.get('/playground', requireBundle, (_req, res) => {
    res.set({
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': PAGE_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.sendFile(indexFile);
  });

  router.use(
    '/playground/assets',
    requireBundle,
    express.static(join(distDir, 'assets'), {
      index: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
    }),
  );

  return router;
}
