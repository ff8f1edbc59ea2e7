import express, { type RequestHandler, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the gateway's built pages (the Playground, the scaling dashboard) share: a bundle in a
 * `dist/` folder, its page revalidated on every load under a strict Content-Security-Policy, and
 * its content-hashed assets cached for a year (they never change under their name).
 */
export interface BundledPage {
  /** Answers 503 with how to build the bundle while its index.html is missing; checked per request, so a bundle built after the gateway started is picked up without a restart. */
  readonly requireBundle: RequestHandler;
  sendPage(res: Response): void;
  readonly assets: RequestHandler;
}

export function bundledPage(options: { readonly distDir: string; readonly securityPolicy: string; readonly missing: (indexFile: string) => string }): BundledPage {
  const indexFile = join(options.distDir, 'index.html');
  return {
    requireBundle: (_req, res, next) => {
      if (existsSync(indexFile)) return next();
      res.status(503).type('text/plain').send(`${options.missing(indexFile)}\n`);
    },
    sendPage(res) {
      res.set({
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': options.securityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      res.sendFile(indexFile);
    },
    assets: express.static(join(options.distDir, 'assets'), {
      index: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
    }),
  };
}
