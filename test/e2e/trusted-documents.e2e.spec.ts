import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { Client } from 'graphql-ws';
import { runDocuments } from '../../cli/documents-command';
import { capturedIo } from '../../cli/test-support/captured-io';
import { PLANS_QUERY } from '../../gateway/dashboard/dashboard-queries';
import { PLAYGROUND_HEADER } from '../../gateway/playground/playground-header';
import { documentHash, operationDocuments } from '../../gateway/trusted-documents/operation-documents';
import { collect, errorCodes, subscriptionClient, type GraphQLResponse } from '../support/gateway-client';
import { restClient } from '../support/rest-client';
import { useTestPlatform, type TestPlatform } from '../support/test-platform';

/** The client's .graphql files, as a developer writes them. */
const TENANT_NAMES_FILE = '# every page of tenants, by name\nquery TenantNames($first: Int!) {\n  tenants(first: $first) { edges { node { ...Named } } }\n}\nfragment Named on Tenant { name }\n';
const JOB_PROGRESS_FILE = 'subscription MissingJobProgress { solveJobProgress(jobId: "no-such-job") { status } }\n';
const TENANT_IDS_FILE = 'query TenantIds { tenants(first: 5) { edges { node { id } } } }\n';
const UNREGISTERED = 'query Everything { tenants(first: 50) { edges { node { id name } } } }';

/** The text registered for a file's one operation, and its id. */
const registeredAs = (file: string) => {
  const [{ body }] = operationDocuments(parse(file));
  return { body, hash: documentHash(body) };
};
const TENANT_NAMES = registeredAs(TENANT_NAMES_FILE);
const JOB_PROGRESS = registeredAs(JOB_PROGRESS_FILE);

/** `goliath documents register` on the platform's data dir, as an operator runs it. */
async function register(dataDir: string, ...files: string[]): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'goliath-client-documents-'));
  try {
    const paths = files.map((text, index) => {
      const path = join(folder, `operation-${index}.graphql`);
      writeFileSync(path, text);
      return path;
    });
    expect(await runDocuments(['register', ...paths], capturedIo(), { DATA_DIR: dataDir })).toBe(0);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function post(goliath: TestPlatform, body: Record<string, unknown>, { token = goliath.admin, headers = {} }: { token?: string | null; headers?: Record<string, string> } = {}) {
  const response = await fetch(goliath.platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<{ tenants?: { edges: unknown[] } }> };
}

const persistedQuery = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

describe('trusted documents enforced (TRUSTED_DOCUMENTS=enforce)', () => {
  const goliath = useTestPlatform({
    env: async (dataDir) => {
      await register(dataDir, TENANT_NAMES_FILE, JOB_PROGRESS_FILE);
      return { TRUSTED_DOCUMENTS: 'enforce' };
    },
  });
  const clients: Client[] = [];
  afterAll(async () => Promise.all(clients.map((client) => client.dispose())));

  it('runs a registered operation sent by its hash alone, as APQ clients send it or as a documentId', async () => {
    const byApqHash = await post(goliath, { extensions: persistedQuery(TENANT_NAMES.hash), variables: { first: 2 } });
    const byDocumentId = await post(goliath, { documentId: `sha256:${TENANT_NAMES.hash}`, variables: { first: 2 } });

    for (const answer of [byApqHash, byDocumentId]) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.tenants?.edges).toHaveProperty('length');
    }
  });

  it('runs a registered operation sent as its text: as registered, or as written in its .graphql file', async () => {
    for (const query of [TENANT_NAMES.body, TENANT_NAMES_FILE]) {
      const answer = await post(goliath, { query, variables: { first: 2 } });
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.tenants?.edges).toHaveProperty('length');
    }
  });

  it('refuses an unregistered operation with PERSISTED_QUERY_NOT_TRUSTED (HTTP 400) before anything else: valid or not, signed in or not, logged as any answer', async () => {
    const answers = [await post(goliath, { query: UNREGISTERED }), await post(goliath, { query: UNREGISTERED }, { token: null }), await post(goliath, { query: '{ tenantz { id } }' })];

    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(errorCodes(answer.body)).toEqual(['PERSISTED_QUERY_NOT_TRUSTED']);
      expect(answer.body.data).toBeUndefined();
      // Set by the access log as it writes the request's line: a refusal is logged (and counted) like any answer.
      expect(answer.headers.get('x-correlation-id')).toBeTruthy();
    }
    expect(answers[0].body.errors?.[0].message).toMatch(/is not registered: register the document with `goliath documents register FILE\.graphql`/);
  });

  it('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND, and registers nothing a client sends (APQ is off)', async () => {
    const unknown = documentHash(UNREGISTERED);
    const lookup = await post(goliath, { extensions: persistedQuery(unknown) });
    const registration = await post(goliath, { query: UNREGISTERED, extensions: persistedQuery(unknown) });
    const lookupAgain = await post(goliath, { extensions: persistedQuery(unknown) });

    expect(errorCodes(lookup.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(errorCodes(registration.body)).toEqual(['PERSISTED_QUERY_NOT_TRUSTED']);
    expect(errorCodes(lookupAgain.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('lets the Playground run any document outside production', async () => {
    const answer = await post(goliath, { query: UNREGISTERED }, { headers: { [PLAYGROUND_HEADER]: '1' } });

    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.tenants?.edges).toHaveProperty('length');
  });

  it("runs the gateway's own documents (the scaling dashboard's, the REST endpoints') without registering them", async () => {
    // Set up as a developer would, from the Playground: createTenants' mutation is not registered.
    const created = await post(goliath, { query: 'mutation { createTenant(input: { name: "Dashboard Co" }) { id } }' }, { headers: { [PLAYGROUND_HEADER]: '1' } });
    const tenantId = (created.body.data as { createTenant: { id: string } }).createTenant.id;
    const answer = await post(goliath, { query: PLANS_QUERY, variables: { tenantId, resourceType: 'COMPUTE' } });

    expect(errorCodes(answer.body)).not.toContain('PERSISTED_QUERY_NOT_TRUSTED');
    expect(answer.body.data).toMatchObject({ tenant: { name: 'Dashboard Co' } });
    const overRest = await restClient(goliath)('GET', '/phase2.1/community/discover-algorithms', { category: 'Finance' });
    expect(overRest).toMatchObject({ status: 200, body: { total_count: 0 } });
  });

  it('serves a document registered while it runs, without a restart', async () => {
    expect(errorCodes((await post(goliath, { query: TENANT_IDS_FILE })).body)).toEqual(['PERSISTED_QUERY_NOT_TRUSTED']);

    await register(goliath.dataDir, TENANT_IDS_FILE);

    expect((await post(goliath, { query: TENANT_IDS_FILE })).body.errors).toBeUndefined();
  });

  it('applies the same rule to subscriptions over the WebSocket: registered ones run, by text or hash alone', async () => {
    const client = subscriptionClient(goliath.platform.subscriptionUrl, goliath.admin);
    clients.push(client);
    const byHash = new Promise<GraphQLResponse>((resolve) => {
      client.subscribe({ query: '', extensions: persistedQuery(JOB_PROGRESS.hash) }, { next: (result) => resolve(result as GraphQLResponse), error: (errors) => resolve({ errors: errors as GraphQLResponse['errors'] }), complete: () => undefined });
    });

    // NOT_FOUND: the job does not exist, so the subscription's resolver ran.
    expect(errorCodes((await collect(client, JOB_PROGRESS_FILE, 1))[0])).toEqual(['NOT_FOUND']);
    expect(errorCodes(await byHash)).toEqual(['NOT_FOUND']);
    expect(errorCodes((await collect(client, 'subscription Unregistered { solveJobProgress(jobId: "no-such-job") { jobId } }', 1))[0])).toEqual(['PERSISTED_QUERY_NOT_TRUSTED']);
  });
});

describe('automatic persisted queries (TRUSTED_DOCUMENTS=off, the default)', () => {
  const goliath = useTestPlatform();

  it('runs any document, and a hash alone once the document was sent with it', async () => {
    const query = 'query FirstTenantIds { tenants(first: 1) { edges { node { id } } } }';
    const extensions = persistedQuery(documentHash(query));

    const unknownYet = await post(goliath, { extensions });
    const sentWithItsHash = await post(goliath, { query, extensions });
    const byHashAlone = await post(goliath, { extensions });

    expect(errorCodes(unknownYet.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    for (const answer of [sentWithItsHash, byHashAlone]) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.tenants?.edges).toHaveProperty('length');
    }
  });
});

describe('trusted documents enforced in production', () => {
  const goliath = useTestPlatform({ env: { NODE_ENV: 'production', TRUSTED_DOCUMENTS: 'enforce' } });

  it('runs nothing unregistered, from the Playground either', async () => {
    const answer = await post(goliath, { query: '{ __typename }' }, { token: null, headers: { [PLAYGROUND_HEADER]: '1' } });

    expect(answer.status).toBe(400);
    expect(errorCodes(answer.body)).toEqual(['PERSISTED_QUERY_NOT_TRUSTED']);
  });
});
