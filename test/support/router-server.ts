import express, { type Router } from 'express';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RouterServer {
  /** A fresh, empty folder the router serves its bundle from. */
  readonly distDir: string;
  readonly baseUrl: string;
}

/**
 * An express router that serves a built page (Playground, dashboard), on a loopback port over a
 * fresh temporary bundle folder for each test; stopped and removed after it. Read the getters
 * inside tests only.
 */
export function useRouterServer(folderPrefix: string, router: (distDir: string) => Router): RouterServer {
  let distDir: string | undefined;
  let server: Server | undefined;
  let baseUrl: string | undefined;

  beforeEach(async () => {
    distDir = await mkdtemp(join(tmpdir(), folderPrefix));
    const app = express();
    app.use(router(distDir));
    server = createServer(app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (distDir) await rm(distDir, { recursive: true, force: true });
  });

  return {
    get distDir() {
      return distDir!;
    },
    get baseUrl() {
      return baseUrl!;
    },
  };
}
