import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { loadState } from '../../../platform/commands/command-handler';
import { notFound } from '../../../platform/errors';
import { requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { constraintStreamId, problemStreamId, type ConstraintDefinition } from '../../../schema/events';
import { CONSTRAINTS_COLLECTION, type ConstraintDocument } from '../../../schema/read-models/optimization';
import { constraintDecider, type ConstraintCommand, type ConstraintParameters as ParameterChanges, type ProblemContext } from '../domain/constraint-decider';
import { problemDecider } from '../domain/problem-decider';
import { choosePenalty, choosePenaltyChange, objectiveOf } from '../domain/penalty-choice';
import { constraints } from '../domain/command-handlers';
import { executeCommand } from '../../../platform/commands/execute-command';
import { AddConstraintInput, Constraint, ConstraintKind, ConstraintParameters, PenaltyMethod, type InequalityRelation } from './constraint-types';

/** A problem has at most this many constraints listed at once. */
const MAX_CONSTRAINTS_LISTED = 1000;

@Resolver(() => Constraint)
export class ConstraintResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => [Constraint], { description: "A tenant's live constraints, optionally of one problem, oldest first." })
  async constraints(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() context: SubgraphContext,
    @Arg('problemId', () => ID, { nullable: true }) problemId?: string,
  ): Promise<Constraint[]> {
    requireTenantAccess(context, tenantId);
    const page = await this.deps.readStore.collection<ConstraintDocument>(CONSTRAINTS_COLLECTION).find({
      where: problemId ? { tenantId, problemId } : { tenantId },
      sort: [{ field: 'createdAt', direction: 'asc' }],
      first: MAX_CONSTRAINTS_LISTED,
    });
    return page.items.map(toConstraint);
  }

  @Mutation(() => Constraint, { description: 'Adds a constraint to a problem; refused unless it compiles against the problem.' })
  async addConstraint(@Arg('input', () => AddConstraintInput) input: AddConstraintInput, @Ctx() context: SubgraphContext): Promise<Constraint> {
    const problem = await this.problemContext(input.problemId, context);
    const { kind, penaltyMethod, penaltyWeight, ...parameters } = input.constraint;
    const penalty = choosePenalty({ penaltyMethod, penaltyWeight }, objectiveOf(problem.definition, problem.limits));
    const constraintId = randomUUID();
    await this.execute(context, problem.tenantId, {
      type: 'AddConstraint',
      constraintId,
      problem,
      constraint: { kind, ...toParameterChanges(parameters), ...penalty } as Omit<ConstraintDefinition, 'id'>,
      requestedAt: this.deps.clock().toISOString(),
    });
    return this.readConstraint(constraintId);
  }

  @Mutation(() => Constraint, { description: "The seed's update_constraint(constraint_id, new_parameters, evolution_reason): changes parameters (e.g. the penalty weight) and records why." })
  async updateConstraint(
    @Arg('constraintId', () => ID) constraintId: string,
    @Arg('newParameters', () => ConstraintParameters) newParameters: ConstraintParameters,
    @Arg('evolutionReason', () => String) evolutionReason: string,
    @Ctx() context: SubgraphContext,
  ): Promise<Constraint> {
    const current = await this.currentConstraint(constraintId, context);
    const problem = await this.problemContext(current.problemId, context);
    const { penaltyMethod, penaltyWeight, ...parameters } = newParameters;
    const penalty = choosePenaltyChange({ penaltyMethod, penaltyWeight }, objectiveOf(problem.definition, problem.limits));
    await this.execute(context, current.tenantId, {
      type: 'UpdateConstraint',
      constraintId,
      problem,
      newParameters: { ...toParameterChanges(parameters), ...penalty },
      evolutionReason,
      requestedAt: this.deps.clock().toISOString(),
    });
    return this.readConstraint(constraintId);
  }

  @Mutation(() => ID, { description: 'Removes a constraint; answers its id.' })
  async removeConstraint(
    @Arg('constraintId', () => ID) constraintId: string,
    @Ctx() context: SubgraphContext,
    @Arg('reason', () => String, { defaultValue: '' }) reason: string,
  ): Promise<string> {
    const current = await this.currentConstraint(constraintId, context);
    await this.execute(context, current.tenantId, { type: 'RemoveConstraint', constraintId, reason, requestedAt: this.deps.clock().toISOString() });
    return constraintId;
  }

  private async problemContext(problemId: string, context: SubgraphContext): Promise<ProblemContext> {
    const problem = await loadState(this.deps, problemDecider, problemStreamId(problemId));
    if (problem.status === 'absent') throw notFound('Problem', problemId);
    requireVisibleItem(context, problem.tenantId, () => notFound('Problem', problemId));
    return { problemId, tenantId: problem.tenantId, definition: problem.definition, limits: this.deps.config.quboLimits };
  }

  private async currentConstraint(constraintId: string, context: SubgraphContext) {
    const state = await loadState(this.deps, constraintDecider, constraintStreamId(constraintId));
    if (state.status === 'absent') throw notFound('Constraint', constraintId);
    requireVisibleItem(context, state.tenantId, () => notFound('Constraint', constraintId));
    return state;
  }

  private async execute(context: SubgraphContext, tenantId: string, command: ConstraintCommand): Promise<void> {
    await executeCommand(this.deps, callerOf(context), constraints, command, { tenantId });
  }

  private async readConstraint(constraintId: string): Promise<Constraint> {
    const document = await this.deps.readStore.collection<ConstraintDocument>(CONSTRAINTS_COLLECTION).get(constraintId);
    if (!document) throw notFound('Constraint', constraintId);
    return toConstraint(document);
  }
}

/** GraphQL input → the event shape: plain objects, unset fields left out. The penalty is chosen apart (../domain/penalty-choice.ts). */
export function toParameterChanges(parameters: Omit<ConstraintParameters, 'penaltyMethod' | 'penaltyWeight'>): ParameterChanges {
  const changes: Record<string, unknown> = {
    terms: parameters.terms?.map(({ variable, coefficient }) => ({ variable, coefficient })),
    relation: parameters.relation,
    rhs: parameters.rhs,
    variables: parameters.variables,
    k: parameters.k,
    linear: parameters.linear?.map(({ variable, coefficient }) => ({ variable, coefficient })),
    quadratic: parameters.quadratic?.map(({ u, v, coefficient }) => ({ u, v, coefficient })),
    offset: parameters.offset,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined && value !== null)) as ParameterChanges;
}

function toConstraint(document: ConstraintDocument): Constraint {
  const { id: _id, kind: _kind, ...parameters } = document.definition;
  return {
    id: document.id,
    problemId: document.problemId,
    tenantId: document.tenantId,
    kind: document.kind as ConstraintKind,
    penaltyWeight: document.penaltyWeight,
    penaltyMethod: document.penaltyMethod as PenaltyMethod,
    parameters: { ...parameters, relation: parameters.relation as InequalityRelation | undefined } as ConstraintParameters,
    version: document.version,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
    lastEvolutionReason: document.lastEvolutionReason,
  };
}
