import type { ForecastPlotData, PlottedAction } from '../forecast-plot-data';

const HOUR_MS = 3_600_000;
/** The forecast's first hour in every sample. */
export const SAMPLE_FORECAST_START = '2026-05-12T10:00:00.000Z';
const START_MS = Date.parse(SAMPLE_FORECAST_START);

export const hoursFrom = (startMs: number, hours: number): string => new Date(startMs + hours * HOUR_MS).toISOString();

/** A daily cycle between about 2k and 18k per hour, as busy hours and quiet nights give. */
export const dailyDemand = (hour: number): number => Math.round(10_000 + 8_000 * Math.sin((hour / 24) * 2 * Math.PI));

/**
 * `historyDays` of hourly usage ending the hour before SAMPLE_FORECAST_START, a day's forecast
 * with a ±2,500 band, and a schedule of 3,600-per-unit capacity covering the band's top with an
 * applied, a failed and pending actions.
 */
export function samplePlotData(historyDays = 10): ForecastPlotData {
  const historyHours = historyDays * 24;
  const history = Array.from({ length: historyHours }, (_, index) => ({ time: hoursFrom(START_MS, index - historyHours), value: dailyDemand(index) }));
  const points = Array.from({ length: 24 }, (_, hour) => {
    const expected = dailyDemand(historyHours + hour);
    return { time: hoursFrom(START_MS, hour), expected, lower: expected - 2_500, upper: expected + 2_500 };
  });
  const capacities = points.map((point) => Math.ceil(point.upper / 3_600));
  const changes = capacities.flatMap((units, hour) => (hour === 0 || capacities[hour - 1] !== units ? [{ hour, units }] : []));
  const actions: PlottedAction[] = changes.map(({ hour, units }, index) => ({
    time: hoursFrom(START_MS, hour),
    fromCapacity: hour === 0 ? 1 : capacities[hour - 1],
    targetCapacity: units,
    status: index === 0 ? 'APPLIED' : index === 1 ? 'FAILED' : 'PENDING',
    reason: index === 1 ? 'superseded by the action of 12:00' : null,
  }));
  return {
    tenantLabel: 'Acme',
    resourceType: 'COMPUTE',
    history,
    forecast: { modelId: 'mstl-24-168', generatedAt: '2026-05-12T10:03:00.000Z', startsAt: SAMPLE_FORECAST_START, intervalCoverage: 0.9, points, accuracy: { wape: 0.069, mase: 0.71, coverage: 0.88 } },
    capacity: { scheduleId: 'schedule-1', status: 'APPLIED', start: SAMPLE_FORECAST_START, capacities, unitSize: 3_600, actions },
  };
}
