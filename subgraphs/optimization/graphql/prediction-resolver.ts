import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { notFound } from '../../../platform/errors';
import { requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { CONSTRAINT_EVOLUTION_MODELS_COLLECTION, type ConstraintEvolutionModelDocument } from '../../../schema/read-models/constraint-evolution-models';
import { CONSTRAINTS_COLLECTION, type ConstraintDocument } from '../../../schema/read-models/optimization';
import { JSONScalar } from '../../../schema/graphql/scalars';
import { constraintScenario, withScenario } from '../prediction/constraint-scenario';
import { predictOutcomes } from '../prediction/predict-outcome';
import { tenantModel, trainTenantModel } from '../prediction/tenant-models';
import { ConstraintEvolutionModel, PerformancePrediction } from './prediction-types';

/** Model types per tenant: one today (ALL). */
const MAX_MODELS = 100;

@Resolver()
export class PredictionResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => [ConstraintEvolutionModel], {
    description:
      "Trains the tenant's constraint performance model on its latest recorded outcomes (one per constraint per solve, 2,000 at most) and answers its models. INSUFFICIENT_PERFORMANCE_DATA, with extensions.needed, under 20 outcomes.",
  })
  async trainModels(@Arg('tenantId', () => ID) tenantId: string, @Ctx() context: SubgraphContext): Promise<ConstraintEvolutionModel[]> {
    requireTenantAccess(context, tenantId);
    await trainTenantModel(this.deps, callerOf(context), tenantId, 'REQUESTED');
    return this.models(tenantId);
  }

  @Query(() => [ConstraintEvolutionModel], { description: "The tenant's newest trained model per constraint type (empty until trainModels ran)." })
  async constraintEvolutionModels(@Arg('tenantId', () => ID) tenantId: string, @Ctx() context: SubgraphContext): Promise<ConstraintEvolutionModel[]> {
    requireTenantAccess(context, tenantId);
    return this.models(tenantId);
  }

  @Query(() => PerformancePrediction, {
    description:
      'How the constraint is expected to perform in a scenario ({ penaltyWeight, timeLimitMs, variables, density, coefficientScale, tightness }, each optional; the rest from the constraint, its problem and its latest solves), by the tenant\'s newest model. EVOLUTION_MODEL_NOT_FOUND before trainModels.',
  })
  async predictConstraintPerformance(
    @Arg('constraintId', () => ID) constraintId: string,
    @Arg('scenario', () => JSONScalar) scenario: unknown,
    @Ctx() context: SubgraphContext,
  ): Promise<PerformancePrediction> {
    const constraint = await this.deps.readStore.collection<ConstraintDocument>(CONSTRAINTS_COLLECTION).get(constraintId);
    if (!constraint) throw notFound('Constraint', constraintId);
    requireVisibleItem(context, constraint.tenantId, () => notFound('Constraint', constraintId));
    const predicted = withScenario(await constraintScenario(this.deps, constraint), scenario);
    const { document, model } = await tenantModel(this.deps, constraint.tenantId);
    const [prediction] = await predictOutcomes(model, [predicted]);
    return {
      constraintId,
      ...prediction,
      interval: { ...prediction.interval, confidence: 0.95 },
      modelId: document.modelId,
      modelVersion: document.version,
      scenario: { ...predicted },
    };
  }

  private async models(tenantId: string): Promise<ConstraintEvolutionModel[]> {
    const page = await this.deps.readStore.collection<ConstraintEvolutionModelDocument>(CONSTRAINT_EVOLUTION_MODELS_COLLECTION).find({ where: { tenantId }, first: MAX_MODELS });
    return page.items.map((document) => ({
      modelId: document.modelId,
      tenantId: document.tenantId,
      constraintType: document.constraintType,
      performanceMetrics: { ...document.performanceMetrics },
      evolutionTriggers: [...document.evolutionTriggers],
      optimizationParameters: { ...document.optimizationParameters },
      lastUpdated: document.lastUpdated,
      version: document.version,
      trainedThrough: document.trainedThrough,
      trigger: document.trigger,
    }));
  }
}
