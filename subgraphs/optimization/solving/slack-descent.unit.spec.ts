import { energyOf } from '../engine/compiled-qubo';
import { compileProblem, knapsackTemplate, QuboModel } from '../model';
import { descendWithOptimalSlack } from './slack-descent';

describe('descent with optimal slack', () => {
  // Item a (value 10, weight 5) or item b (value 12, weight 6) under capacity 6: only one fits.
  const knapsack = knapsackTemplate({ items: ['a', 'b'], values: [10, 12], weights: [5, 6], capacity: 6, penaltyWeight: 20 });
  const problem = compileProblem(knapsack.model, knapsack.constraints);
  const slackIndices = problem.slackVariables.map((slack) => slack.index);
  const assignment = (a: number, b: number, slack: number): Uint8Array => {
    const x = new Uint8Array(problem.variableNames.length);
    x[0] = a;
    x[1] = b;
    problem.slackVariables.forEach((variable, k) => (x[variable.index] = (slack >> k) & 1));
    return x;
  };

  it('given the engine stopped at the lesser item with its slack set, when descended, then it trades it for the better one', () => {
    // Given: {a} with slack 1 is a local minimum of the QUBO: b alone needs a, b and a slack bit to flip together.
    const start = assignment(1, 0, 1);
    const sample = { x: start, energy: energyOf(problem.compiled, start) };
    expect(sample.energy).toBeCloseTo(-10);

    // When
    const [descended] = descendWithOptimalSlack(problem, [sample], Infinity);

    // Then: b alone, slack 0, and the energy reported is the QUBO's own
    expect([...descended.x.slice(0, 2)]).toEqual([0, 1]);
    expect(slackIndices.every((index) => descended.x[index] === 0)).toBe(true);
    expect(descended.energy).toBeCloseTo(-12);
    expect(descended.energy).toBe(energyOf(problem.compiled, descended.x));
  });

  it('given a sample with its slack wrong, when descended, then its energy never rises', () => {
    const start = assignment(0, 0, 0);
    const sample = { x: start, energy: energyOf(problem.compiled, start) };
    const [descended] = descendWithOptimalSlack(problem, [sample], Infinity);
    expect(descended.energy).toBeLessThanOrEqual(sample.energy);
    expect(descended.energy).toBeCloseTo(-12);
  });

  it('given a problem without inequalities, when descended, then the samples come back as they were', () => {
    const model = new QuboModel();
    model.addLinear(model.addVariable('x'), -1);
    const plain = compileProblem(model, []);
    const sample = { x: Uint8Array.of(0), energy: 0 };
    expect(descendWithOptimalSlack(plain, [sample], Infinity)).toEqual([sample]);
  });

  it('given a deadline already passed, when descended, then nothing is searched', () => {
    const start = assignment(1, 0, 1);
    const sample = { x: start, energy: energyOf(problem.compiled, start) };
    expect(descendWithOptimalSlack(problem, [sample], 0)).toEqual([sample]);
  });
});
