import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../platform/project-root';
import { useRouterServer } from '../../test/support/router-server';
import { dashboardRouter } from './serve';

/** The dashboard's routes over the bundle scripts/build-dashboard.mjs really builds, into a temporary folder. */
describe('dashboardRouter', () => {
  const served = useRouterServer('goliath-dashboard-dist-', dashboardRouter);

  const build = () => execFileSync(process.execPath, [join(projectRoot(), 'scripts', 'build-dashboard.mjs'), '--out-dir', served.distDir], { stdio: 'pipe' });

  it('answers 503 with a hint while the bundle is not built', async () => {
    const response = await fetch(`${served.baseUrl}/dashboard/scaling/acme`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });

  it("serves the same data-free page for any tenant, same-origin only, and its script and stylesheet", async () => {
    // given the bundle as the build writes it
    build();

    // when a tenant's dashboard is opened
    const response = await fetch(`${served.baseUrl}/dashboard/scaling/0b7e5a4c-2f7d-4a51-9d35-1a2b3c4d5e6f`);

    // then it is the page, uncached, confined to its origin, with no way to submit a form
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const policy = response.headers.get('content-security-policy');
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("form-action 'none'");
    const html = await response.text();
    // and it holds no data: not even the tenant it was asked for, and no picture
    expect(html).not.toContain('0b7e5a4c');
    expect(html).not.toContain('<svg');
    expect(html).toContain('id="sign-in-form"');
    expect(await (await fetch(`${served.baseUrl}/dashboard/scaling/globex`)).text()).toBe(html);

    // and the assets it names are served, with their types and a long cache
    const script = /<script type="module" src="(\/dashboard\/assets\/dashboard-[A-Z0-9]+\.js)"><\/script>/.exec(html)?.[1];
    const stylesheet = /<link rel="stylesheet" href="(\/dashboard\/assets\/dashboard-style-[A-Z0-9]+\.css)" \/>/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(stylesheet).toBeDefined();
    const scriptResponse = await fetch(`${served.baseUrl}${script}`);
    expect(scriptResponse.status).toBe(200);
    expect(scriptResponse.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(scriptResponse.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // the script signs in from the Playground's stored headers and sends the token to /graphql
    const code = await scriptResponse.text();
    expect(code).toContain('graphiql:headers');
    expect(code).toContain('/graphql');
    expect((await fetch(`${served.baseUrl}${stylesheet}`)).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('leaves paths that name no tenant, and unknown assets, to the next handler', async () => {
    build();
    for (const path of ['/dashboard/scaling/', '/dashboard/scaling/a%2Fb', '/dashboard/scaling/-acme', '/dashboard/scaling/acme/x', '/dashboard/assets/missing.js']) {
      expect([path, (await fetch(`${served.baseUrl}${path}`)).status]).toEqual([path, 404]);
    }
  });
});
