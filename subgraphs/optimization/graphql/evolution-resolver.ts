import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { badUserInput, notFound } from '../../../platform/errors';
import { requireAuth, requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { ConstraintsEvolved } from '../../../schema/events';
import { CONSTRAINT_EVOLUTION_HISTORY_COLLECTION, type ConstraintEvolutionHistoryDocument } from '../../../schema/read-models/constraint-evolution-history';
import { CONSTRAINTS_COLLECTION, type ConstraintDocument } from '../../../schema/read-models/optimization';
import { evolveConstraints } from '../evolution/constraint-evolution';
import { ConstraintEvolutionEntry, EvolutionResult, EvolveConstraintsInput } from './evolution-types';

/** The most history entries one call answers, newest first. */
const MAX_HISTORY = 1000;

@Resolver()
export class EvolutionResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => EvolutionResult, {
    description:
      "The seed's evolve_constraints: raises the weight of each constraint below performanceThreshold in its recorded solves, lowers those always satisfied at an objective cost, measures candidate weights with shadow solves, and applies the chosen ones through updateConstraint with the reason (unless dryRun). INSUFFICIENT_PERFORMANCE_DATA when none of the constraints has a recorded solve.",
  })
  async evolveConstraints(@Arg('input', () => EvolveConstraintsInput) input: EvolveConstraintsInput, @Ctx() context: SubgraphContext): Promise<EvolutionResult> {
    requireTenantAccess(context, input.tenantId);
    const evolution = await evolveConstraints(this.deps, callerOf(context), {
      tenantId: input.tenantId,
      problemId: input.problemId ?? undefined,
      constraintIds: input.constraintIds ?? undefined,
      performanceThreshold: input.performanceThreshold,
      strategy: input.evolutionStrategy,
      dryRun: input.dryRun,
    });
    return toResult(evolution);
  }

  @Query(() => [ConstraintEvolutionEntry], {
    description: "Every change of a constraint's parameters (or of all the tenant's constraints), newest first: its reason, who made it, and an evolution's evidence and prediction.",
  })
  async constraintEvolutionHistory(
    @Ctx() context: SubgraphContext,
    @Arg('constraintId', () => ID, { nullable: true }) constraintId?: string,
    @Arg('tenantId', () => ID, { nullable: true }) tenantId?: string,
  ): Promise<ConstraintEvolutionEntry[]> {
    const auth = requireAuth(context);
    if (!constraintId && !tenantId) throw badUserInput('Give constraintId or tenantId.', 'constraintId');
    if (tenantId) requireTenantAccess(context, tenantId);
    if (constraintId) {
      const constraint = await this.deps.readStore.collection<ConstraintDocument>(CONSTRAINTS_COLLECTION).get(constraintId);
      if (constraint) requireVisibleItem(context, constraint.tenantId, () => notFound('Constraint', constraintId));
    }
    const where: Record<string, string> = { ...(constraintId && { constraintId }), ...(tenantId && { tenantId }) };
    const page = await this.deps.readStore
      .collection<ConstraintEvolutionHistoryDocument>(CONSTRAINT_EVOLUTION_HISTORY_COLLECTION)
      .find({ where, sort: [{ field: 'occurredAt', direction: 'desc' }], first: MAX_HISTORY });
    // A removed constraint has no document left to say whose it was: its history says it.
    const visible = page.items.filter((entry) => auth.roles.includes('PLATFORM_ADMIN') || entry.tenantId === auth.tenantId);
    if (constraintId && visible.length < page.items.length) throw notFound('Constraint', constraintId);
    return visible.map(toEntry);
  }
}

function toResult(evolution: ConstraintsEvolved['data']): EvolutionResult {
  return {
    evolutionId: evolution.evolutionId,
    applied: !evolution.dryRun,
    updates: evolution.updates.map((update) => ({
      ...update,
      oldParameters: { ...update.oldParameters },
      newParameters: { ...update.newParameters },
      evidence: { ...update.evidence },
    })),
    unmet: [...evolution.unmet],
    measurements: { ...evolution.measurements },
  };
}

function toEntry(document: ConstraintEvolutionHistoryDocument): ConstraintEvolutionEntry {
  return {
    constraintId: document.constraintId,
    problemId: document.problemId,
    evolutionReason: document.evolutionReason,
    oldParameters: { ...document.oldParameters },
    newParameters: { ...document.newParameters },
    occurredAt: document.occurredAt,
    actor: document.actor,
    evolutionId: document.evolutionId,
    predictedPerformance: document.evolution?.predictedPerformance ?? null,
    evidence: document.evolution ? { ...document.evolution.evidence } : null,
  };
}
