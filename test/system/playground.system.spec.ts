import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { PLAYGROUND_HEADER } from '../../gateway/playground/playground-header';
import { dataOf } from '../support/gateway-client';
import { isForeign, launchHeadlessChromium } from '../support/headless-chromium';
import { useTestPlatform } from '../support/test-platform';

// Drives the Playground the way a person would: headers typed into GraphiQL's Headers tab, a query
// and a subscription typed into the operation editor, results read from the result pane.

jest.setTimeout(180_000);

const ARTIFACTS_DIR = join(__dirname, 'artifacts');

/**
 * Replaces a Monaco editor's content with one line of text. insertText types no keys, so brackets are
 * not auto-closed; a newline in the text would still trigger Monaco's on-Enter indentation and closing.
 */
async function replaceEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/**
 * GraphiQL re-parses the operation shortly after an edit and runs the operation name it parsed last;
 * the tab title shows that name, so waiting for it means the new operation is the one that will run.
 */
async function writeOperation(page: Page, editor: Locator, name: string, operation: string): Promise<void> {
  await replaceEditorText(page, editor, operation);
  await page.locator('.graphiql-tabs').getByText(name, { exact: true }).waitFor({ timeout: 10_000 });
}

/** Monaco renders spaces as no-break spaces; normalise so plain substrings match. */
async function editorText(editor: Locator): Promise<string> {
  return (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

async function waitForText(editor: Locator, expected: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await editorText(editor)).includes(expected)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('Playground (headless Chromium)', () => {
  // Warnings and errors only: the page, not the platform's start-up log, is what this suite watches.
  const goliath = useTestPlatform({ host: '127.0.0.1', logLevel: 'warn' });
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchHeadlessChromium();
    await mkdir(ARTIFACTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('runs a query and a live subscription with the Authorization header, talking only to its own host', async () => {
    const { platform, admin: token } = goliath;
    const [id] = await goliath.createTenants('Playground Tenant');
    const tenant = { id, name: 'Playground Tenant' };

    const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
    const contacted: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (request) => contacted.push(request.url()));
    const socketFrames: string[] = [];
    page.on('websocket', (socket) => {
      contacted.push(socket.url());
      socket.on('framesent', ({ payload }) => socketFrames.push(String(payload)));
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // The screenshot is taken on failure too: it is the quickest way to see what the page showed.
    try {
      await page.goto(platform.playgroundUrl);
      // GraphiQL names each Monaco model by its role; the URIs are stable where class names are not.
      const operationEditor = page.locator('.monaco-editor[data-uri$="operation.graphql"]');
      const headersEditor = page.locator('.monaco-editor[data-uri$="request-headers.json"]');
      const resultPane = page.locator('.monaco-editor[data-uri$="response.json"]');
      const executeButton = page.locator('button.graphiql-execute-button');
      await operationEditor.waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Headers', exact: true }).click();
      await headersEditor.waitFor();

      // Setting the header makes the page fetch the schema again, now with the token.
      const authorisedIntrospection = page.waitForRequest(
        (request) => request.headers().authorization === `Bearer ${token}` && (request.postData() ?? '').includes('IntrospectionQuery'),
        { timeout: 10_000 },
      );
      await replaceEditorText(page, headersEditor, JSON.stringify({ Authorization: `Bearer ${token}` }));
      await authorisedIntrospection;
      await writeOperation(page, operationEditor, 'PlaygroundTenants', 'query PlaygroundTenants { tenants(first: 5) { edges { node { id name } } } }');
      await executeButton.click();
      expect(await waitForText(resultPane, tenant.name, 15_000)).toBe(true);
      expect(await editorText(resultPane)).not.toContain('errors');

      await writeOperation(
        page,
        operationEditor,
        'PlaygroundTenantEvents',
        `subscription PlaygroundTenantEvents { tenantEvents(tenantId: "${tenant.id}") { type streamId position occurredAt data } }`,
      );
      await page.getByRole('button', { name: /^Prettify query/ }).click();
      await executeButton.click();
      // The subscription is live once the gateway has subscribed to the event store, which the page
      // cannot observe; so rename until one rename shows up, each under a fresh name.
      let arrived: string | undefined;
      for (let attempt = 1; attempt <= 15 && !arrived; attempt += 1) {
        const name = `Renamed live ${attempt}`;
        dataOf(await goliath.call('mutation ($id: ID!, $name: String!) { renameTenant(id: $id, name: $name) { id } }', { id: tenant.id, name }));
        if (await waitForText(resultPane, name, 2_000)) arrived = name;
      }
      expect(arrived).toBeDefined();
      const event = await editorText(resultPane);
      expect(event).toContain('"tenantEvents"');
      // The rename, or the audit entry that records it right after: both are the tenant's events.
      expect(event).toMatch(new RegExp(`"streamId": "(tenant|audit)-${tenant.id}"`));
    } finally {
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'playground.png') });
    }
    expect(contacted.length).toBeGreaterThan(0);
    expect(contacted.filter(isForeign)).toEqual([]);
    expect(contacted.some((url) => url.startsWith('ws://'))).toBe(true);
    // The Headers tab reached the WebSocket too, as graphql-ws connection params, with the Playground's own marker (trusted documents).
    const init = socketFrames.map((frame) => JSON.parse(frame) as { type: string; payload?: Record<string, unknown> }).find((m) => m.type === 'connection_init');
    expect(init?.payload).toEqual({ Authorization: `Bearer ${token}`, [PLAYGROUND_HEADER]: '1' });
    expect(pageErrors).toEqual([]);
  });
});
