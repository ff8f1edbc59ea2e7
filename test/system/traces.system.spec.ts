import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import { SUBGRAPH_NAMES } from '../../platform/config';
import { projectRoot } from '../../platform/project-root';
import { dataOf, postGraphQL } from '../support/gateway-client';
import { useOtlpCollector, type CollectedSpan } from '../support/otlp-collector';
import { freePort, processEnv, spawnProcess, waitForHttp, type SpawnedProcess } from '../support/spawned-process';

jest.setTimeout(180_000);

const CREATE_TENANT = 'mutation TracedCreateTenant($name: String!) { createTenant(input: { name: $name }) { id } }';

/** The spans of the trace that a request with this correlation id started at the gateway. */
function traceOf(spans: readonly CollectedSpan[], correlationId: string): { gateway: CollectedSpan; spans: CollectedSpan[] } {
  const gateway = spans.find((span) => span.attributes['goliath.server'] === 'gateway' && span.attributes['goliath.correlation_id'] === correlationId);
  if (!gateway) throw new Error(`No gateway span carries correlation id ${correlationId}; spans: ${spans.map((span) => `${span.service} ${span.name}`).join(', ')}`);
  return { gateway, spans: spans.filter((span) => span.traceId === gateway.traceId) };
}

/**
 * Traces as an operator turns them on: each process started from dist/ as docker-compose starts
 * it (the gateway, the enterprise subgraph, the projections), with OTEL_EXPORTER_OTLP_ENDPOINT
 * pointing at an OTLP collector in this test process. The processes export the last spans as they
 * stop, so the spans are read once they have.
 */
describe('traces across gateway, subgraph, event store and projections (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  const collector = useOtlpCollector();
  let dataDir: string;
  const processes: SpawnedProcess[] = [];
  const untraced = `trace-test-${randomUUID()}`;
  const continued = `trace-test-${randomUUID()}`;
  const callerTraceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'goliath-traces-'));
    const [enterprisePort, healthPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
    const start = (name: string, script: string, args: string[], env: NodeJS.ProcessEnv) => {
      const started = spawnProcess(
        name,
        process.execPath,
        [join(projectRoot(), 'dist', 'app', script), ...args],
        processEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, ...env }),
        projectRoot(),
      );
      processes.push(started);
      return started;
    };
    const enterprise = start('enterprise', 'start-subgraph.js', ['enterprise'], { SUBGRAPH_PORT: String(enterprisePort) });
    const projections = start('projections', 'start-projections.js', [], { HEALTH_PORT: String(healthPort) });
    await waitForHttp(`http://127.0.0.1:${enterprisePort}/health`, enterprise, 60_000);
    await waitForHttp(`http://127.0.0.1:${healthPort}/readyz`, projections, 60_000);
    // The mutation needs only the enterprise subgraph; the others are named but not started.
    const gateway = start('gateway', 'start-gateway.js', [], {
      PORT: String(gatewayPort),
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, `http://127.0.0.1:${name === 'enterprise' ? enterprisePort : 9}/graphql`])),
    });
    await waitForHttp(`http://127.0.0.1:${gatewayPort}/health`, gateway, 60_000);

    // when two mutations go through the gateway, the second from a caller that sends its own trace context
    const token = await issueDevelopmentToken({ role: 'PLATFORM_ADMIN', keysDir: join(dataDir, 'keys') });
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    dataOf(await postGraphQL(gatewayUrl, CREATE_TENANT, { token, variables: { name: 'Traced Ltd' }, headers: { 'x-correlation-id': untraced } }));
    const traceparent = `00-${callerTraceId}-${callerSpanId}-01`;
    dataOf(await postGraphQL(gatewayUrl, CREATE_TENANT, { token, variables: { name: 'Continued Ltd' }, headers: { 'x-correlation-id': continued, traceparent } }));
    // and the processes stop, exporting the spans they still hold
    for (const stopped of await Promise.all(processes.map((started) => started.stop('SIGTERM')))) expect(stopped.killed).toBe(false);
  });

  afterAll(async () => {
    await Promise.all(processes.map((started) => started.stop('SIGKILL')));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives one mutation one trace, from the gateway through the subgraph and the event store into the projections', () => {
    const { gateway, spans } = traceOf(collector.spans, untraced);
    const subgraph = spans.find((span) => span.attributes['goliath.server'] === 'enterprise');
    const append = spans.find((span) => span.name === 'eventstore.append' && (span.attributes['goliath.event_types'] as string[]).includes('TenantCreated'));
    const projections = spans.filter((span) => span.name.startsWith('projection '));

    expect(gateway).toMatchObject({ service: 'goliath-gateway', parentSpanId: '', name: 'mutation TracedCreateTenant', attributes: expect.objectContaining({ 'graphql.operation.type': 'mutation' }) });
    // @apollo/gateway's own spans (planning, fetches) join the request's trace.
    expect(spans.map((span) => span.name)).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.fetch']));
    expect(subgraph).toMatchObject({ service: 'goliath-enterprise', name: expect.stringMatching(/^mutation TracedCreateTenant/) });
    expect(spans.find((span) => span.spanId === subgraph?.parentSpanId)?.name).toBe('gateway.fetch');
    expect(append?.service).toBe('goliath-enterprise');
    expect(projections.filter((span) => span.parentSpanId === append?.spanId).map((span) => [span.service, span.attributes['goliath.projection']])).toContainEqual(['goliath-projections', 'tenants']);
  });

  it('connects every span of the trace to its parent and gives each the correlation id, which no other trace carries', () => {
    const { gateway, spans } = traceOf(collector.spans, untraced);
    const ids = new Set(spans.map((span) => span.spanId));

    expect(spans.filter((span) => span !== gateway && !ids.has(span.parentSpanId)).map((span) => `${span.service} ${span.name}`)).toEqual([]);
    expect(spans.filter((span) => span.attributes['goliath.correlation_id'] !== untraced).map((span) => `${span.service} ${span.name}`)).toEqual([]);
    expect(new Set(collector.spans.filter((span) => span.attributes['goliath.correlation_id'] === untraced).map((span) => span.traceId))).toEqual(new Set([gateway.traceId]));
  });

  it("continues the caller's trace when the request brings a W3C traceparent", () => {
    const { gateway, spans } = traceOf(collector.spans, continued);

    expect(gateway).toMatchObject({ traceId: callerTraceId, parentSpanId: callerSpanId });
    expect(spans.filter((span) => span.name.startsWith('projection ')).length).toBeGreaterThan(0);
  });
});
