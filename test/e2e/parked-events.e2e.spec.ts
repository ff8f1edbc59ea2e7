import { userInfo } from 'node:os';
import { eventually } from '../support/eventually';
import { runProjections } from '../../cli/projections-command';
import { capturedIo } from '../../cli/test-support/captured-io';
import { UsageError } from '../../cli/usage-error';
import { dataOf, errorCodes } from '../support/gateway-client';
import { poisonWriter, type PoisonWriter } from '../support/poison-events';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

interface ParkedEventView {
  readonly id: string;
  readonly projection: string;
  readonly tenantId: string;
  readonly eventType: string;
  readonly status: string;
  readonly attempts: number;
  readonly error: string;
  readonly resolvedBy: string | null;
  readonly reason: string | null;
}

interface TrailEntry {
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly outcome: string;
  readonly details: { arguments?: Record<string, unknown> };
}

const PARKED_FIELDS = 'id projection tenantId eventType status attempts error resolvedBy reason';

/** One event of one tenant that a read model cannot fold, through the gateway and the CLI: parked, visible, retried, skipped, audited. */
describe('parked events', () => {
  const goliath = useTestPlatform({ adminSubject: 'ops-ada' });
  let tenantA: string;
  let tenantB: string;
  let poison: PoisonWriter;

  const parkedEvents = async (status = 'PARKED') =>
    dataOf(await goliath.call<{ parkedEvents: ParkedEventView[] }>(`query ($status: ParkedEventStatus) { parkedEvents(status: $status) { ${PARKED_FIELDS} } }`, { status })).parkedEvents;
  const health = async (path: string, base = goliath.platform.gatewayUrl) => {
    const response = await fetch(base.replace(/\/graphql$/, path));
    return { status: response.status, body: (await response.json()) as { status: string; ready?: boolean; reasons?: string[]; subgraph?: string } };
  };
  const trail = async (tenantId: string, action: string) =>
    dataOf(
      await goliath.call<{ auditTrail: { edges: { node: TrailEntry }[] } }>(
        'query ($t: ID!, $action: String) { auditTrail(tenantId: $t, filter: { action: $action }) { edges { node { actor action target outcome details } } } }',
        { t: tenantId, action },
      ),
    ).auditTrail.edges.map((edge) => edge.node);
  const cli = async (...argv: string[]) => {
    const io = capturedIo();
    const code = await runProjections(argv, io, { DATA_DIR: goliath.dataDir, READ_YOUR_WRITES_TIMEOUT_MS: '10000' });
    return { code, out: io.out(), err: io.err() };
  };

  beforeAll(async () => {
    [tenantA, tenantB] = await goliath.createTenants('Acme', 'Globex');
    poison = poisonWriter(goliath.dataDir, async (id) => (await parkedEvents()).some((parked) => parked.id === id));
  });

  afterAll(async () => {
    await poison?.close();
  });

  it("parks tenant A's bad event, keeps every tenant's read-your-writes, and says degraded with the reason on the gateway and every subgraph", async () => {
    // Given health is ok
    expect(await health('/health')).toMatchObject({ status: 200, body: { status: 'ok', ready: true } });

    // When an event of tenant A that the tenants read model cannot fold is stored
    const { parkedId } = await poison.parkPoisonEvent(tenantA);

    // Then it is parked with the error, in tenant A
    expect((await parkedEvents()).find((parked) => parked.id === parkedId)).toEqual({
      id: parkedId,
      projection: 'tenants',
      tenantId: tenantA,
      eventType: 'TenantRenamed',
      status: 'PARKED',
      attempts: 1,
      error: "TypeError: Cannot read properties of null (reading 'tenantId')",
      resolvedBy: null,
      reason: null,
    });

    // And both tenants' mutations still answer with what they wrote
    for (const [id, name] of [[tenantB, 'Globex Two'], [tenantA, 'Acme Two']]) {
      const renamed = await goliath.call<{ renameTenant: { name: string } }>('mutation ($id: ID!, $name: String!) { renameTenant(id: $id, name: $name) { name } }', { id, name });
      expect(dataOf(renamed).renameTenant.name).toBe(name);
    }

    // And health is degraded with the reason, yet ready, at the gateway and at each subgraph
    const reason = expect.stringMatching(/^projection tenants has 1 parked event/);
    expect(await health('/health')).toMatchObject({ status: 200, body: { status: 'degraded', ready: true, reasons: [reason] } });
    for (const url of Object.values(goliath.platform.subgraphUrls)) {
      expect(await health('/health', url)).toMatchObject({ status: 200, body: { status: 'degraded', reasons: [reason] } });
      expect(await health('/readyz', url)).toMatchObject({ status: 200, body: { status: 'ready' } });
      expect(await health('/livez', url)).toMatchObject({ status: 200, body: { status: 'alive' } });
    }
    expect(await health('/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(await health('/livez')).toEqual({ status: 200, body: { status: 'alive' } });
  });

  it('retries and skips a parked event through the gateway, each audited in the tenant’s trail, and health is ok again', async () => {
    const { parkedId } = await poison.parkPoisonEvent(tenantA);

    // When a platform-admin retries it (the read model still cannot fold it)
    const retried = dataOf(await goliath.call<{ retryParkedEvent: ParkedEventView }>(`mutation ($id: ID!) { retryParkedEvent(id: $id) { ${PARKED_FIELDS} } }`, { id: parkedId })).retryParkedEvent;

    // Then the answer shows the runner's attempt: still parked, a second attempt counted
    expect(retried).toMatchObject({ id: parkedId, status: 'PARKED', attempts: 2 });

    // When it is skipped
    const skipped = dataOf(
      await goliath.call<{ skipParkedEvent: ParkedEventView }>(`mutation ($id: ID!, $reason: String!) { skipParkedEvent(id: $id, reason: $reason) { ${PARKED_FIELDS} } }`, { id: parkedId, reason: 'a rename without its data' }),
    ).skipParkedEvent;
    expect(skipped).toMatchObject({ id: parkedId, status: 'SKIPPED', resolvedBy: 'ops-ada', reason: 'a rename without its data' });

    // Then a second skip is a conflict, and an unknown id is not found
    const again = await goliath.call(`mutation ($id: ID!) { skipParkedEvent(id: $id, reason: "again") { id } }`, { id: parkedId });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(errorCodes(await goliath.call('mutation { retryParkedEvent(id: "tenants:999999999") { id } }'))).toEqual(['NOT_FOUND']);

    // And both decisions are in tenant A's audit trail, by the operator, naming the parked event
    expect(await trail(tenantA, 'enterprise.retryParkedEvent')).toEqual([expect.objectContaining({ actor: 'ops-ada', target: parkedId, outcome: 'success' })]);
    expect(await trail(tenantA, 'enterprise.skipParkedEvent')).toEqual([
      expect.objectContaining({ actor: 'ops-ada', target: parkedId, outcome: 'success', details: expect.objectContaining({ arguments: { id: parkedId, reason: 'a rename without its data' } }) }),
    ]);
    // (the refused second skip changed nothing, so it is filed where the row declares: the caller's own trail, the platform's)
    expect(await trail('platform', 'enterprise.skipParkedEvent')).toEqual([expect.objectContaining({ actor: 'ops-ada', target: parkedId, outcome: 'failure' })]);

    // And once nothing is parked, health is ok again
    for (const parked of await parkedEvents()) {
      dataOf(await goliath.call('mutation ($id: ID!) { skipParkedEvent(id: $id, reason: "cleanup") { id } }', { id: parked.id }));
    }
    await eventually(async () => expect(await health('/health')).toMatchObject({ status: 200, body: { status: 'ok' } }));
  });

  it('lets only a platform-admin list, retry or skip parked events', async () => {
    const tenantAdmin = await goliath.token('TENANT_ADMIN', tenantA);
    expect(errorCodes(await goliath.call('{ parkedEvents { id } }', {}, tenantAdmin))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call('mutation { retryParkedEvent(id: "tenants:1") { id } }', {}, tenantAdmin))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call('mutation { skipParkedEvent(id: "tenants:1", reason: "x") { id } }', {}, tenantAdmin))).toEqual(['FORBIDDEN']);
  });

  it('lists, retries and skips parked events with `goliath projections` on the platform’s store, audited as the CLI user', async () => {
    const { parkedId } = await poison.parkPoisonEvent(tenantB);
    const operator = `goliath-cli:${userInfo().username}`;

    // status and parked show it
    const status = await cli('status');
    expect(status.code).toBe(1);
    expect(JSON.parse(status.out)).toMatchObject({ status: 'degraded', reasons: [expect.stringMatching(/^projection tenants has 1 parked event/)] });
    const listed = await cli('parked', '--projection', 'tenants');
    expect(listed.code).toBe(0);
    expect(listed.out.trim().split('\n').map((line) => JSON.parse(line) as { id: string; tenantId: string })).toEqual([expect.objectContaining({ id: parkedId, tenantId: tenantB })]);

    // retry: the running platform's runner acts on it; still parked
    const retry = await cli('retry', parkedId);
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.out)).toMatchObject({ id: parkedId, requested: 'retry', applied: true, record: { status: 'parked', attempts: 2 } });

    // skip, with a reason
    const skip = await cli('skip', parkedId, '--reason', 'checked by hand');
    expect(JSON.parse(skip.out)).toMatchObject({ id: parkedId, requested: 'skip', applied: true, record: { status: 'skipped', resolvedBy: operator, reason: 'checked by hand' } });
    await expect(cli('skip', parkedId, '--reason', 'again')).rejects.toThrow(new UsageError(`Parked event ${parkedId} was skipped already.`));
    expect((await cli('parked')).out).toBe('');
    expect((await cli('status')).code).toBe(0);

    // both audited in tenant B's trail as the CLI user
    await eventually(async () => {
      expect(await trail(tenantB, 'cli.retryParkedEvent')).toEqual([expect.objectContaining({ actor: operator, target: parkedId, outcome: 'success' })]);
      expect(await trail(tenantB, 'cli.skipParkedEvent')).toEqual([expect.objectContaining({ actor: operator, target: parkedId, outcome: 'success' })]);
    });
  });
});
