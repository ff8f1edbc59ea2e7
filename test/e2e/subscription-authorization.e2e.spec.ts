import type { Client } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import type { Role } from '../../platform/auth/auth-context';
import { createPlatformTokenIssuer } from '../../platform/auth/token-issuer';
import { loadConfig } from '../../platform/config';
import { collect, errorCodes, subscriptionClient, type GraphQLResponse } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

interface TenantEvent {
  readonly type: string;
  readonly streamId: string;
  readonly position: number;
}

/** A subscription left open: what it received so far, and when and how it ended. */
interface OpenSubscription {
  readonly events: TenantEvent[];
  readonly ended: Promise<{ readonly at: number; readonly codes: (string | undefined)[] }>;
  readonly hasEnded: () => boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
/** The promise's value, or undefined once `ms` have passed; leaves no timer behind. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), Math.max(0, ms))));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
const tenantEventsQuery = (tenantId: string) => `subscription { tenantEvents(tenantId: "${tenantId}") { type streamId position } }`;
const OVERSIGHT_STREAM = /^(audit|authentication|session|samlassertion|user|identityprovider|compliance|compliancecheck|changeapproval)-/;

/** Who may subscribe to what, what each sees, and how long a subscription lives: through the gateway's WebSocket. */
describe('subscription authorization', () => {
  const goliath = useTestPlatform();
  let tenantA: string;
  let tenantB: string;
  let tenantAdminA: string;
  const clients: Client[] = [];
  const client = (token: string) => {
    const created = subscriptionClient(goliath.platform.subscriptionUrl, token);
    clients.push(created);
    return created;
  };
  const devToken = (role: Role) => goliath.token(role, tenantA);
  /** Signs as the enterprise subgraph does when someone signs in: a token of a session, with the configured lifetime. */
  const sessionToken = async (role: Role, sessionId: string, env: Record<string, string> = {}) => {
    const issue = await createPlatformTokenIssuer(loadConfig({ DATA_DIR: goliath.dataDir, KEYS_DIR: goliath.platform.keysDir, ...env }));
    return issue({ subject: `${role}-${sessionId}`, roles: [role], tenantId: tenantA, authMethod: 'oidc', sessionId });
  };

  let renames = 0;
  const renameTenantA = () => goliath.call(`mutation { renameTenant(id: "${tenantA}", name: "Acme ${++renames}") { id } }`, {}, tenantAdminA);

  /** Subscribes and keeps every event until the subscription ends (or the test disposes its client). */
  function open(subscriber: Client, query: string): OpenSubscription {
    const events: TenantEvent[] = [];
    let hasEnded = false;
    const ended = new Promise<{ at: number; codes: (string | undefined)[] }>((resolve) => {
      const end = (codes: (string | undefined)[]) => {
        hasEnded = true;
        resolve({ at: Date.now(), codes });
      };
      subscriber.subscribe<{ tenantEvents: TenantEvent }>(
        { query },
        {
          next: (result) => {
            if (result.errors) end(errorCodes(result as GraphQLResponse));
            else events.push(result.data!.tenantEvents);
          },
          error: (error) => end(Array.isArray(error) ? error.map((item: { extensions?: { code?: string } }) => item.extensions?.code) : ['SOCKET_CLOSED']),
          complete: () => end([]),
        },
      );
    });
    return { events, ended, hasEnded: () => hasEnded };
  }

  /** Subscriptions start at the head of the log once the server has them: rename until `done` holds. */
  async function renameUntil(done: () => boolean, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!done()) {
      if (Date.now() - started > timeoutMs) throw new Error(`Not done within ${timeoutMs} ms`);
      await renameTenantA();
      await sleep(150);
    }
  }

  beforeAll(async () => {
    [tenantA, tenantB] = await goliath.createTenants('Acme', 'Globex');
    tenantAdminA = await devToken('TENANT_ADMIN');
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((created) => created.dispose()));
  });

  it("shows a viewer its tenant's domain events but not its audit entries, which its tenant-admin sees", async () => {
    // given a tenant-admin and a viewer of the same tenant following its events
    const admin = open(client(tenantAdminA), tenantEventsQuery(tenantA));
    const viewer = open(client(await devToken('VIEWER')), tenantEventsQuery(tenantA));
    // when the tenant is renamed (each rename is audited) until the viewer has seen renames on both sides of an audit entry the admin saw
    // (an audit entry after the viewer's first event, so the viewer's subscription was live when it was appended)
    const auditWhileViewerListened = () => {
      const viewerStart = viewer.events[0]?.position;
      return viewerStart === undefined ? undefined : admin.events.find((event) => event.type === 'AuditEntryRecorded' && event.position > viewerStart)?.position;
    };
    await renameUntil(() => {
      const audited = auditWhileViewerListened();
      return audited !== undefined && viewer.events.some((event) => event.type === 'TenantRenamed' && event.position > audited);
    });
    // then the admin received the audit entries and the renames
    expect(admin.events.some((event) => event.type === 'AuditEntryRecorded' && event.streamId === `audit-${tenantA}`)).toBe(true);
    expect(admin.events.some((event) => event.type === 'TenantRenamed')).toBe(true);
    // and the viewer the renames only: nothing from the audit trail or any other oversight stream
    expect(viewer.events.filter((event) => OVERSIGHT_STREAM.test(event.streamId))).toEqual([]);
    expect(viewer.events.every((event) => event.streamId === `tenant-${tenantA}`)).toBe(true);
    expect(admin.hasEnded() || viewer.hasEnded()).toBe(false);
  }, 20_000);

  it('shows an auditor the audit entries too', async () => {
    const auditor = open(client(await devToken('AUDITOR')), tenantEventsQuery(tenantA));
    await renameUntil(() => auditor.events.some((event) => event.type === 'AuditEntryRecorded'));
    expect(auditor.events.some((event) => event.streamId === `audit-${tenantA}`)).toBe(true);
  }, 20_000);

  it("refuses every role another tenant's events, and a missing solve job, like HTTP does", async () => {
    for (const role of ['VIEWER', 'ANALYST', 'TENANT_ADMIN', 'AUDITOR'] as const) {
      const [refused] = await collect(client(await devToken(role)), tenantEventsQuery(tenantB), 1);
      expect({ role, codes: errorCodes(refused) }).toEqual({ role, codes: ['FORBIDDEN'] });
    }
    const [missing] = await collect(client(await devToken('VIEWER')), 'subscription { solveJobProgress(jobId: "no-such-job") { status } }', 1);
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  }, 20_000);

  it("ends a revoked session's open subscription with SESSION_REVOKED within one second, and refuses it a new one", async () => {
    // given two sessions of the same viewer, each following the tenant's events
    const revokedSession = randomUUID();
    const revokedClient = client(await sessionToken('VIEWER', revokedSession));
    const revoked = open(revokedClient, tenantEventsQuery(tenantA));
    const untouched = open(client(await sessionToken('VIEWER', randomUUID())), tenantEventsQuery(tenantA));
    await renameUntil(() => revoked.events.length > 0 && untouched.events.length > 0);
    // when one session is revoked by another process
    const revokedAt = await goliath.revokeFromAnotherProcess(revokedSession, { tenantId: tenantA });
    // then its subscription ends with SESSION_REVOKED within a second
    const ending = await within(revoked.ended, 2000);
    expect(ending?.codes).toEqual(['SESSION_REVOKED']);
    expect(ending!.at - revokedAt).toBeLessThan(1000);
    // and its token opens nothing more: the client's next socket is refused at connection_init
    const [again] = await collect(revokedClient, tenantEventsQuery(tenantA), 1);
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'SOCKET_CLOSED', closeCode: 4401 } });
    expect(again.errors?.[0].message).toContain('SESSION_REVOKED');
    // while the other session's subscription still receives events
    const received = untouched.events.length;
    await renameUntil(() => untouched.events.length > received);
    expect(untouched.hasEnded()).toBe(false);
  }, 20_000);

  it('ends a subscription with UNAUTHENTICATED when its token expires', async () => {
    // given a token issued with TOKEN_TTL_SECONDS=2, following the tenant's events
    const token = await sessionToken('VIEWER', randomUUID(), { TOKEN_TTL_SECONDS: '2' });
    const expiresAt = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp: number }).exp * 1000;
    const subscription = open(client(token), tenantEventsQuery(tenantA));
    await renameUntil(() => subscription.events.length > 0 || subscription.hasEnded());
    expect(subscription.hasEnded()).toBe(false);
    // when its expiry passes, then the subscription ends with UNAUTHENTICATED, within a second of it
    const ending = await within(subscription.ended, expiresAt - Date.now() + 2000);
    expect(ending?.codes).toEqual(['UNAUTHENTICATED']);
    expect(ending!.at).toBeGreaterThanOrEqual(expiresAt);
    expect(ending!.at - expiresAt).toBeLessThan(1000);
  }, 20_000);
});
