import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import type { Logger } from '../../platform/logging';
import { PLANS_QUERY } from '../dashboard/dashboard-queries';
import { PLAYGROUND_HEADER } from '../playground/playground-header';
import { writeManifestFile } from './manifest-file';
import { documentHash } from './operation-documents';
import { openTrustedDocuments, type TrustedDocumentsOptions } from './trusted-documents';

const TENANTS = 'query Tenants {\n  tenants {\n    totalCount\n  }\n}';
const tenants = { id: documentHash(TENANTS), name: 'Tenants', type: 'query' as const, body: TENANTS };
const codeOf = (answer: string | GraphQLError) => (answer instanceof GraphQLError ? answer.extensions.code : answer);

/** The gate over a real manifest file: read at start, read again when it changes. */
describe('trusted documents from the manifest file', () => {
  let directory: string;
  let manifestPath: string;
  let logger: { info: jest.Mock; warn: jest.Mock; error: jest.Mock };
  const open = (overrides: Partial<TrustedDocumentsOptions> = {}) =>
    openTrustedDocuments({ mode: 'enforce', manifestPath, playgroundRunsAnyDocument: false, ...overrides }, { logger: logger as unknown as Logger, maxTokens: 1000 });

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'goliath-trusted-documents-'));
    manifestPath = join(directory, 'trusted-documents.json');
    logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('runs any document with APQ on when off, and turns APQ off when enforcing', async () => {
    const off = await open({ mode: 'off' });
    expect(off.persistedQueries).toBeUndefined();
    expect(await off.admitSubscription({ query: 'subscription Anything { x }' }, undefined)).toBe('subscription Anything { x }');
    expect((await open()).persistedQueries).toBe(false);
  });

  it('without a manifest yet, runs the gateway’s own documents only, and says so at start', async () => {
    const gate = await open();
    expect(await gate.admitSubscription({ query: PLANS_QUERY }, undefined)).toBe(PLANS_QUERY);
    expect(codeOf(await gate.admitSubscription({ query: TENANTS }, undefined))).toBe('PERSISTED_QUERY_NOT_TRUSTED');
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ manifestPath }), expect.stringMatching(/^no trusted documents yet/));
  });

  it('serves a document registered after it started, by text and by hash, without a restart', async () => {
    const gate = await open();
    expect(codeOf(await gate.admitSubscription({ query: '', extensions: { persistedQuery: { version: 1, sha256Hash: tenants.id } } }, undefined))).toBe('PERSISTED_QUERY_NOT_FOUND');

    writeManifestFile(manifestPath, [tenants]);

    expect(await gate.admitSubscription({ query: '', extensions: { persistedQuery: { version: 1, sha256Hash: tenants.id } } }, undefined)).toBe(TENANTS);
    expect(await gate.admitSubscription({ query: TENANTS }, undefined)).toBe(TENANTS);
  });

  it('refuses to start on a manifest it cannot read, naming the file', async () => {
    writeFileSync(manifestPath, '{ "format": "relay" }');
    await expect(open()).rejects.toThrow(`${manifestPath} is not a persisted-document manifest`);
  });

  it('keeps the documents it read when the manifest is broken later, and logs why', async () => {
    writeManifestFile(manifestPath, [tenants]);
    const gate = await open();
    writeFileSync(manifestPath, '{ not json');

    expect(codeOf(await gate.admitSubscription({ query: 'subscription Other { x }' }, undefined))).toBe('PERSISTED_QUERY_NOT_TRUSTED');
    expect(await gate.admitSubscription({ query: TENANTS }, undefined)).toBe(TENANTS);
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ manifestPath }), expect.stringMatching(/^trusted documents not reloaded/));
  });

  it('lets the Playground run anything outside production only, and logs what it refuses', async () => {
    const fromPlayground = { [PLAYGROUND_HEADER]: '1' };
    expect(await (await open({ playgroundRunsAnyDocument: true })).admitSubscription({ query: 'subscription Other { x }' }, fromPlayground)).toBe('subscription Other { x }');
    expect(codeOf(await (await open()).admitSubscription({ query: 'subscription Other { x }' }, fromPlayground))).toBe('PERSISTED_QUERY_NOT_TRUSTED');
    expect(logger.warn).toHaveBeenCalledWith({ correlationId: undefined, caller: undefined, documentHash: documentHash('subscription Other { x }') }, 'untrusted document refused');
  });

  it('in log mode runs an unregistered document and logs it', async () => {
    const gate = await open({ mode: 'log' });
    expect(gate.persistedQueries).toBeUndefined();
    expect(await gate.admitSubscription({ query: 'subscription Other { x }' }, undefined)).toBe('subscription Other { x }');
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ documentHash: documentHash('subscription Other { x }') }), 'unregistered document run');
  });
});
