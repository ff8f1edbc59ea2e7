import { chooseStrategy, DENSE_PAIR_DENSITY, SMALL_PROBLEM_VARIABLES } from './auto-strategy';
import { compileFromTerms, type PairTerm } from './compiled-qubo';

function ring(n: number, chords = 0): PairTerm[] {
  const pairs: PairTerm[] = [];
  for (let i = 0; i < n; i++) pairs.push({ i, j: (i + 1) % n, value: 1 });
  for (let c = 0; c < chords; c++) for (let i = 0; i < n; i++) pairs.push({ i, j: (i + 2 + c) % n, value: 1 });
  return pairs;
}

describe('auto strategy rule', () => {
  it('given a small problem, when auto chooses, then tabu', () => {
    expect(chooseStrategy(compileFromTerms(SMALL_PROBLEM_VARIABLES, [], ring(SMALL_PROBLEM_VARIABLES)))).toBe('TABU');
  });

  it('given a large sparse problem (a ring), when auto chooses, then annealing', () => {
    expect(chooseStrategy(compileFromTerms(400, [], ring(400)))).toBe('SA');
  });

  it('given a large problem with at least 5 % of pairs coupled, when auto chooses, then tabu', () => {
    const n = 200;
    const chords = Math.ceil((DENSE_PAIR_DENSITY * (n - 1)) / 2); // ring + chords ≈ density 0.05+
    expect(chooseStrategy(compileFromTerms(n, [], ring(n, chords)))).toBe('TABU');
    expect(chooseStrategy(compileFromTerms(n, [], ring(n, chords - 3)))).toBe('SA');
  });
});
