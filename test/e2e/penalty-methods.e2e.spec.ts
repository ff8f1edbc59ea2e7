import { dataOf, errorCodes } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

/**
 * Penalty methods through the gateway: the weight is computed from the problem's objective when the
 * constraint is added or updated, and stored with the method that gave it.
 *
 * E(a, b, c) = 2a − b − 3ab + 1.5ac, worked out by hand:
 *   UB  = |2| + |−1| + |−3| + |1.5| = 7.5
 *   MQC = the largest magnitude, |−3| = 3
 *   VLM = the most one flip can change E: a rises by 2 + 1.5 = 3.5 (c on) or falls by −2 + 3 = 1 (b on);
 *         b falls by 1 + 3 = 4 (a on); c rises by 1.5 (a on) → 4
 */
const qubo = {
  variables: ['a', 'b', 'c'],
  linear: [
    { variable: 'a', coefficient: 2 },
    { variable: 'b', coefficient: -1 },
  ],
  quadratic: [
    { u: 'a', v: 'b', coefficient: -3 },
    { u: 'a', v: 'c', coefficient: 1.5 },
  ],
};
const EXPECTED = { UB: 7.5, MQC: 3, VLM: 4 };
const ONE_HOT = { kind: 'ONE_HOT', variables: ['a', 'b', 'c'] };

interface StoredConstraint {
  id: string;
  penaltyMethod: string;
  penaltyWeight: number;
  parameters: { penaltyMethod: string; penaltyWeight: number };
}

describe('penalty methods through the gateway', () => {
  const goliath = useTestPlatform();
  const { call } = goliath;
  let tenantId: string;
  let problemId: string;

  const addConstraint = (constraint: Record<string, unknown>) =>
    call<{ addConstraint: StoredConstraint }>(
      'mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id penaltyMethod penaltyWeight parameters { penaltyMethod penaltyWeight } } }',
      { input: { problemId, constraint: { ...ONE_HOT, ...constraint } } },
    );
  const storedConstraints = async () =>
    dataOf(
      await call<{ constraints: StoredConstraint[] }>('query ($tenantId: ID!, $problemId: ID!) { constraints(tenantId: $tenantId, problemId: $problemId) { id penaltyMethod penaltyWeight } }', {
        tenantId,
        problemId,
      }),
    ).constraints;

  beforeAll(async () => {
    [tenantId] = await goliath.createTenants('Acme');
    problemId = dataOf(await call<{ createProblem: { id: string } }>('mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }', { input: { tenantId, name: 'Methods', qubo } }))
      .createProblem.id;
  });

  it.each(Object.entries(EXPECTED))('adds a constraint by %s and stores the weight computed from the objective', async (penaltyMethod, penaltyWeight) => {
    const added = dataOf(await addConstraint({ penaltyMethod })).addConstraint;
    expect(added).toMatchObject({ penaltyMethod, penaltyWeight, parameters: { penaltyMethod, penaltyWeight } });
    expect(await storedConstraints()).toContainEqual({ id: added.id, penaltyMethod, penaltyWeight });
  });

  it('takes a MANUAL weight as given, and reads a weight alone as MANUAL (as clients sent it before methods)', async () => {
    expect(dataOf(await addConstraint({ penaltyMethod: 'MANUAL', penaltyWeight: 2 })).addConstraint).toMatchObject({ penaltyMethod: 'MANUAL', penaltyWeight: 2 });
    expect(dataOf(await addConstraint({ penaltyWeight: 5 })).addConstraint).toMatchObject({ penaltyMethod: 'MANUAL', penaltyWeight: 5 });
  });

  it('gives a constraint with neither a method nor a weight the default method, VLM', async () => {
    expect(dataOf(await addConstraint({})).addConstraint).toMatchObject({ penaltyMethod: 'VLM', penaltyWeight: EXPECTED.VLM });
  });

  it.each([
    ['MANUAL without a weight', { penaltyMethod: 'MANUAL' }, /MANUAL needs a penaltyWeight/],
    ['a computed method with a weight as well', { penaltyMethod: 'UB', penaltyWeight: 3 }, /ambiguous/],
  ])('refuses %s with BAD_USER_INPUT naming penaltyWeight, and stores nothing', async (_case, constraint, message) => {
    const before = await storedConstraints();
    const response = await addConstraint(constraint);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toMatchObject({ field: 'penaltyWeight' });
    expect(response.errors![0].message).toMatch(message);
    expect(await storedConstraints()).toEqual(before);
  });

  it('recomputes the weight when an update names a method, and makes a new weight MANUAL', async () => {
    const { id } = dataOf(await addConstraint({ penaltyWeight: 1 })).addConstraint;
    const update = (newParameters: string) =>
      call<{ updateConstraint: { penaltyMethod: string; penaltyWeight: number; version: number } }>(
        `mutation ($id: ID!) { updateConstraint(constraintId: $id, newParameters: ${newParameters}, evolutionReason: "penalty method check") { penaltyMethod penaltyWeight version } }`,
        { id },
      );
    expect(dataOf(await update('{ penaltyMethod: UB }')).updateConstraint).toEqual({ penaltyMethod: 'UB', penaltyWeight: EXPECTED.UB, version: 2 });
    expect(dataOf(await update('{ variables: ["a", "b"] }')).updateConstraint).toEqual({ penaltyMethod: 'UB', penaltyWeight: EXPECTED.UB, version: 3 });
    expect(dataOf(await update('{ penaltyWeight: 9 }')).updateConstraint).toEqual({ penaltyMethod: 'MANUAL', penaltyWeight: 9, version: 4 });
    const refused = await update('{ penaltyMethod: MANUAL }');
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(await storedConstraints()).toContainEqual({ id, penaltyMethod: 'MANUAL', penaltyWeight: 9 });
  });

  describe('optimizeQubo with inline constraints', () => {
    const optimize = (constraints: Record<string, unknown>[]) =>
      call<{ optimizeQubo: { best: { feasible: boolean; constraintResults: { penaltyWeight: number; satisfied: boolean }[] } } }>(
        'mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { best { feasible constraintResults { penaltyWeight satisfied } } } }',
        { input: { tenantId, qubo, constraints, timeLimitMs: 200, seed: 3 } },
      );

    it('solves with a UB weight computed from the inline QUBO', async () => {
      // exactly one of a, b, c: b alone (E = −1) is the constrained optimum, and UB = 7.5 keeps every infeasible sample above it
      const result = dataOf(await optimize([{ ...ONE_HOT, penaltyMethod: 'UB' }])).optimizeQubo;
      expect(result.best).toEqual({ feasible: true, constraintResults: [{ penaltyWeight: EXPECTED.UB, satisfied: true }] });
    });

    it('refuses an inline MANUAL constraint without a weight, naming which one', async () => {
      const response = await optimize([{ ...ONE_HOT, penaltyWeight: 1 }, { ...ONE_HOT, penaltyMethod: 'MANUAL' }]);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions).toMatchObject({ field: 'constraints[1].penaltyWeight' });
    });
  });
});
