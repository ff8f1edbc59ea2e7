import { capturedIo } from '../../cli/test-support/captured-io';
import { runUsage } from '../../cli/usage-command';
import { dataOf, errorCodes } from '../support/gateway-client';
import { sharedDataFile } from '../support/shared-data';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(120_000);

const PREDICT = `mutation ($input: PredictResourceDemandInput!) {
  predictResourceDemand(input: $input) {
    predictionId resourceType modelId generatedAt startsAt startNote horizonHours intervalCoverage
    points { time expected lower upper }
    accuracy { wape mase coverage }
    warnings { code }
  }
}`;
const MODELS = 'query ($t: ID!) { scalingPredictionModels(tenantId: $t) { modelId resourceType predictionHorizon confidenceInterval lastTrained predictionId accuracyMetrics { wape accuracy } } }';

interface Prediction {
  predictionId: string;
  resourceType: string;
  modelId: string;
  startsAt: string;
  startNote: string | null;
  horizonHours: number;
  points: { time: string; expected: number; lower: number; upper: number }[];
  accuracy: { wape: number | null; mase: number | null; coverage: number | null };
}

/** The seed's predict_resource_demand through the gateway, on a real series imported as a tenant's usage. */
describe('demand prediction through the gateway', () => {
  const goliath = useTestPlatform();
  let tenant: string;
  let viewer: string;
  /** The hour the series was imported in: it ends with the hour before. */
  let importHour: Date;
  const thisHour = () => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const importTaxi = async (tenantId: string, shiftToNow: boolean) => {
    const io = capturedIo();
    const args = ['import', sharedDataFile('demand', 'nab', 'nyc_taxi.csv'), '--tenant', tenantId, '--resource', 'compute', '--aggregate', 'sum', ...(shiftToNow ? ['--shift-to-now'] : [])];
    expect(await runUsage(args, io, { DATA_DIR: goliath.dataDir, LOG_LEVEL: 'silent' })).toBe(0);
  };

  beforeAll(async () => {
    [tenant] = await goliath.createTenants('Acme');
    viewer = await goliath.token('VIEWER', tenant);
    importHour = thisHour();
    await importTaxi(tenant, true);
  });

  it('forecasts a day ahead from the current hour, with daily and weekly cycles, and records the model it chose', async () => {
    const [prediction] = dataOf(await goliath.call<{ predictResourceDemand: Prediction[] }>(PREDICT, { input: { tenantId: tenant } }, viewer)).predictResourceDemand;
    // It starts at the current hour, right after the imported history (unless an hour has turned since the import, when it starts after the history and says so).
    expect(prediction).toMatchObject({ resourceType: 'COMPUTE', horizonHours: 24, startsAt: importHour.toISOString() });
    expect(prediction.startNote === null).toBe(thisHour().getTime() === importHour.getTime());
    expect(prediction.points).toHaveLength(24);
    expect(prediction.points[0].time).toBe(importHour.toISOString());
    for (const point of prediction.points) expect(point.lower).toBeLessThanOrEqual(point.expected), expect(point.upper).toBeGreaterThanOrEqual(point.expected);
    // NYC taxi has strong daily and weekly cycles: the chosen model's backtest misses little of it
    expect(prediction.accuracy.wape).toBeLessThan(0.15);
    const [model] = dataOf(await goliath.call<{ scalingPredictionModels: { modelId: string; predictionId: string; predictionHorizon: number; accuracyMetrics: { accuracy: number } }[] }>(MODELS, { t: tenant }, viewer)).scalingPredictionModels;
    expect(model).toMatchObject({ modelId: prediction.modelId, predictionId: prediction.predictionId, predictionHorizon: 24 });
    expect(model.accuracyMetrics.accuracy).toBeCloseTo(1 - prediction.accuracy.wape!, 10);
  });

  it('starts at the hour after an imported history that ends in the past, and says so', async () => {
    const [historical] = await goliath.createTenants('Historical');
    await importTaxi(historical, false);
    const [prediction] = dataOf(await goliath.call<{ predictResourceDemand: Prediction[] }>(PREDICT, { input: { tenantId: historical, timeHorizon: 48 } })).predictResourceDemand;
    expect(prediction.startsAt).toBe('2015-02-01T00:00:00.000Z');
    expect(prediction.startNote).toMatch(/ends with the hour of 2015-01-31T23:00:00.000Z/);
    expect(prediction.points).toHaveLength(48);
  });

  it('retrains when a model reaches the accuracy asked for, and refuses with ACCURACY_BELOW_THRESHOLD and the figures when none does, storing nothing', async () => {
    // given the taxi series: its model reaches 80 %
    const retrained = dataOf(await goliath.call<{ retrainModels: { resourceType: string; accuracyMetrics: { accuracy: number } }[] }>('mutation ($t: ID!) { retrainModels(tenantId: $t, minAccuracy: 0.8) { resourceType accuracyMetrics { accuracy } } }', { t: tenant })).retrainModels;
    expect(retrained).toEqual([{ resourceType: 'COMPUTE', accuracyMetrics: { accuracy: expect.any(Number) } }]);
    expect(retrained[0].accuracyMetrics.accuracy).toBeGreaterThanOrEqual(0.8);
    // given four days of noise, which no model forecasts to 99 %
    const [noisy] = await goliath.createTenants('Noisy');
    let state = 7;
    const noise = () => ((state = (state * 48271) % 2147483647) / 2147483647) * 100;
    const firstHour = thisHour().getTime() - 96 * 3_600_000;
    const points = Array.from({ length: 96 }, (_, hour) => ({ time: new Date(firstHour + hour * 3_600_000).toISOString(), value: noise() }));
    dataOf(await goliath.call('mutation ($input: RecordUsageInput!) { recordUsage(input: $input) { hours } }', { input: { tenantId: noisy, resourceType: 'NETWORK', points } }));
    const refused = await goliath.call('mutation ($t: ID!) { retrainModels(tenantId: $t, minAccuracy: 0.99) { modelId } }', { t: noisy });
    expect(errorCodes(refused)).toEqual(['ACCURACY_BELOW_THRESHOLD']);
    expect(refused.errors?.[0].message).toMatch(/No model reached an accuracy of 99\.0 % \(NETWORK .+: \d+\.\d %\)/);
    expect(refused.errors?.[0].extensions?.measured).toEqual([expect.objectContaining({ resourceType: 'NETWORK', accuracy: expect.any(Number) })]);
    expect(dataOf(await goliath.call<{ scalingPredictionModels: unknown[] }>(MODELS, { t: noisy })).scalingPredictionModels).toEqual([]);
  });

  it('refuses a bad horizon (BAD_USER_INPUT), a tenant without usage (INSUFFICIENT_HISTORY, with how much more), and other tenants', async () => {
    expect(errorCodes(await goliath.call(PREDICT, { input: { tenantId: tenant, timeHorizon: -1 } }, viewer))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await goliath.call(PREDICT, { input: { tenantId: tenant, resourceTypes: ['DISK'] } }, viewer))).toEqual(['BAD_USER_INPUT']);
    const [empty] = await goliath.createTenants('Empty');
    const refused = await goliath.call(PREDICT, { input: { tenantId: empty } });
    expect(errorCodes(refused)).toEqual(['INSUFFICIENT_HISTORY']);
    expect(refused.errors?.[0].extensions?.moreHoursNeeded).toBe(24);
    const outsider = await goliath.token('TENANT_ADMIN', empty);
    expect(errorCodes(await goliath.call(PREDICT, { input: { tenantId: tenant } }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call(MODELS, { t: tenant }, outsider))).toEqual(['FORBIDDEN']);
  });
});
