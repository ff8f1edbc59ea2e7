import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useRouterServer } from '../../test/support/router-server';
import { playgroundRouter } from './serve';

describe('playgroundRouter', () => {
  const served = useRouterServer('goliath-playground-dist-', playgroundRouter);

  const writeBundle = async () => {
    await mkdir(join(served.distDir, 'assets'), { recursive: true });
    await writeFile(join(served.distDir, 'index.html'), '<!doctype html><title>Goliath Playground</title>');
    await writeFile(join(served.distDir, 'assets', 'playground-ABC123.js'), 'export {};');
    await writeFile(join(served.distDir, 'assets', 'playground-ABC123.css'), 'body{}');
  };

  it('answers 503 with a hint while the bundle is not built', async () => {
    const response = await fetch(`${served.baseUrl}/playground`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toContain('npm run build');
  });

  it('serves the page uncached and same-origin only', async () => {
    await writeBundle();
    for (const path of ['/playground', '/playground/']) {
      const response = await fetch(`${served.baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(await response.text()).toContain('Goliath Playground');
    }
  });

  it('serves hashed assets with their content type and a long immutable cache', async () => {
    await writeBundle();
    const script = await fetch(`${served.baseUrl}/playground/assets/playground-ABC123.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const style = await fetch(`${served.baseUrl}/playground/assets/playground-ABC123.css`);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('leaves unknown paths to the next handler', async () => {
    await writeBundle();
    expect((await fetch(`${served.baseUrl}/playground/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${served.baseUrl}/graphql`)).status).toBe(404);
  });
});
