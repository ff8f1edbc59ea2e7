import { randomUUID } from 'node:crypto';
import { PeriodicTask } from '../../../platform/background/periodic-task';
import { DomainError } from '../../../platform/commands/decider';
import type { ServicePrincipal } from '../../../platform/commands/service-principal';
import { ErrorCode } from '../../../platform/errors';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { readAll } from '../../../platform/readstore/read-all';
import { SCALING_POLICIES_COLLECTION, type ScalingPolicyDocument } from '../../../schema/read-models/scaling';
import { predictDemand } from './predict-demand';

/** The service action the refresher runs as (`Service.refreshForecast`). */
export const REFRESH_FORECAST = 'refreshForecast';

/**
 * Forecasts every tenant × resource with an active scaling policy again, every
 * SCALING_FORECAST_REFRESH_MS (6 hours by default, as AWS predictive scaling refreshes), as
 * `system:forecast-refresher` through the same path as predictResourceDemand. A resource without
 * enough history yet is skipped until it has.
 */
export class ForecastRefresher {
  private readonly task: PeriodicTask;

  constructor(
    private readonly deps: SubgraphDependencies,
    private readonly principal: ServicePrincipal,
  ) {
    this.task = new PeriodicTask(deps.config.scaling.forecastRefreshMs, () => this.refresh(), (error) => deps.logger.error({ err: error }, 'the forecast refresh failed'));
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  runOnce(): Promise<void> {
    return this.task.runOnce();
  }

  private async refresh(): Promise<void> {
    const policies = await readAll(this.deps.readStore.collection<ScalingPolicyDocument>(SCALING_POLICIES_COLLECTION), { where: { isActive: true } });
    for (const policy of policies) {
      const caller = this.principal.caller(REFRESH_FORECAST, randomUUID(), { tenantId: policy.tenantId, resourceType: policy.resourceType });
      try {
        await predictDemand(this.deps, caller, { tenantId: policy.tenantId, resourceTypes: [policy.resourceType], horizonHours: this.deps.config.scaling.predictionHorizon, includeBusinessCycles: true, trigger: 'SCHEDULED_REFRESH' });
      } catch (error) {
        if (!(error instanceof DomainError && error.code === ErrorCode.InsufficientHistory)) throw error;
        this.deps.logger.info({ tenantId: policy.tenantId, resourceType: policy.resourceType }, 'not enough usage to forecast yet');
      }
    }
  }
}
