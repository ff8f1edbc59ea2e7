import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { notFound } from '../../../platform/errors';
import { connectionOf } from '../../../platform/graphql/connection';
import { assertPageSize } from '../../../platform/graphql/page-info';
import { requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { QuboDefinition } from '../../../schema/events';
import { PROBLEMS_COLLECTION, type ProblemDocument } from '../../../schema/read-models/optimization';
import { CreateProblemInput, Problem, ProblemConnection } from './problem-types';
import { ObjectiveSense, type Qubo } from './qubo-types';
import { storeProblem } from './store-problem';

@Resolver(() => Problem)
export class ProblemResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => Problem, { nullable: true, description: 'A problem by its id; NOT_FOUND when it does not exist or is of a tenant you may not see (the two answer alike).' })
  async problem(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Problem> {
    const problem = await findProblem(this.deps, id);
    if (!problem) throw notFound('Problem', id);
    requireVisibleItem(context, problem.tenantId, () => notFound('Problem', id));
    return problem;
  }

  @Query(() => ProblemConnection, { description: "A tenant's problems, oldest first." })
  async problems(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() context: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ProblemConnection> {
    requireTenantAccess(context, tenantId);
    assertPageSize(first);
    const page = await this.deps.readStore
      .collection<ProblemDocument>(PROBLEMS_COLLECTION)
      .find({ where: { tenantId }, sort: [{ field: 'createdAt', direction: 'asc' }], first, after: after ?? undefined });
    return connectionOf(page, toProblem);
  }

  @Mutation(() => Problem, { description: 'Stores a QUBO problem for a tenant. Refused with BAD_USER_INPUT (extensions.reason, field) when the QUBO is invalid or too large.' })
  async createProblem(@Arg('input', () => CreateProblemInput) input: CreateProblemInput, @Ctx() context: SubgraphContext): Promise<Problem> {
    requireTenantAccess(context, input.tenantId);
    return storedProblem(this.deps, await storeProblem(this.deps, context, { tenantId: input.tenantId, name: input.name, definition: toDefinition(input.qubo) }));
  }
}

export async function findProblem(deps: SubgraphDependencies, id: string): Promise<Problem | undefined> {
  const document = await deps.readStore.collection<ProblemDocument>(PROBLEMS_COLLECTION).get(id);
  return document && toProblem(document);
}

/** A problem just stored, as the read model shows it. */
export async function storedProblem(deps: SubgraphDependencies, id: string): Promise<Problem> {
  const problem = await findProblem(deps, id);
  if (!problem) throw notFound('Problem', id);
  return problem;
}

function toProblem(document: ProblemDocument): Problem {
  const { definition } = document;
  return {
    id: document.id,
    tenantId: document.tenantId,
    name: document.name,
    qubo: { ...definition, variables: [...definition.variables], linear: [...definition.linear], quadratic: [...definition.quadratic], sense: definition.sense as ObjectiveSense },
    variableCount: document.variableCount,
    quadraticTermCount: document.quadraticTermCount,
    constraintCount: document.constraintCount,
    createdAt: document.createdAt,
  };
}

export function toDefinition(qubo: Qubo): QuboDefinition {
  return {
    variables: qubo.variables,
    linear: qubo.linear.map(({ variable, coefficient }) => ({ variable, coefficient })),
    quadratic: qubo.quadratic.map(({ u, v, coefficient }) => ({ u, v, coefficient })),
    offset: qubo.offset,
    sense: qubo.sense ?? ObjectiveSense.MINIMIZE,
  };
}
