import { buildSchema } from 'graphql';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthContext, Role } from '../../platform/auth/auth-context';
import { loadConfig } from '../../platform/config';
import type { EventStore } from '../../platform/eventstore/port';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import { httpUrl, listen } from '../../platform/http/listen';
import { createLogger } from '../../platform/logging';
import { unauthenticated } from '../../platform/errors';
import { collect, errorCodes, subscriptionClient } from '../../test/support/gateway-client';
import { createGatewayRateLimiter } from '../rate-limits/gateway-rate-limiter';
import { startSubscriptionServer } from './subscription-server';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type TenantEventMessage { type: String! }
  type SolveJobProgress { status: String! }
  type Subscription { tenantEvents(tenantId: ID!): TenantEventMessage! solveJobProgress(jobId: ID!): SolveJobProgress! }
`);

/** The server reads only `exp` from the raw token; the (fake) verifier below stands for the signature check. */
const tokenFor = (role: Role) =>
  [{ alg: 'none' }, { role, exp: Math.floor(Date.now() / 1000) + 3600 }].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.';
const verifyToken = async (token: string): Promise<AuthContext> => {
  const { role } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { role?: Role };
  if (!role) throw unauthenticated();
  return { subject: role, roles: [role], tenantId: 'acme', tokenId: 't', authMethod: 'development' };
};

/** The subscription server with a permission table of the test's own, on a real WebSocket. */
describe('subscription server with its own permission table', () => {
  let dir: string;
  let eventStore: EventStore;
  let httpServer: Server;
  let server: { close(): Promise<void> };
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goliath-subscription-server-'));
    eventStore = createSqliteEventStore({ file: join(dir, 'goliath.db') });
    const config = loadConfig({ DATA_DIR: dir });
    httpServer = createServer();
    server = startSubscriptionServer({
      httpServer,
      path: '/graphql',
      schema: () => schema,
      eventStore,
      verifyToken,
      onSessionRevoked: () => () => {},
      permissions: { 'Subscription.tenantEvents': ['TENANT_ADMIN'] },
      limits: config.queryLimits,
      // As in production (NODE_ENV=production): introspection off.
      introspection: false,
      errors: { stackTraces: false, suggestions: false },
      settings: config.subscriptions,
      rateLimiter: createGatewayRateLimiter(config.rateLimits),
      logger: createLogger('test', 'silent'),
    });
    url = httpUrl('127.0.0.1', await listen(httpServer, 0, '127.0.0.1'), '/graphql').replace(/^http/, 'ws');
  });

  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => httpServer.close(resolve));
    await eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a role without a row with FORBIDDEN', async () => {
    const client = subscriptionClient(url, tokenFor('VIEWER'));
    try {
      const [refused] = await collect(client, 'subscription { tenantEvents(tenantId: "acme") { type } }', 1);
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.errors?.[0].message).toContain('needs one of: TENANT_ADMIN');
    } finally {
      await client.dispose();
    }
  });

  it('refuses introspection when it is off, as over HTTP in production', async () => {
    const client = subscriptionClient(url, tokenFor('TENANT_ADMIN'));
    try {
      for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { name } }']) {
        const [refused] = await collect(client, query, 1);
        expect(errorCodes(refused)).toContain('GRAPHQL_VALIDATION_FAILED');
        expect(refused.errors?.map((error) => error.message).join(' ')).toMatch(/introspection/i);
      }
    } finally {
      await client.dispose();
    }
  });

  it('gives no "Did you mean" hints about the schema, as over HTTP in production', async () => {
    const client = subscriptionClient(url, tokenFor('TENANT_ADMIN'));
    try {
      const [refused] = await collect(client, 'subscription { tenantEvent(tenantId: "acme") { type } }', 1);
      expect(errorCodes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(refused.errors?.[0].message).toBe('Cannot query field "tenantEvent" on type "Subscription".');
    } finally {
      await client.dispose();
    }
  });

  it('refuses a subscription field without a row for every role (fail closed)', async () => {
    const client = subscriptionClient(url, tokenFor('TENANT_ADMIN'));
    try {
      const [refused] = await collect(client, 'subscription { solveJobProgress(jobId: "j1") { status } }', 1);
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.errors?.[0].message).toContain('Subscription.solveJobProgress');
    } finally {
      await client.dispose();
    }
  });
});
