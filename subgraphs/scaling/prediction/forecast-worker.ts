import { parentPort } from 'node:worker_threads';
import { DomainError } from '../../../platform/commands/decider';
import { forecastDemand, type DemandForecast, type ForecastDemandOptions, type HourlySeries } from '../forecasting';

/** What the thread is asked: one forecast (Dates cross the thread boundary as Dates). */
export interface ForecastJob {
  readonly history: HourlySeries;
  readonly options: ForecastDemandOptions;
}

/** What it answers: the forecast, or the refusal as data (a DomainError's class does not cross threads). */
export type ForecastAnswer =
  | { readonly forecast: DemandForecast }
  | { readonly refusal: { readonly code: DomainError['code']; readonly message: string; readonly details: Readonly<Record<string, unknown>> } }
  | { readonly failure: string };

parentPort?.on('message', (job: ForecastJob) => {
  let answer: ForecastAnswer;
  try {
    answer = { forecast: forecastDemand(job.history, job.options) };
  } catch (error) {
    answer = error instanceof DomainError ? { refusal: { code: error.code, message: error.message, details: error.details } } : { failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(answer);
});
