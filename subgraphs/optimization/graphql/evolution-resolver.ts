import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { badUserInput, notFound } from '../../../platform/errors';
import { requireAuth, requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { ConstraintsEvolved } from '../../../schema/events';
import { CONSTRAINT_EVOLUTION_HISTORY_COLLECTION, type ConstraintEvolutionHistoryDocument } from '../../../schema/read-models/constraint-evolution-history';
import { CONSTRAINTS_COLLECTION, type ConstraintDocument } from '../../../schema/read-models/optimization';
import { executeCommand } from '../../../platform/commands/execute-command';
import { EVOLUTIONS_COLLECTION, type EvolutionDocument } from '../../../schema/read-models/evolutions';
import { evolutions } from '../domain/command-handlers';
import { approveEvolution, evolveConstraints } from '../evolution/constraint-evolution';
import { ConstraintEvolutionEntry, EvolutionResult, EvolutionStatus, EvolutionStrategy, EvolveConstraintsInput } from './evolution-types';

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
    const { evolution, status } = await evolveConstraints(this.deps, callerOf(context), {
      tenantId: input.tenantId,
      problemId: input.problemId ?? undefined,
      constraintIds: input.constraintIds ?? undefined,
      performanceThreshold: input.performanceThreshold,
      strategy: input.evolutionStrategy,
      dryRun: input.dryRun,
    });
    return toResult({ ...evolution, status });
  }

  @Mutation(() => EvolutionResult, {
    description: "Applies a PROPOSED evolution (SOC2 change approval): by a tenant admin other than the one who proposed it, and only while no constraint it changes was changed since.",
  })
  async approveEvolution(@Arg('evolutionId', () => ID) evolutionId: string, @Ctx() context: SubgraphContext): Promise<EvolutionResult> {
    const evolution = await this.proposal(evolutionId, context);
    await approveEvolution(this.deps, callerOf(context), evolution.tenantId, evolutionId);
    return toResult(await this.read(evolutionId));
  }

  @Mutation(() => EvolutionResult, { description: 'Records why a PROPOSED evolution is not applied; it changes nothing.' })
  async rejectEvolution(@Arg('evolutionId', () => ID) evolutionId: string, @Arg('reason', () => String) reason: string, @Ctx() context: SubgraphContext): Promise<EvolutionResult> {
    const evolution = await this.proposal(evolutionId, context);
    const caller = callerOf(context);
    await executeCommand(this.deps, caller, evolutions, { type: 'RejectEvolution', evolutionId, tenantId: evolution.tenantId, by: caller.actor, reason, at: this.deps.clock().toISOString() }, { tenantId: evolution.tenantId, target: evolutionId });
    return toResult(await this.read(evolutionId));
  }

  @Query(() => [EvolutionResult], { description: "A tenant's evolutions, newest first; status PROPOSED lists those waiting for approval." })
  async evolutions(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() context: SubgraphContext,
    @Arg('status', () => EvolutionStatus, { nullable: true }) status?: EvolutionStatus,
  ): Promise<EvolutionResult[]> {
    requireTenantAccess(context, tenantId);
    const page = await this.collection().find({ where: status ? { tenantId, status } : { tenantId }, sort: [{ field: 'evolvedAt', direction: 'desc' }], first: MAX_HISTORY });
    return page.items.map(toResult);
  }

  /** Another tenant's evolution answers as a missing one. */
  private async proposal(evolutionId: string, context: SubgraphContext): Promise<EvolutionDocument> {
    const evolution = await this.collection().get(evolutionId);
    if (!evolution) throw notFound('Evolution', evolutionId);
    requireVisibleItem(context, evolution.tenantId, () => notFound('Evolution', evolutionId));
    return evolution;
  }

  private async read(evolutionId: string): Promise<EvolutionDocument> {
    const evolution = await this.collection().get(evolutionId);
    if (!evolution) throw notFound('Evolution', evolutionId);
    return evolution;
  }

  private collection() {
    return this.deps.readStore.collection<EvolutionDocument>(EVOLUTIONS_COLLECTION);
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

function toResult(evolution: ConstraintsEvolved['data'] & Pick<EvolutionDocument, 'status' | 'decidedBy' | 'rejectionReason'>): EvolutionResult {
  return {
    evolutionId: evolution.evolutionId,
    tenantId: evolution.tenantId,
    status: evolution.status as EvolutionStatus,
    applied: evolution.status === 'APPLIED' || evolution.status === 'APPROVED',
    evolutionStrategy: evolution.strategy as EvolutionStrategy,
    performanceThreshold: evolution.performanceThreshold,
    triggeredBy: evolution.triggeredBy,
    evolvedAt: evolution.evolvedAt,
    decidedBy: evolution.decidedBy ?? null,
    rejectionReason: evolution.rejectionReason ?? null,
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
