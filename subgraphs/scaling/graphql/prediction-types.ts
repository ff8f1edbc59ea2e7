import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from '../../../schema/graphql/scalars';
import { ResourceType } from './usage-types';

@InputType()
export class PredictResourceDemandInput {
  @Field(() => ID)
  tenantId!: string;
  @Field(() => Int, { nullable: true, description: 'Hours ahead, 1–336; PREDICTION_HORIZON (24) when left out.' })
  timeHorizon?: number;
  @Field(() => [ResourceType], { nullable: true, description: 'Default: every resource with at least a day of recorded usage (the others are left out); a resource named without one is INSUFFICIENT_HISTORY.' })
  resourceTypes?: ResourceType[];
  @Field(() => Boolean, { defaultValue: true, description: 'Model weekly (business-week) cycles as well as daily ones; they need two weeks of usage.' })
  includeBusinessCycles!: boolean;
}

@ObjectType()
export class DemandPoint {
  @Field(() => DateTimeScalar, { description: 'The start of the hour.' })
  time!: string;
  @Field(() => Float)
  expected!: number;
  @Field(() => Float, { description: 'The interval holds intervalCoverage of outcomes (split-conformal on backtest errors).' })
  lower!: number;
  @Field(() => Float)
  upper!: number;
}

@ObjectType({ description: "The chosen model's rolling-origin backtest; null where there was nothing to compute it on." })
export class ForecastAccuracy {
  @Field(() => Float, { nullable: true, description: 'Σ|error| ÷ Σ|actual|: 0.05 is 5 % of demand missed (accuracy 95 %).' })
  wape!: number | null;
  @Field(() => Float, { nullable: true, description: "Mean absolute error over the seasonal naive forecast's in-sample error." })
  mase!: number | null;
  @Field(() => Float, { nullable: true, description: 'The share of backtest hours inside intervals calibrated on earlier hours only.' })
  coverage!: number | null;
}

@ObjectType()
export class ForecastWarning {
  @Field(() => String)
  code!: string;
  @Field(() => String)
  message!: string;
}

@ObjectType({ description: "The seed's ResourceDemandPrediction: one resource's hourly demand forecast, as it was made." })
export class ResourceDemandPrediction {
  @Field(() => ID)
  predictionId!: string;
  @Field(() => ID)
  tenantId!: string;
  @Field(() => ResourceType)
  resourceType!: ResourceType;
  @Field(() => String, { description: 'The model the backtest chose (e.g. mstl-24-168, seasonal-naive-168, or an ensemble).' })
  modelId!: string;
  @Field(() => DateTimeScalar)
  generatedAt!: string;
  @Field(() => DateTimeScalar, { description: 'The first hour forecast: the current hour, or the hour after the recorded usage when that ends earlier.' })
  startsAt!: string;
  @Field(() => String, { nullable: true, description: 'Why the forecast starts before the current hour, when it does.' })
  startNote!: string | null;
  @Field(() => Int)
  horizonHours!: number;
  @Field(() => Float)
  intervalCoverage!: number;
  @Field(() => [DemandPoint])
  points!: DemandPoint[];
  @Field(() => ForecastAccuracy)
  accuracy!: ForecastAccuracy;
  @Field(() => [ForecastWarning])
  warnings!: ForecastWarning[];
  @Field(() => String, { description: 'REQUEST, SCHEDULED_REFRESH or RETRAIN.' })
  trigger!: string;
  @Field(() => String)
  requestedBy!: string;
}

@ObjectType({ description: 'Accuracy figures of a scaling prediction model; accuracy is 1 − WAPE.' })
export class ScalingAccuracyMetrics extends ForecastAccuracy {
  @Field(() => Float, { nullable: true })
  accuracy!: number | null;
}

@ObjectType({ description: "The seed's ScalingPredictionModel: per tenant and resource, the model the latest forecast's backtest chose." })
export class ScalingPredictionModel {
  @Field(() => String)
  modelId!: string;
  @Field(() => ID)
  tenantId!: string;
  @Field(() => ResourceType)
  resourceType!: ResourceType;
  @Field(() => Int, { description: 'Hours ahead it forecast.' })
  predictionHorizon!: number;
  @Field(() => Float, { description: 'The coverage its intervals are calibrated to.' })
  confidenceInterval!: number;
  @Field(() => JSONScalar, { description: 'Settings, fitted values and training window: enough to rebuild it (also under ML_MODEL_PATH/scaling/).' })
  modelParameters!: unknown;
  @Field(() => DateTimeScalar)
  lastTrained!: string;
  @Field(() => ScalingAccuracyMetrics)
  accuracyMetrics!: ScalingAccuracyMetrics;
  @Field(() => ID, { description: 'The forecast it made.' })
  predictionId!: string;
}
