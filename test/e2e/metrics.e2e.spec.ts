import { RUNNER_PROJECTION_NAMES } from '../../projections';
import { eventually } from '../support/eventually';
import { dataOf, errorCodes, subscriptionClient } from '../support/gateway-client';
import { parseExposition, samples, type Series } from '../support/metric-series';
import { useTestPlatform } from '../support/test-platform';

/**
 * /metrics on the gateway and on a subgraph of the embedded platform. Its servers share one
 * process, hence one registry: each answers every series, the subgraphs' under their names.
 */

const METRICS_TOKEN = 'e2e-metrics-token-0123456789';

async function scrape(url: string, token?: string): Promise<{ status: number; series: Series[] }> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  return { status: response.status, series: response.ok ? parseExposition(text) : [] };
}

const metricsUrl = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '/metrics');
const value = (series: Series[], name: string, labels: Record<string, string> = {}) => samples(series, name, labels).reduce((sum, sample) => sum + sample.value, 0);

describe('metrics in development', () => {
  const goliath = useTestPlatform();

  it('count the operations sent through the gateway, their errors, the subgraph calls, the appends, and show each projection\'s lag', async () => {
    // given a tenant created through the gateway (its events appended)
    const [tenantId] = await goliath.createTenants('Metered');

    // when a named query runs twice, and an anonymous caller is refused once
    for (let i = 0; i < 2; i++) dataOf(await goliath.call('query MeteredTenant($id: ID!) { tenant(id: $id) { id name } }', { id: tenantId }));
    expect(errorCodes(await goliath.call('query MeteredTenant($id: ID!) { tenant(id: $id) { id } }', { id: tenantId }, null))).toEqual(['UNAUTHENTICATED']);

    // then the gateway's /metrics counts them per operation
    const gateway = await scrape(metricsUrl(goliath.platform.gatewayUrl));
    expect(gateway.status).toBe(200);
    expect(value(gateway.series, 'goliath_gateway_requests_total', { operation: 'MeteredTenant', operation_type: 'query', status: '200' })).toBe(2);
    expect(value(gateway.series, 'goliath_gateway_requests_total', { operation: 'MeteredTenant', operation_type: 'query', status: '401' })).toBe(1);
    expect(value(gateway.series, 'goliath_gateway_request_duration_seconds_count', { operation: 'MeteredTenant', operation_type: 'query' })).toBe(3);
    expect(value(gateway.series, 'goliath_gateway_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(value(gateway.series, 'goliath_gateway_requests_total', { operation: '__anonymous', operation_type: 'mutation' })).toBe(1);
    // and the gateway's calls to the enterprise subgraph, which served them
    expect(value(gateway.series, 'goliath_gateway_subgraph_fetches_total', { subgraph: 'enterprise', outcome: '200' })).toBeGreaterThanOrEqual(3);
    expect(value(gateway.series, 'goliath_subgraph_requests_total', { subgraph: 'enterprise', operation_type: 'query' })).toBeGreaterThanOrEqual(2);

    // and a subgraph's /metrics shows the event store's appends and every projection's lag
    const subgraph = await scrape(metricsUrl(goliath.platform.subgraphUrls.enterprise));
    expect(subgraph.status).toBe(200);
    expect(value(subgraph.series, 'goliath_subgraph_requests_total', { subgraph: 'enterprise', operation_type: 'mutation', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(value(subgraph.series, 'goliath_eventstore_append_duration_seconds_count', { outcome: 'appended' })).toBeGreaterThan(0);
    expect(value(subgraph.series, 'goliath_eventstore_append_events_sum')).toBeGreaterThan(0);
    const lags = samples(subgraph.series, 'goliath_projection_lag');
    expect(lags.map((sample) => sample.labels.projection).sort()).toEqual([...RUNNER_PROJECTION_NAMES].sort());
    expect(lags.every((sample) => Number.isInteger(sample.value) && sample.value >= 0)).toBe(true);
    expect(samples(subgraph.series, 'goliath_projection_parked_events').map((sample) => sample.value)).toEqual(RUNNER_PROJECTION_NAMES.map(() => 0));
    // and the synchronous and background solver pools of the optimization subgraph
    expect(samples(subgraph.series, 'goliath_solver_pool_size').map((sample) => sample.labels.pool).sort()).toEqual(['solve-jobs', 'synchronous']);
  });

  it('count sign-ins by method and outcome, and the subscriptions open on the gateway\'s WebSocket', async () => {
    // given a refresh token nobody issued
    expect(errorCodes(await goliath.call('mutation { refreshSession(refreshToken: "not-a-refresh-token") { accessToken } }', {}, null))).toEqual(['UNAUTHENTICATED']);
    const gatewayMetrics = metricsUrl(goliath.platform.gatewayUrl);
    expect(value((await scrape(gatewayMetrics)).series, 'goliath_sign_ins_total', { method: 'refresh', outcome: 'failure', code: 'UNAUTHENTICATED' })).toBe(1);

    // when a subscription opens
    const [tenantId] = await goliath.createTenants('Followed');
    const client = subscriptionClient(goliath.platform.subscriptionUrl, goliath.admin);
    const unsubscribe = client.subscribe({ query: `subscription { tenantEvents(tenantId: "${tenantId}") { type } }` }, { next: () => {}, error: () => {}, complete: () => {} });
    try {
      // then it is counted while open
      await eventually(async () => expect(value((await scrape(gatewayMetrics)).series, 'goliath_gateway_subscriptions_open', { subscription: 'tenantEvents' })).toBe(1));
    } finally {
      unsubscribe();
      await client.dispose();
    }
    // and no longer once closed
    await eventually(async () => expect(value((await scrape(gatewayMetrics)).series, 'goliath_gateway_subscriptions_open', { subscription: 'tenantEvents' })).toBe(0));
  });
});

describe('metrics in production', () => {
  const goliath = useTestPlatform({ env: { NODE_ENV: 'production', METRICS_TOKEN } });

  it('are refused without METRICS_TOKEN, on the gateway and on a subgraph alike, and served with it', async () => {
    for (const url of [goliath.platform.gatewayUrl, goliath.platform.subgraphUrls.optimization].map(metricsUrl)) {
      expect({ url, status: (await scrape(url)).status }).toEqual({ url, status: 401 });
      expect({ url, status: (await scrape(url, 'wrong-token-0123456789')).status }).toEqual({ url, status: 401 });
      const served = await scrape(url, METRICS_TOKEN);
      expect({ url, status: served.status }).toEqual({ url, status: 200 });
      expect(samples(served.series, 'goliath_projection_lag').length).toBe(RUNNER_PROJECTION_NAMES.length);
    }
  });
});
