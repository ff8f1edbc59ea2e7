import { collect, errorCodes, subscriptionClient } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

const USER_POINTS = 5;
const OPERATION_POINTS = 3;
const WINDOW_SECONDS = 2;
/** Low limits so a test can exhaust them. */
const LIMITS = {
  RATE_LIMIT_USER_POINTS: String(USER_POINTS),
  RATE_LIMIT_TENANT_POINTS: '1000',
  RATE_LIMIT_OPERATION_POINTS: String(OPERATION_POINTS),
  RATE_LIMIT_DURATION_SECONDS: String(WINDOW_SECONDS),
  API_VERSION: '2',
  API_SUPPORTED_VERSIONS: '1,2',
};

interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  };
}

/** Rate limits and API versions at the gateway, on the embedded platform. */
describe('gateway features', () => {
  const goliath = useTestPlatform({ env: LIMITS });

  const post = async (query: string, token: string, headers: Record<string, string> = {}): Promise<RawResponse> => {
    const response = await fetch(goliath.platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as RawResponse['body'] };
  };
  const newAdmin = () => goliath.token('PLATFORM_ADMIN');
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  describe('correlation ids', () => {
    it("answers with the caller's correlation id, or one of its own, in x-correlation-id (the id its access log and the audit trail carry)", async () => {
      const admin = await newAdmin();
      const quoted = await post('{ __typename }', admin, { 'x-correlation-id': 'ticket-4711' });
      expect(quoted.headers.get('x-correlation-id')).toBe('ticket-4711');
      const made = await post('{ __typename }', admin);
      expect(made.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
      const refused = await post('{ tenants { edges { node { id } } } }', 'not-a-token');
      expect(refused.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('rate limits', () => {
    it('refuses a burst over the per-user limit with RATE_LIMITED, 429 and Retry-After, leaves other users alone, and recovers after the window', async () => {
      // given a user who has spent the budget (`__typename` touches no root-field budget)
      const user = await newAdmin();
      for (let request = 0; request < USER_POINTS; request++) {
        const allowed = await post('{ __typename }', user);
        expect(allowed.status).toBe(200);
        expect(allowed.body.errors).toBeUndefined();
      }

      // when one more request arrives within the window
      const refused = await post('{ __typename }', user);

      // then it is refused and says when to retry
      expect(refused.status).toBe(429);
      const error = refused.body.errors?.[0];
      expect(error?.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        rateLimit: { scope: 'user', points: USER_POINTS, durationSeconds: WINDOW_SECONDS },
      });
      const retryAfterSeconds = error?.extensions?.retryAfterSeconds as number;
      expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(refused.headers.get('retry-after')).toBe(String(retryAfterSeconds));
      expect(refused.body.data).toBeUndefined();

      // and another user of the same tenant is still served
      const other = await post('{ __typename }', await newAdmin());
      expect(other.status).toBe(200);
      expect(other.body.errors).toBeUndefined();

      // and once the window has passed the first user is served again
      await sleep(retryAfterSeconds * 1000 + 100);
      const again = await post('{ __typename }', user);
      expect(again.status).toBe(200);
      expect(again.body.errors).toBeUndefined();
    }, 15_000);

    it('limits each root field across callers, naming the operation', async () => {
      // given the root field `tenants` called up to its limit by one user
      const first = await newAdmin();
      for (let request = 0; request < OPERATION_POINTS; request++) {
        const allowed = await post('{ tenants { pageInfo { hasNextPage } } }', first);
        expect(allowed.body.errors).toBeUndefined();
      }

      // when another user calls it, whatever the operation is named
      const second = await newAdmin();
      const refused = await post('query RenamedToDodgeTheLimit { tenants { pageInfo { hasNextPage } } }', second);

      // then it is refused for that operation, while other operations still work for the same user
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        rateLimit: { scope: 'operation', operation: 'query.tenants', points: OPERATION_POINTS },
      });
      const otherOperation = await post('{ tenant(id: "none") { id } }', second);
      expect(otherOperation.status).toBe(200);
      expect(otherOperation.body.errors).toBeUndefined();
    });
  });

  it('counts WebSocket subscriptions against the same budgets as HTTP operations', async () => {
    // given a fresh user, when it opens more subscriptions than its budget allows
    const client = subscriptionClient(goliath.platform.subscriptionUrl, await newAdmin());
    try {
      const codes: (string | undefined)[] = [];
      for (let attempt = 0; attempt <= USER_POINTS; attempt++) {
        const [result] = await collect(client, 'subscription { solveJobProgress(jobId: "no-such-job") { type } }', 1);
        codes.push(...errorCodes(result));
      }
      // then those within the budgets reach the resolver (no such job), and the rest are refused
      // (the per-operation budget of OPERATION_POINTS runs out before the per-user one)
      expect(codes).toEqual([...Array(OPERATION_POINTS).fill('NOT_FOUND'), ...Array(USER_POINTS + 1 - OPERATION_POINTS).fill('RATE_LIMITED')]);
    } finally {
      await client.dispose();
    }
  });

  describe('API versions', () => {
    it('serves a supported version asked for in Goliath-Api-Version and reports it', async () => {
      const response = await post('{ __typename }', await newAdmin(), { 'Goliath-Api-Version': '1' });
      expect(response.status).toBe(200);
      expect(response.body.extensions).toEqual({ apiVersion: 1, deprecations: [] });
      expect(response.headers.get('goliath-api-version')).toBe('1');
    });

    it('serves the current version when no version is asked for, reporting it in the header only', async () => {
      const response = await post('{ __typename }', await newAdmin());
      expect(response.body).toEqual({ data: { __typename: 'Query' } });
      expect(response.headers.get('goliath-api-version')).toBe('2');
    });

    it('refuses an unsupported version with UNSUPPORTED_API_VERSION naming the supported ones', async () => {
      const response = await post('{ __typename }', await newAdmin(), { 'Goliath-Api-Version': '7' });
      expect(response.status).toBe(400);
      const error = response.body.errors?.[0];
      expect(error?.extensions).toMatchObject({ code: 'UNSUPPORTED_API_VERSION', supportedVersions: [1, 2], currentVersion: 2 });
      expect(error?.message).toContain('1, 2');
      expect(response.body.data).toBeUndefined();
    });
  });
});
