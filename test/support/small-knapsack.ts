import { dataOf, type GraphQLResponse } from './gateway-client';

/**
 * Three items (values 5, 4, 3; weights 4, 3, 2) and a capacity of 5, as a tenant would send them:
 * the best packing is items b and c (value 7). With a capacity weight of 0.1, packing everything
 * has the lowest energy (infeasible); from about 2, the best packing has.
 */
export const SMALL_KNAPSACK = {
  variables: ['a', 'b', 'c'],
  linear: [
    { variable: 'a', coefficient: 5 },
    { variable: 'b', coefficient: 4 },
    { variable: 'c', coefficient: 3 },
  ],
  quadratic: [],
  sense: 'MAXIMIZE',
};

export const SMALL_KNAPSACK_CAPACITY = {
  kind: 'LINEAR_INEQUALITY',
  terms: [
    { variable: 'a', coefficient: 4 },
    { variable: 'b', coefficient: 3 },
    { variable: 'c', coefficient: 2 },
  ],
  relation: 'LESS_OR_EQUAL',
  rhs: 5,
};

/** The test platform's `call`, as the helper below needs it. */
type Call = <T>(query: string, variables: Record<string, unknown>, token: string) => Promise<GraphQLResponse<T>>;

/** Creates the knapsack as a stored problem with its capacity constraint at `penaltyWeight` (0.1: far too low). */
export async function createSmallKnapsack(call: Call, tenantId: string, token: string, penaltyWeight = 0.1, name = 'Knapsack'): Promise<{ problemId: string; constraintId: string }> {
  const problemId = dataOf(await call<{ createProblem: { id: string } }>('mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }', { input: { tenantId, name, qubo: SMALL_KNAPSACK } }, token)).createProblem.id;
  const constraintId = dataOf(
    await call<{ addConstraint: { id: string } }>('mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }', { input: { problemId, constraint: { ...SMALL_KNAPSACK_CAPACITY, penaltyWeight } } }, token),
  ).addConstraint.id;
  return { problemId, constraintId };
}
