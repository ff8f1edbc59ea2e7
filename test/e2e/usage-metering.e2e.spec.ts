import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { capturedIo } from '../../cli/test-support/captured-io';
import { runUsage } from '../../cli/usage-command';
import { dataOf, errorCodes } from '../support/gateway-client';
import { eventually } from '../support/eventually';
import { sharedDataFile } from '../support/shared-data';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

const SERIES = `query ($t: ID!, $r: ResourceType!, $from: DateTime!, $to: DateTime!, $g: UsageGranularity) {
  usageSeries(tenantId: $t, resourceType: $r, from: $from, to: $to, granularity: $g) { aggregation points { time value } }
}`;
const RECORD = 'mutation ($input: RecordUsageInput!) { recordUsage(input: $input) { hours from to } }';

interface Series {
  aggregation: string;
  points: { time: string; value: number }[];
}

/** Metering (scaling subgraph): every solve and what tenants bring, hour by hour, through the gateway. */
describe('usage metering through the gateway', () => {
  const goliath = useTestPlatform({ env: { SOLVER_WORKERS: '1' } });
  let acme: string;
  let globex: string;
  let admin: string;
  let developer: string;

  const series = (tenantId: string, resourceType: string, from: Date, to: Date, granularity = 'HOUR', token = admin) =>
    goliath.call<{ usageSeries: Series }>(SERIES, { t: tenantId, r: resourceType, from: from.toISOString(), to: to.toISOString(), g: granularity }, token);
  const thisHour = () => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const hoursFrom = (start: Date, hours: number) => new Date(start.getTime() + hours * 3_600_000);

  beforeAll(async () => {
    [acme, globex] = await goliath.createTenants('Acme', 'Globex');
    admin = await goliath.token('TENANT_ADMIN', acme, 'ada');
    developer = await goliath.token('DEVELOPER', acme, 'dev');
  });

  it('meters every solve: its CPU-seconds as COMPUTE and its memory as MEMORY, in the hour it finished', async () => {
    // given a tenant that has not solved anything this hour
    const hour = thisHour();
    expect(dataOf(await series(acme, 'COMPUTE', hour, hoursFrom(hour, 2))).usageSeries.points).toEqual([]);
    // when it solves synchronously and as a job
    const variables = ['a', 'b', 'c'];
    const qubo = { variables, linear: variables.map((variable) => ({ variable, coefficient: -1 })), quadratic: [{ u: 'a', v: 'b', coefficient: 2 }] };
    dataOf(await goliath.call('mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { runId } }', { input: { tenantId: acme, qubo, timeLimitMs: 50, seed: 1 } }, admin));
    const first = dataOf(await series(acme, 'COMPUTE', hour, hoursFrom(hour, 2))).usageSeries;
    expect(first.aggregation).toBe('SUM');
    expect(first.points).toHaveLength(1);
    expect(first.points[0].value).toBeGreaterThan(0);
    const job = dataOf(await goliath.call<{ submitSolveJob: { id: string } }>('mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id } }', { input: { tenantId: acme, qubo, timeLimitMs: 50, seed: 1 } }, admin)).submitSolveJob;
    // then each adds to the hour, and the hour's memory is their peak
    await eventually(async () => {
      const state = dataOf(await goliath.call<{ solveJob: { status: string } }>('query ($id: ID!) { solveJob(id: $id) { status } }', { id: job.id }, admin)).solveJob;
      expect(state.status).toBe('COMPLETED');
      const after = dataOf(await series(acme, 'COMPUTE', hour, hoursFrom(hour, 2))).usageSeries.points;
      expect(after.reduce((sum, point) => sum + point.value, 0)).toBeGreaterThan(first.points[0].value);
    }, 20_000);
    const memory = dataOf(await series(acme, 'MEMORY', hour, hoursFrom(hour, 2))).usageSeries;
    expect(memory.aggregation).toBe('PEAK');
    expect(memory.points[memory.points.length - 1].value).toBeGreaterThan(10);
  });

  it('records usage the tenant measured itself, by hour and by day, and refuses a bad point storing nothing', async () => {
    // given three network readings, two of them in one hour
    const points = [
      { time: '2026-11-02T08:05:00Z', value: 10 },
      { time: '2026-11-02T08:55:00Z', value: 5 },
      { time: '2026-11-02T09:30:00Z', value: 7 },
    ];
    // when recorded (by a developer: metrics come from the tenant's systems)
    const recorded = dataOf(await goliath.call<{ recordUsage: { hours: number; from: string; to: string } }>(RECORD, { input: { tenantId: acme, resourceType: 'NETWORK', points } }, developer)).recordUsage;
    expect(recorded).toEqual({ hours: 2, from: '2026-11-02T08:00:00.000Z', to: '2026-11-02T09:00:00.000Z' });
    // then the series adds them up per hour and per day
    const from = new Date('2026-11-01T00:00:00Z');
    const to = new Date('2026-11-04T00:00:00Z');
    expect(dataOf(await series(acme, 'NETWORK', from, to)).usageSeries.points).toEqual([
      { time: '2026-11-02T08:00:00.000Z', value: 15 },
      { time: '2026-11-02T09:00:00.000Z', value: 7 },
    ]);
    expect(dataOf(await series(acme, 'NETWORK', from, to, 'DAY')).usageSeries.points).toEqual([{ time: '2026-11-02T00:00:00.000Z', value: 22 }]);
    // and a negative value, an unknown resource or an empty range is BAD_USER_INPUT, with nothing stored
    const refused = await goliath.call(RECORD, { input: { tenantId: acme, resourceType: 'NETWORK', points: [{ time: '2026-11-02T10:00:00Z', value: 1 }, { time: '2026-11-02T11:00:00Z', value: -1 }] } }, developer);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0].extensions?.field).toBe('points[1].value');
    expect(errorCodes(await goliath.call(RECORD, { input: { tenantId: acme, resourceType: 'CPU', points } }, developer))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await series(acme, 'NETWORK', to, from))).toEqual(['BAD_USER_INPUT']);
    expect(dataOf(await series(acme, 'NETWORK', from, to)).usageSeries.points).toHaveLength(2);
  });

  it('imports a real series with `goliath usage import` while the platform runs, all or nothing', async () => {
    const env = { DATA_DIR: goliath.dataDir, LOG_LEVEL: 'silent' };
    // given NYC taxi demand (30-minute counts over 215 days), moved to end an hour ago
    const file = sharedDataFile('demand', 'nab', 'nyc_taxi.csv');
    const io = capturedIo();
    const importedAt = thisHour();
    // when imported as compute of Globex, summed per hour
    const code = await runUsage(['import', file, '--tenant', globex, '--resource', 'compute', '--aggregate', 'sum', '--shift-to-now'], io, env);
    // then all 5,160 hours are recorded in one append and folded by the running projections
    expect(code).toBe(0);
    const result = JSON.parse(io.out()) as { hours: number; rows: number; applied: boolean; to: string };
    expect(result).toMatchObject({ rows: 10_320, hours: 5_160, applied: true });
    // The hour before the import's now (which may have turned since importedAt).
    expect([hoursFrom(importedAt, -1).toISOString(), hoursFrom(thisHour(), -1).toISOString()]).toContain(result.to);
    const lastHour = new Date(result.to);
    expect(io.err()).toMatch(/10320 rows → 5160 hours/);
    const lastTwoWeeks = dataOf(await series(globex, 'COMPUTE', hoursFrom(lastHour, 1 - 14 * 24), hoursFrom(lastHour, 1), 'HOUR', await goliath.token('VIEWER', globex))).usageSeries.points;
    expect(lastTwoWeeks).toHaveLength(14 * 24);
    expect(lastTwoWeeks.every((point) => point.value > 0)).toBe(true);
    // and a file with a bad row imports nothing, naming the line
    const bad = join(goliath.dataDir, 'bad-usage.csv');
    writeFileSync(bad, 'timestamp,value\n2026-11-01 00:00:00,3\n2026-11-01 01:00:00,lots\n');
    const refused = capturedIo();
    expect(await runUsage(['import', bad, '--tenant', globex, '--resource', 'network', '--aggregate', 'sum'], refused, env)).toBe(2);
    expect(refused.err()).toContain('bad-usage.csv:3: value "lots" is not a number ≥ 0');
    expect(dataOf(await series(globex, 'NETWORK', new Date('2026-10-31T00:00:00Z'), new Date('2026-11-02T00:00:00Z'), 'HOUR', await goliath.token('VIEWER', globex))).usageSeries.points).toEqual([]);
  });

  it("keeps each tenant to its own usage, and metrics to those who bring them", async () => {
    const outsider = await goliath.token('TENANT_ADMIN', globex, 'gus');
    const day = new Date('2026-11-02T00:00:00Z');
    expect(errorCodes(await series(acme, 'NETWORK', day, hoursFrom(day, 24), 'HOUR', outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call(RECORD, { input: { tenantId: acme, resourceType: 'NETWORK', points: [{ time: '2026-11-02T10:00:00Z', value: 1 }] } }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call(RECORD, { input: { tenantId: acme, resourceType: 'NETWORK', points: [{ time: '2026-11-02T10:00:00Z', value: 1 }] } }, await goliath.token('ANALYST', acme)))).toEqual(['FORBIDDEN']);
  });
});
