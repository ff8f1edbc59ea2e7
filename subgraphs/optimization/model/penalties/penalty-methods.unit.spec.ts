import type { Constraint } from '../constraints/constraint';
import { QuboModel } from '../qubo-model';
import { penaltyWeightFor, QISKIT_FLOAT_DATA_PENALTY, qiskitDefaultPenalty } from './penalty-methods';

/** E(a, b, c) = −3a + 2b + 4ab − 5bc: every method's figure can be worked out by hand. */
function objective(): QuboModel {
  const model = new QuboModel();
  const [a, b, c] = ['a', 'b', 'c'].map((name) => model.addVariable(name));
  model.addLinear(a, -3);
  model.addLinear(b, 2);
  model.addQuadratic(a, b, 4);
  model.addQuadratic(b, c, -5);
  return model;
}

describe('penalty methods', () => {
  it('UB sums the magnitudes of every objective coefficient', () => {
    expect(penaltyWeightFor('UB', objective())).toBe(3 + 2 + 4 + 5);
  });

  it('MQC takes the largest coefficient magnitude', () => {
    expect(penaltyWeightFor('MQC', objective())).toBe(5);
  });

  it('VLM takes the largest change one flip can make', () => {
    // a: rise −3+4=1, fall 3; b: rise 2+4=6, fall −2+5=3; c: rise 0, fall 5 → 6
    expect(penaltyWeightFor('VLM', objective())).toBe(6);
  });

  it('gives a pure feasibility problem (no objective terms) a weight of 1, never 0', () => {
    const empty = new QuboModel();
    empty.addVariable('x');
    expect(['UB', 'MQC', 'VLM'].map((method) => penaltyWeightFor(method as 'UB', empty))).toEqual([1, 1, 1]);
  });

  it("follows Qiskit's default: 1 + the objective's range, or 1e5 when a constraint has a fractional number", () => {
    const integral: Constraint = { id: 'c', kind: 'LINEAR_INEQUALITY', penaltyWeight: 1, terms: [{ variable: 'a', coefficient: 2 }], relation: 'LESS_OR_EQUAL', rhs: 1 };
    expect(qiskitDefaultPenalty(objective(), [integral])).toBe(15);
    expect(qiskitDefaultPenalty(objective(), [{ ...integral, rhs: 1.5 }])).toBe(QISKIT_FLOAT_DATA_PENALTY);
  });
});
