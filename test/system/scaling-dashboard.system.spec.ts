import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { runForecast } from '../../cli/forecast-command';
import { capturedIo } from '../../cli/test-support/captured-io';
import { runUsage } from '../../cli/usage-command';
import type { KeyValueStorage } from '../../gateway/dashboard/app/browser-page';
import { defaultDashboardDistDir } from '../../gateway/dashboard/serve';
import { elementsWithClass, parseSvg } from '../../gateway/dashboard/test-support/parse-svg';
import { dataOf } from '../support/gateway-client';
import { eventually } from '../support/eventually';
import { sharedDataFile } from '../support/shared-data';
import { isForeign, launchHeadlessChromium } from '../support/headless-chromium';
import { useTestPlatform } from '../support/test-platform';

// The scaling dashboard as a person uses it: signed in through the Playground's persisted headers
// or the page's own sign-in form, the picture drawn in headless Chromium and kept as a screenshot.

jest.setTimeout(240_000);

const ARTIFACTS_DIR = join(__dirname, 'artifacts');
const SCREENSHOT = join(ARTIFACTS_DIR, 'scaling-dashboard.png');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What a page asked for and what went wrong in it, to check after the fact. */
interface PageLog {
  readonly requests: { url: string; authorization: string | undefined; body: string }[];
  readonly errors: string[];
}

async function openPage(context: BrowserContext): Promise<{ page: Page; log: PageLog }> {
  const page = await context.newPage();
  const log: PageLog = { requests: [], errors: [] };
  page.on('request', (request) => log.requests.push({ url: request.url(), authorization: request.headers().authorization, body: request.postData() ?? '' }));
  page.on('pageerror', (error) => log.errors.push(error.message));
  return { page, log };
}

/** An item of the page's localStorage, where the Playground keeps its persisted headers. */
function storedItem(page: Page, key: string): Promise<string | null> {
  return page.evaluate((name) => (globalThis as unknown as { localStorage: KeyValueStorage }).localStorage.getItem(name), key);
}

/** Replaces a Monaco editor's content with one line of text, as the Playground's own test does. */
async function replaceEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

describe('scaling dashboard (headless Chromium)', () => {
  // Warnings and errors only; the scheduler checks often so that an action due now is applied while the test looks.
  const goliath = useTestPlatform({ host: '127.0.0.1', logLevel: 'warn', env: { SCALING_SCHEDULER_CHECK_MS: '200' } });
  let browser: Browser;
  let tenant: string;
  let viewer: string;
  let dashboardUrl: string;
  let settledActions: number;

  beforeAll(async () => {
    const bundle = join(defaultDashboardDistDir(), 'index.html');
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build (or node scripts/build-dashboard.mjs) first`);
    browser = await launchHeadlessChromium();
    await mkdir(ARTIFACTS_DIR, { recursive: true });

    // given a tenant whose real usage (NYC taxi demand) was imported up to the hour before now
    [tenant] = await goliath.createTenants('Acme Taxis');
    const ada = await goliath.token('TENANT_ADMIN', tenant, 'ada');
    viewer = await goliath.token('VIEWER', tenant, 'vera');
    const io = capturedIo();
    const args = ['import', sharedDataFile('demand', 'nab', 'nyc_taxi.csv'), '--tenant', tenant, '--resource', 'compute', '--aggregate', 'sum', '--shift-to-now'];
    expect(await runUsage(args, io, { DATA_DIR: goliath.dataDir, LOG_LEVEL: 'silent' })).toBe(0);

    // and a day's forecast of it, a policy whose unit serves a third of the forecast peak, and an applied schedule
    const [prediction] = dataOf(
      await goliath.call<{ predictResourceDemand: { points: { upper: number }[] }[] }>('mutation ($t: ID!) { predictResourceDemand(input: { tenantId: $t, timeHorizon: 24 }) { points { upper } } }', { t: tenant }, ada),
    ).predictResourceDemand;
    const unitSize = Math.ceil(Math.max(...prediction.points.map((point) => point.upper)) / 3);
    const { policyId } = dataOf(
      await goliath.call<{ createScalingPolicy: { policyId: string } }>(
        'mutation ($t: ID!, $u: Float!) { createScalingPolicy(input: { tenantId: $t, resourceType: COMPUTE, autoApproval: true, scalingRules: { mode: FORECAST_AND_SCALE, minCapacity: 1, maxCapacity: 4, unitSize: $u, schedulingBufferMinutes: 10 } }) { policyId } }',
        { t: tenant, u: unitSize },
        ada,
      ),
    ).createScalingPolicy;
    const { scheduleId } = dataOf(
      await goliath.call<{ optimizeScalingSchedule: { scheduleId: string } }>('mutation ($t: ID!, $p: ID!) { optimizeScalingSchedule(input: { tenantId: $t, policyId: $p }) { scheduleId } }', { t: tenant, p: policyId }, ada),
    ).optimizeScalingSchedule;
    dataOf(await goliath.call('mutation ($id: ID!) { applyScalingSchedule(scheduleId: $id) { status } }', { id: scheduleId }, ada));
    // and the scheduler has run the actions already due (the plan's first hour is the current one)
    const actionsOf = async () =>
      dataOf(await goliath.call<{ scalingSchedule: { actions: { scheduledTime: string; status: string }[] } }>('query ($id: ID!) { scalingSchedule(scheduleId: $id) { actions { scheduledTime status } } }', { id: scheduleId }, ada))
        .scalingSchedule.actions;
    const dueBy = Date.now();
    await eventually(async () => expect((await actionsOf()).filter((action) => Date.parse(action.scheduledTime) <= dueBy && action.status === 'PENDING')).toEqual([]), 20_000, 200);
    settledActions = (await actionsOf()).filter((action) => action.status !== 'PENDING').length;
    dashboardUrl = new URL(`/dashboard/scaling/${tenant}`, goliath.platform.gatewayUrl).href;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('signs in from the Playground’s persisted headers and draws usage, forecast band, capacity and actions', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      // given someone who put their token into the Playground's Headers tab with "Persist headers" on
      const playground = await context.newPage();
      await playground.goto(goliath.platform.playgroundUrl);
      const headersEditor = playground.locator('.monaco-editor[data-uri$="request-headers.json"]');
      await playground.locator('.monaco-editor[data-uri$="operation.graphql"]').waitFor({ timeout: 30_000 });
      await playground.getByRole('button', { name: 'Open settings dialog' }).click();
      await playground.locator('#enable-persist-headers').click();
      await playground.keyboard.press('Escape');
      await playground.getByRole('button', { name: 'Headers', exact: true }).click();
      await headersEditor.waitFor();
      await replaceEditorText(playground, headersEditor, JSON.stringify({ Authorization: `Bearer ${viewer}` }));
      await eventually(async () => expect(await storedItem(playground, 'graphiql:headers')).toContain(viewer), 10_000);
      await playground.close();

      // when they open the tenant's dashboard
      const { page, log } = await openPage(context);
      try {
        await page.goto(dashboardUrl);

        // then it draws the picture without asking them to sign in
        const chart = page.locator('#chart svg');
        await chart.locator('.forecast-band').waitFor({ timeout: 30_000 });
        expect(await page.locator('#sign-in').isHidden()).toBe(true);
        for (const series of ['.history', '.forecast-expected', '.capacity', '.action']) expect(await chart.locator(series).count()).toBeGreaterThan(0);
        // and the actions the scheduler already ran are marked as applied (or failed, when a later one overtook them)
        expect(await chart.locator('.action-applied, .action-failed').count()).toBe(settledActions);
        expect(await page.locator('#resource').inputValue()).toBe('COMPUTE');
        const facts = await page.locator('#facts').innerText();
        expect(facts).toMatch(/Model\s+\S+/);
        expect(facts).toMatch(/Accuracy \(1 − WAPE\)\s+[\d.]+ %/);
        expect(await page.locator('#tenant').innerText()).toBe('Acme Taxis');
        await page.screenshot({ path: SCREENSHOT, fullPage: true });

        // and switching the resource asks again, for a resource with nothing to draw yet
        await page.locator('#resource').selectOption('MEMORY');
        await page.locator('#chart svg .empty-note').waitFor({ timeout: 10_000 });
      } catch (error) {
        // What the page showed is the quickest way to see what went wrong.
        await page.screenshot({ path: join(ARTIFACTS_DIR, 'scaling-dashboard-failure.png'), fullPage: true });
        throw error;
      }

      // and the token only ever travelled in the Authorization header of its own origin's /graphql
      const graphql = log.requests.filter((request) => request.url.endsWith('/graphql'));
      expect(graphql.length).toBeGreaterThanOrEqual(2);
      expect(graphql.every((request) => request.authorization === `Bearer ${viewer}`)).toBe(true);
      expect(log.requests.filter((request) => request.url.includes(viewer) || (request.body.includes(viewer) && !request.url.endsWith('/graphql')))).toEqual([]);
      expect(log.requests.map((request) => request.url).filter(isForeign)).toEqual([]);
      expect(log.errors).toEqual([]);
    } finally {
      await context.close();
    }

    // and the screenshot is a real picture
    const png = await readFile(SCREENSHOT);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(20_000);
  });

  it('asks a stranger to sign in, shows nothing for a refused or foreign token, and keeps a typed token to the page unless remembered', async () => {
    const [other] = await goliath.createTenants('Globex');
    const outsider = await goliath.token('VIEWER', other, 'otto');
    const context = await browser.newContext();
    const { page, log } = await openPage(context);
    try {
      const signIn = async (token: string, remember = false) => {
        await page.locator('#token').fill(token);
        if (remember) await page.locator('#remember').check();
        await page.getByRole('button', { name: 'Sign in' }).click();
      };

      // given no token anywhere, the page asks for one and shows no data
      await page.goto(dashboardUrl);
      await page.locator('#sign-in').waitFor();
      expect(await page.locator('#dashboard').isHidden()).toBe(true);
      expect(await page.locator('#chart svg').count()).toBe(0);

      // when a token that is no token is typed, it is not sent
      const sent = log.requests.length;
      await signIn('my password');
      await page.getByText('That is not a platform token').waitFor();
      expect(log.requests.slice(sent).filter((request) => request.url.endsWith('/graphql'))).toEqual([]);

      // when a forged token is typed, the gateway refuses it and the prompt says so
      await signIn('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.Zm9yZ2Vk');
      await page.getByText('The token was refused').waitFor({ timeout: 10_000 });
      expect(await page.locator('#chart svg').count()).toBe(0);

      // when another tenant's viewer signs in, they are refused this tenant's data
      await signIn(`Bearer ${outsider}`);
      await page.getByText('This token may not see this tenant').waitFor({ timeout: 10_000 });
      expect(await page.locator('#chart svg').count()).toBe(0);

      // when the tenant's viewer signs in without "remember", the picture shows, and a reload forgets them
      await signIn(viewer);
      await page.locator('#chart svg .forecast-band').waitFor({ timeout: 30_000 });
      expect(await storedItem(page, 'graphiql:headers')).toBeNull();
      await page.reload();
      await page.locator('#sign-in').waitFor();

      // when they sign in with "remember", the Playground's stored headers hold the token, and "Sign out" removes it
      await signIn(viewer, true);
      await page.locator('#chart svg .forecast-band').waitFor({ timeout: 30_000 });
      expect(JSON.parse((await storedItem(page, 'graphiql:headers'))!)).toEqual({ Authorization: `Bearer ${viewer}` });
      expect(await storedItem(page, 'graphiql:shouldPersistHeaders')).toBe('true');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.locator('#sign-in').waitFor();
      expect(await page.locator('#chart svg').count()).toBe(0);
      expect(await storedItem(page, 'graphiql:headers')).toBeNull();
      expect(log.requests.filter((request) => request.url.includes(viewer))).toEqual([]);
      expect(log.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('draws the same picture from the CLI, reading the running platform’s store', async () => {
    const io = capturedIo();
    expect(await runForecast(['plot', '--tenant', tenant, '--resource', 'compute'], io, { DATA_DIR: goliath.dataDir })).toBe(0);
    const svg = parseSvg(io.out());
    for (const series of ['history', 'forecast-band', 'forecast-expected', 'capacity']) expect(elementsWithClass(svg, series)).toHaveLength(1);
    await writeFile(join(ARTIFACTS_DIR, 'forecast.svg'), io.out());
  });
});
