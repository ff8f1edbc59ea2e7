import { compileFromTerms, energyOf, pairCount } from './compiled-qubo';

describe('compileFromTerms', () => {
  it('given duplicate pairs in either order and a diagonal pair, when compiled, then they are summed into a symmetric CSR', () => {
    const qubo = compileFromTerms(3, [1, 0, 0], [
      { i: 0, j: 1, value: 2 },
      { i: 1, j: 0, value: 3 },
      { i: 2, j: 2, value: -4 },
      { i: 1, j: 2, value: 1 },
      { i: 2, j: 1, value: -1 },
    ], 7);
    expect(Array.from(qubo.linear)).toEqual([1, 0, -4]);
    expect(pairCount(qubo)).toBe(1);
    expect(Array.from(qubo.rowPtr)).toEqual([0, 1, 2, 2]);
    expect(Array.from(qubo.colIdx)).toEqual([1, 0]);
    expect(Array.from(qubo.values)).toEqual([5, 5]);
    expect(energyOf(qubo, [1, 1, 1])).toBe(7 + 1 - 4 + 5);
  });

  it('given a pair outside the variables, when compiled, then it is refused', () => {
    expect(() => compileFromTerms(2, [0, 0], [{ i: 0, j: 2, value: 1 }])).toThrow(RangeError);
  });
});
