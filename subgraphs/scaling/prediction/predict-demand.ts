import { randomUUID } from 'node:crypto';
import type { CommandCaller } from '../../../platform/commands/command-caller';
import { DomainError } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import { recordFacts } from '../../../platform/commands/execute-command';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { readAll } from '../../../platform/readstore/read-all';
import { demandPredictionStreamId, eventSchemaVersion, type PredictionTrigger, type ResourceDemandPredicted, type ResourceTypeName } from '../../../schema/events';
import { SCALING_CALENDAR_COLLECTION, type CalendarExceptionDocument } from '../../../schema/read-models/scaling';
import { HOUR_MS, type CalendarException, type DemandForecast } from '../forecasting';
import { insufficientHistory } from '../forecasting/insufficient-history';
import { ForecastThreads } from './forecast-threads';
import { saveScalingModel } from './scaling-model-files';
import { usageHistory } from './usage-history';

/** One pool of forecasting threads per process. */
const FORECAST_THREADS = new ForecastThreads();

/** The intervals every stored forecast carries: a central 90 % band (its upper bound is the 95th percentile). */
export const INTERVAL_COVERAGE = 0.9;

export interface PredictDemandRequest {
  readonly tenantId: string;
  readonly resourceTypes: readonly ResourceTypeName[];
  readonly horizonHours: number;
  readonly includeBusinessCycles: boolean;
  readonly trigger: PredictionTrigger;
  /**
   * The resources were not named (every one with usage): one without a day of history yet is left
   * out rather than failing the rest; INSUFFICIENT_HISTORY only when none has enough.
   */
  readonly skipShortHistories?: boolean;
}

/**
 * The seed's predict_resource_demand: for each resource, the tenant's metered usage forecast
 * `horizonHours` ahead (subgraphs/scaling/forecasting: model chosen by a rolling-origin backtest,
 * split-conformal intervals, the tenant's calendar respected). A forecast starts at the current
 * hour, or at the hour after the last recorded usage when that ends earlier (an imported history),
 * and says so. All the resources' forecasts are recorded in one append (ResourceDemandPredicted
 * in `demandprediction-<tenantId>`), and each model's parameters are saved under
 * ML_MODEL_PATH/scaling/. INSUFFICIENT_HISTORY when a resource has under a day of usage.
 */
export async function predictDemand(deps: SubgraphDependencies, caller: CommandCaller, request: PredictDemandRequest): Promise<ResourceDemandPredicted['data'][]> {
  const predictions = await forecastResources(deps, caller.actor, request);
  await recordPredictions(deps, caller, request.tenantId, predictions);
  return predictions;
}

/** The forecasts of the request's resources, computed and not yet recorded. */
export async function forecastResources(deps: SubgraphDependencies, requestedBy: string, request: PredictDemandRequest): Promise<ResourceDemandPredicted['data'][]> {
  const now = deps.clock();
  const currentHour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const calendar = await calendarOf(deps, request.tenantId);
  const predictions: ResourceDemandPredicted['data'][] = [];
  let shortest: DomainError | undefined;
  for (const resourceType of request.resourceTypes) {
    try {
      const history = await usageHistory(deps.readStore, request.tenantId, resourceType, currentHour);
      if (!history) throw insufficientHistory(0);
      const afterHistory = new Date(history.lastHour.getTime() + HOUR_MS);
      const startsAt = afterHistory < currentHour ? afterHistory : currentHour;
      const forecast = await FORECAST_THREADS.forecast(history.series, { horizonHours: request.horizonHours, includeBusinessCycles: request.includeBusinessCycles, calendar, coverage: INTERVAL_COVERAGE, now: startsAt });
      predictions.push(predictionOf(request, resourceType, forecast, startsAt, startsAt < currentHour ? history.lastHour : null, requestedBy, now));
    } catch (error) {
      if (!(request.skipShortHistories && error instanceof DomainError && error.code === ErrorCode.InsufficientHistory)) throw error;
      shortest ??= error;
    }
  }
  if (predictions.length === 0 && shortest) throw shortest;
  return predictions;
}

/** Records forecasts in one append, saves their models' files, and waits for the read models. */
export async function recordPredictions(deps: SubgraphDependencies, caller: CommandCaller, tenantId: string, predictions: readonly ResourceDemandPredicted['data'][]): Promise<void> {
  const facts = { streamId: demandPredictionStreamId(tenantId), events: predictions.map((data) => ({ type: 'ResourceDemandPredicted' as const, data })), expectedRevision: 'any' as const, versionOf: eventSchemaVersion };
  const position = await recordFacts(deps, caller, facts, { tenantId, target: predictions.map((prediction) => prediction.predictionId).join(',') });
  for (const prediction of predictions) saveScalingModel(deps.config.prediction.modelPath, prediction);
  await deps.waitForReadModels(position);
}

async function calendarOf(deps: SubgraphDependencies, tenantId: string): Promise<CalendarException[]> {
  const exceptions = await readAll(deps.readStore.collection<CalendarExceptionDocument>(SCALING_CALENDAR_COLLECTION), { where: { tenantId } });
  return exceptions.map((exception) => ({ start: new Date(exception.start), end: new Date(exception.end), kind: exception.kind, ...(exception.factor !== null && { factor: exception.factor }) }));
}

function predictionOf(
  request: PredictDemandRequest,
  resourceType: ResourceTypeName,
  forecast: DemandForecast,
  startsAt: Date,
  historyEndedAt: Date | null,
  requestedBy: string,
  now: Date,
): ResourceDemandPredicted['data'] {
  return {
    predictionId: randomUUID(),
    tenantId: request.tenantId,
    resourceType,
    horizonHours: request.horizonHours,
    includeBusinessCycles: request.includeBusinessCycles,
    intervalCoverage: INTERVAL_COVERAGE,
    startsAt: startsAt.toISOString(),
    startNote: historyEndedAt
      ? `The recorded usage ends with the hour of ${historyEndedAt.toISOString()}, before the current hour: the forecast starts the hour after it, not now.`
      : null,
    modelId: forecast.modelId,
    // Dates become ISO strings: events are JSON.
    modelParameters: asJson(forecast.modelParameters),
    points: forecast.points.map((point) => ({ time: point.time.toISOString(), expected: point.expected, lower: point.lower, upper: point.upper })),
    accuracy: forecast.accuracy,
    backtest: asJson(forecast.backtest),
    historyHours: forecast.historyHours,
    warnings: forecast.warnings.map(({ code, message }) => ({ code, message })),
    trigger: request.trigger,
    requestedBy,
    generatedAt: now.toISOString(),
  };
}

function asJson(value: unknown): Readonly<Record<string, unknown>> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
