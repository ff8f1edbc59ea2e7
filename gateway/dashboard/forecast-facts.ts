import type { ForecastPlotData } from './forecast-plot-data';
import { grouped, percent, utcMinute } from './plot-scales';

export interface ForecastFact {
  readonly term: string;
  readonly detail: string;
}

/**
 * The forecast's model and accuracy, and the schedule's state, as label/value pairs the page lists
 * beside the picture: the same figures as the picture's subtitle, in text a screen reader and a
 * copy-paste can use.
 */
export function forecastFacts(data: ForecastPlotData): ForecastFact[] {
  const facts: ForecastFact[] = [];
  const forecast = data.forecast;
  if (!forecast) {
    facts.push({ term: 'Forecast', detail: 'none yet: run predictResourceDemand' });
  } else {
    const { wape, mase, coverage } = forecast.accuracy;
    facts.push(
      { term: 'Model', detail: forecast.modelId },
      { term: 'Made', detail: utcMinute(forecast.generatedAt) },
      { term: 'Starts', detail: `${utcMinute(forecast.startsAt)}, ${forecast.points.length} h ahead` },
      { term: 'Accuracy (1 − WAPE)', detail: wape === null ? 'not measured (short history)' : `${percent(1 - wape)} (WAPE ${percent(wape)})` },
      { term: 'MASE', detail: mase === null ? 'not measured' : mase.toFixed(2) },
      { term: 'Interval', detail: `${percent(forecast.intervalCoverage)} band${coverage === null ? '' : `, held ${percent(coverage)} in the backtest`}` },
    );
  }
  const capacity = data.capacity;
  facts.push(
    capacity
      ? { term: 'Schedule', detail: `${capacity.status}, ${capacity.actions.length} action(s), unit size ${grouped(capacity.unitSize)}` }
      : { term: 'Schedule', detail: 'none yet: run optimizeScalingSchedule' },
  );
  return facts;
}
