import { Arg, Ctx, Float, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { DomainError } from '../../../platform/commands/decider';
import { badUserInput, ErrorCode } from '../../../platform/errors';
import { requireTenantAccess, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { ResourceDemandPredicted, ResourceTypeName } from '../../../schema/events';
import {
  DEMAND_PREDICTIONS_COLLECTION,
  SCALING_PREDICTION_MODELS_COLLECTION,
  type DemandPredictionDocument,
  type ScalingPredictionModelDocument,
} from '../../../schema/read-models/scaling';
import { MAX_HORIZON_HOURS } from '../forecasting';
import { insufficientHistory } from '../forecasting/insufficient-history';
import { forecastResources, predictDemand, recordPredictions } from '../prediction/predict-demand';
import { resourcesWithUsage } from '../prediction/usage-history';
import { PredictResourceDemandInput, ResourceDemandPrediction, ScalingPredictionModel } from './prediction-types';
import { ResourceType } from './usage-types';

const MAX_PREDICTIONS = 100;

@Resolver()
export class PredictionResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => [ResourceDemandPrediction], {
    description: "The seed's predict_resource_demand: each resource's hourly demand forecast timeHorizon hours ahead, recorded (ResourceDemandPredicted); INSUFFICIENT_HISTORY under a day of usage.",
  })
  async predictResourceDemand(@Arg('input', () => PredictResourceDemandInput) input: PredictResourceDemandInput, @Ctx() context: SubgraphContext): Promise<ResourceDemandPrediction[]> {
    requireTenantAccess(context, input.tenantId);
    const horizonHours = input.timeHorizon ?? this.deps.config.scaling.predictionHorizon;
    if (!Number.isInteger(horizonHours) || horizonHours < 1 || horizonHours > MAX_HORIZON_HOURS) throw badUserInput(`timeHorizon is a whole number of hours from 1 to ${MAX_HORIZON_HOURS}.`, 'input.timeHorizon');
    const named = Boolean(input.resourceTypes?.length);
    const resourceTypes = named ? [...new Set(input.resourceTypes)] : await this.resourcesWithUsage(input.tenantId);
    const predictions = await predictDemand(this.deps, callerOf(context), {
      tenantId: input.tenantId,
      resourceTypes,
      horizonHours,
      includeBusinessCycles: input.includeBusinessCycles,
      trigger: 'REQUEST',
      skipShortHistories: !named,
    });
    return predictions.map(toPrediction);
  }

  @Mutation(() => [ScalingPredictionModel], {
    description:
      "The seed's retrain_models: chooses and fits each resource's model again on the usage recorded so far, and keeps those whose backtest accuracy (1 − WAPE) reaches minAccuracy; ACCURACY_BELOW_THRESHOLD, with the figures, when none does.",
  })
  async retrainModels(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('minAccuracy', () => Float, { defaultValue: 0.85 }) minAccuracy: number,
    @Ctx() context: SubgraphContext,
  ): Promise<ScalingPredictionModel[]> {
    requireTenantAccess(context, tenantId);
    if (!(minAccuracy > 0 && minAccuracy <= 1)) throw badUserInput('minAccuracy is a number in (0, 1].', 'minAccuracy');
    const caller = callerOf(context);
    const forecasts = await forecastResources(this.deps, caller.actor, {
      tenantId,
      resourceTypes: await this.resourcesWithUsage(tenantId),
      horizonHours: this.deps.config.scaling.predictionHorizon,
      includeBusinessCycles: true,
      trigger: 'RETRAIN',
      skipShortHistories: true,
    });
    const accuracyOf = (wape: number | null) => (wape === null ? null : 1 - wape);
    const kept = forecasts.filter((forecast) => (accuracyOf(forecast.accuracy.wape) ?? 0) >= minAccuracy);
    if (kept.length === 0) {
      const measured = forecasts.map((forecast) => ({ resourceType: forecast.resourceType, modelId: forecast.modelId, accuracy: accuracyOf(forecast.accuracy.wape), wape: forecast.accuracy.wape, mase: forecast.accuracy.mase }));
      const figures = measured.map((figure) => `${figure.resourceType} ${figure.modelId}: ${figure.accuracy === null ? 'no backtest yet' : `${(100 * figure.accuracy).toFixed(1)} %`}`).join('; ');
      throw new DomainError(
        ErrorCode.AccuracyBelowThreshold,
        `No model reached an accuracy of ${(100 * minAccuracy).toFixed(1)} % (${figures}). Record more usage (weekly cycles need two weeks, the backtest four) and retrain, or accept a lower minAccuracy.`,
        { minAccuracy, measured },
      );
    }
    await recordPredictions(this.deps, caller, tenantId, kept);
    return this.models(tenantId, kept.map((forecast) => forecast.resourceType));
  }

  @Query(() => [ResourceDemandPrediction], { description: "A tenant's demand forecasts, newest first (one resource's when given)." })
  async resourceDemandPredictions(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('resourceType', () => ResourceType, { nullable: true }) resourceType: ResourceType | undefined,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<ResourceDemandPrediction[]> {
    requireTenantAccess(context, tenantId);
    if (!(Number.isInteger(first) && first >= 1 && first <= MAX_PREDICTIONS)) throw badUserInput(`first is a whole number from 1 to ${MAX_PREDICTIONS}.`, 'first');
    const page = await this.deps.readStore
      .collection<DemandPredictionDocument>(DEMAND_PREDICTIONS_COLLECTION)
      .find({ where: { tenantId, ...(resourceType && { resourceType }) }, sort: [{ field: 'generatedAt', direction: 'desc' }], first });
    return page.items.map(toPrediction);
  }

  @Query(() => [ScalingPredictionModel], { description: "The seed's ScalingPredictionModel of each resource the tenant has forecast." })
  async scalingPredictionModels(@Arg('tenantId', () => ID) tenantId: string, @Ctx() context: SubgraphContext): Promise<ScalingPredictionModel[]> {
    requireTenantAccess(context, tenantId);
    return this.models(tenantId);
  }

  private async models(tenantId: string, only?: readonly ResourceTypeName[]): Promise<ScalingPredictionModel[]> {
    const page = await this.deps.readStore.collection<ScalingPredictionModelDocument>(SCALING_PREDICTION_MODELS_COLLECTION).find({ where: { tenantId }, first: MAX_PREDICTIONS });
    return page.items
      .filter((model) => !only || only.includes(model.resourceType))
      .map((model) => ({
        ...model,
        resourceType: model.resourceType as ResourceType,
        accuracyMetrics: { ...model.accuracyMetrics, accuracy: model.accuracyMetrics.wape === null ? null : 1 - model.accuracyMetrics.wape },
      }));
  }

  private async resourcesWithUsage(tenantId: string): Promise<ResourceTypeName[]> {
    const resources = await resourcesWithUsage(this.deps.readStore, tenantId);
    if (resources.length === 0) throw insufficientHistory(0);
    return resources;
  }
}

function toPrediction(prediction: ResourceDemandPredicted['data']): ResourceDemandPrediction {
  return { ...prediction, resourceType: prediction.resourceType as ResourceType, points: [...prediction.points], warnings: [...prediction.warnings] };
}
