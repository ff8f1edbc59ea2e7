import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UPCASTER_REGISTRY } from '../app/event-upcasters';
import { elementsNamed, elementsWithClass, parseSvg } from '../gateway/dashboard/test-support/parse-svg';
import { auditedAction } from '../platform/audit/change-audited';
import type { DomainEvent } from '../platform/commands/decider';
import { recordFacts } from '../platform/commands/execute-command';
import type { EventStore } from '../platform/eventstore/port';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';
import type { ReadStore } from '../platform/readstore/port';
import { createSqliteReadStore } from '../platform/readstore/sqlite';
import { runnerProjections } from '../projections';
import { ProjectionRunner } from '../projections/runner';
import {
  demandPredictionStreamId,
  eventSchemaVersion,
  scalingScheduleStreamId,
  tenantStreamId,
  type ResourceDemandPredicted,
  type ScalingScheduleEvent,
  type TenantCreated,
} from '../schema/events';
import { usageFacts } from '../subgraphs/scaling/metering/usage-facts';
import { forecastCommand, runForecast } from './forecast-command';
import { runCli } from './goliath';
import { capturedIo } from './test-support/captured-io';
import { UsageError } from './usage-error';

const HOUR_MS = 3_600_000;
const NOW = new Date('2026-05-12T10:20:00.000Z');
const FORECAST_START = Date.parse('2026-05-12T10:00:00.000Z');
const at = (hours: number) => new Date(FORECAST_START + hours * HOUR_MS).toISOString();
const dailyDemand = (hour: number) => Math.round(10_000 + 8_000 * Math.sin((hour / 24) * 2 * Math.PI));

/** `goliath forecast plot` in-process against a SQLite store holding a tenant's usage, forecast and schedule as events, folded by the platform's projections. */
describe('goliath forecast', () => {
  let directory: string;
  let env: NodeJS.ProcessEnv;
  let eventStore: EventStore;
  let readStore: ReadStore;

  const forecast = async (...argv: string[]) => {
    const io = capturedIo();
    const code = await runForecast(argv, io, env, () => NOW);
    return { code, out: io.out(), err: io.err() };
  };
  const record = async (tenantId: string, streamId: string, events: readonly DomainEvent[]) => {
    const caller = { actor: 'ada', correlationId: randomUUID(), causationId: randomUUID(), audit: auditedAction('test.given') };
    await recordFacts({ eventStore, clock: () => NOW }, caller, { streamId, events, expectedRevision: 'any', versionOf: eventSchemaVersion }, { tenantId });
  };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'goliath-forecast-cli-'));
    env = { SQLITE_FILE: join(directory, 'goliath.db'), SQLITE_SYNCHRONOUS: 'NORMAL' };
    eventStore = createSqliteEventStore({ file: env.SQLITE_FILE!, synchronous: 'NORMAL', pollIntervalMs: 20 });
    readStore = createSqliteReadStore({ file: env.SQLITE_FILE! });

    // given two tenants, acme with ten days of hourly COMPUTE usage up to the hour before now
    for (const [tenantId, name] of [['acme', 'Acme'], ['globex', 'Globex']]) {
      const created: TenantCreated = { type: 'TenantCreated', data: { tenantId, name, createdAt: at(-500) } };
      await record(tenantId, tenantStreamId(tenantId), [created]);
    }
    const usage = Array.from({ length: 240 }, (_, index) => ({ time: at(index - 240), value: dailyDemand(index) }));
    const facts = usageFacts({ tenantId: 'acme', resourceType: 'COMPUTE', source: 'IMPORT', importId: 'import-1', points: usage, recordedBy: 'ada', recordedAt: NOW.toISOString() });
    await record('acme', facts.streamId, facts.events);
    // and a day's forecast from the current hour
    const points = Array.from({ length: 24 }, (_, hour) => ({ time: at(hour), expected: dailyDemand(240 + hour), lower: dailyDemand(240 + hour) - 2_000, upper: dailyDemand(240 + hour) + 2_000 }));
    const predicted: ResourceDemandPredicted = {
      type: 'ResourceDemandPredicted',
      data: {
        predictionId: 'prediction-1',
        tenantId: 'acme',
        resourceType: 'COMPUTE',
        horizonHours: 24,
        includeBusinessCycles: true,
        intervalCoverage: 0.9,
        startsAt: at(0),
        startNote: null,
        modelId: 'seasonal-naive-24',
        modelParameters: {},
        points,
        accuracy: { wape: 0.08, mase: 0.9, coverage: 0.86 },
        backtest: {},
        historyHours: 240,
        warnings: [],
        trigger: 'REQUEST',
        requestedBy: 'ada',
        generatedAt: NOW.toISOString(),
      },
    };
    await record('acme', demandPredictionStreamId('acme'), [predicted]);
    // and a schedule of units of 3,600 planned from it, applied, whose first action ran and second failed
    const capacities = points.map((point) => Math.ceil(point.upper / 3_600));
    const actions = capacities.flatMap((units, hour) =>
      hour === 0 || capacities[hour - 1] !== units ? [{ actionId: `schedule-1:${hour}`, resourceType: 'COMPUTE' as const, time: at(hour), scheduledTime: at(hour - 1 / 6), fromCapacity: hour === 0 ? 1 : capacities[hour - 1], targetCapacity: units }] : [],
    );
    const schedule: ScalingScheduleEvent[] = [
      {
        type: 'ScalingScheduleProposed',
        data: {
          scheduleId: 'schedule-1',
          tenantId: 'acme',
          policyId: 'policy-1',
          resourceType: 'COMPUTE',
          predictionIds: ['prediction-1'],
          start: at(0),
          required: capacities,
          capacities,
          actions,
          cost: 100,
          coverage: 1,
          coverageTarget: 0.95,
          shortfalls: [],
          costLimitBinding: false,
          algorithm: 'exact',
          optimality: { kind: 'EXACT' },
          demandQuantile: 0.95,
          unitSize: 3_600,
          requiresApproval: false,
          proposedBy: 'ada',
          proposedAt: NOW.toISOString(),
        },
      },
      { type: 'ScalingScheduleApproved', data: { scheduleId: 'schedule-1', tenantId: 'acme', approvedBy: 'ada', automatically: true, approvedAt: NOW.toISOString() } },
      { type: 'ScalingScheduleApplied', data: { scheduleId: 'schedule-1', tenantId: 'acme', appliedBy: 'ada', appliedAt: NOW.toISOString() } },
      { type: 'ScalingActionApplied', data: { scheduleId: 'schedule-1', tenantId: 'acme', actionId: actions[0].actionId, resourceType: 'COMPUTE', targetCapacity: actions[0].targetCapacity, appliedAt: NOW.toISOString() } },
      { type: 'ScalingActionFailed', data: { scheduleId: 'schedule-1', tenantId: 'acme', actionId: actions[1].actionId, reason: 'executor unavailable', superseded: false, failedAt: NOW.toISOString() } },
    ];
    await record('acme', scalingScheduleStreamId('schedule-1'), schedule);

    // and the platform's projections have folded it all, as a running platform would have
    const runner = new ProjectionRunner({ eventStore, readStore, projections: runnerProjections(eventStore), upcasters: UPCASTER_REGISTRY, logger: { info: () => undefined, error: () => undefined } });
    await runner.start();
    await runner.waitFor(await eventStore.headPosition(), 20_000);
    await runner.stop();
  }, 60_000);

  afterAll(async () => {
    await readStore.close();
    await eventStore.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes the picture to stdout: a week of usage, the forecast band, the capacity steps and the actions', async () => {
    const { code, out, err } = await forecast('plot', '--tenant', 'acme', '--resource', 'compute');

    expect(code).toBe(0);
    const svg = parseSvg(out);
    expect(elementsNamed(svg, 'title')[0].textContent).toBe('COMPUTE demand forecast · Acme');
    expect(elementsWithClass(svg, 'history')).toHaveLength(1);
    expect(elementsWithClass(svg, 'forecast-band')).toHaveLength(1);
    expect(elementsWithClass(svg, 'forecast-expected')).toHaveLength(1);
    expect(elementsWithClass(svg, 'capacity')).toHaveLength(1);
    expect(elementsWithClass(svg, 'action-applied')).toHaveLength(1);
    expect(elementsWithClass(svg, 'action-failed')).toHaveLength(1);
    expect(elementsNamed(elementsWithClass(svg, 'action-failed')[0], 'title')[0].textContent).toContain('executor unavailable');
    expect(elementsNamed(elementsWithClass(svg, 'subtitle')[0], 'tspan').map((line) => line.textContent).join(' · ')).toBe('model seasonal-naive-24 · made 2026-05-12 10:20 UTC · backtest accuracy 92 % (WAPE 8 %) · MASE 0.90 · interval held 86 % · schedule APPLIED');
    expect(elementsWithClass(svg, 'legend-item').map((item) => item.textContent)).toContain('planned capacity (units × unit size 3,600)');
    // seven days before the forecast, not the ten imported
    expect(err).toBe(`Acme COMPUTE: ${7 * 24} hour(s) of usage, forecast seasonal-naive-24 from ${at(0)} (24 h), schedule schedule-1 (APPLIED, ${elementsWithClass(svg, 'action').length} action(s))\n`);
  });

  it('draws as many days of usage as --days says, the same bytes each time', async () => {
    const twoDays = await forecast('plot', '--tenant', 'acme', '--resource', 'COMPUTE', '--days', '2');
    expect(twoDays.err).toMatch(/^Acme COMPUTE: 48 hour\(s\) of usage/);
    expect((await forecast('plot', '--tenant', 'acme', '--resource', 'COMPUTE', '--days', '2')).out).toBe(twoDays.out);
  });

  it('is registered as `goliath forecast`, and a mistake exits 2 with one line on stderr', async () => {
    // (a mistake found before any store is opened: runCli reads the process's own settings)
    const io = capturedIo();
    expect(await runCli(['forecast', 'plot', '--tenant', 'acme', '--resource', 'gpu'], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toBe('goliath forecast: --resource is one of compute, memory, storage, network\nRun "goliath forecast --help" for usage.\n');
    expect(forecastCommand.name).toBe('forecast');
    const help = capturedIo();
    expect(await runCli(['forecast', '--help'], help)).toBe(0);
    expect(help.out()).toMatch(/^Usage: goliath forecast plot --tenant T --resource/);
  });

  it.each([
    [['plot', '--tenant', 'initech', '--resource', 'compute'], 'there is no tenant initech'],
    [['plot', '--tenant', 'globex', '--resource', 'compute'], /^tenant globex has no COMPUTE usage in the last 7 days, no forecast and no schedule of it: nothing to draw/],
    [['plot', '--tenant', 'acme', '--resource', 'memory'], /^tenant acme has no MEMORY usage/],
    [['plot', '--tenant', 'acme', '--resource', 'gpu'], '--resource is one of compute, memory, storage, network'],
    [['plot', '--tenant', 'acme', '--resource', 'compute', '--days', '0'], '--days must be a whole number from 1 to 90, got "0"'],
    [['plot', '--resource', 'compute'], '--tenant is required'],
    [['draw', '--tenant', 'acme', '--resource', 'compute'], 'unknown action "draw": plot'],
    [['plot', 'extra', '--tenant', 'acme', '--resource', 'compute'], 'unexpected argument extra'],
  ])('refuses %j as bad usage', async (argv, message) => {
    const attempt = forecast(...argv);
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('refuses a store that does not exist instead of creating one', async () => {
    await expect(runForecast(['plot', '--tenant', 'acme', '--resource', 'compute'], capturedIo(), { SQLITE_FILE: join(directory, 'missing.db') })).rejects.toThrow(/no store at .*missing\.db/);
  });
});
