import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../../platform/commands/decider';
import { resolveWorkerScript } from '../../../platform/workers/worker-script';
import type { DemandForecast, ForecastDemandOptions, HourlySeries } from '../forecasting';
import type { ForecastAnswer, ForecastJob } from './forecast-worker';

/**
 * Forecasts on worker threads. A forecast fits and backtests a dozen models, seconds of CPU on
 * weeks of history; on the thread that serves requests it would stall every subgraph sharing the
 * process (all four in `npm start`). At most one forecast per core runs at once; the rest wait.
 * Each runs on a fresh thread (its start, tens of milliseconds, is small beside the forecast), so
 * a forecast that fails cannot leave a thread in a bad state for the next.
 */
export class ForecastThreads {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private script?: string;

  constructor(private readonly capacity = Math.max(1, availableParallelism())) {}

  async forecast(history: HourlySeries, options: ForecastDemandOptions): Promise<DemandForecast> {
    if (this.running >= this.capacity) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await this.run({ history, options });
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  private run(job: ForecastJob): Promise<DemandForecast> {
    return new Promise((resolve, reject) => {
      this.script ??= resolveWorkerScript({ directory: __dirname, baseName: 'forecast-worker' });
      const worker = new Worker(this.script);
      worker.once('message', (answer: ForecastAnswer) => {
        void worker.terminate();
        if ('forecast' in answer) resolve(answer.forecast);
        else if ('refusal' in answer) reject(new DomainError(answer.refusal.code, answer.refusal.message, answer.refusal.details));
        else reject(new Error(`the forecast failed on its thread: ${answer.failure}`));
      });
      worker.once('error', reject);
      worker.postMessage(job);
    });
  }
}
