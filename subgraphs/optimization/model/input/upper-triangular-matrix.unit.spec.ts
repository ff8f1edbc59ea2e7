import { parseUpperTriangularMatrix } from './upper-triangular-matrix';

describe('upper-triangular matrix input', () => {
  it('given Q, when parsed, then E(x) = Σ_{i<=j} Q_ij x_i x_j with each entry counted once', () => {
    const model = parseUpperTriangularMatrix([
      [1, -2, 0],
      [0, 3, 4],
      [0, 0, -5],
    ]);
    expect(model.variableNames).toEqual(['x0', 'x1', 'x2']);
    expect(model.energy([1, 1, 0])).toBe(1 - 2 + 3);
    expect(model.energy([0, 1, 1])).toBe(3 + 4 - 5);
  });

  it('given names, an offset and sense maximize, when parsed, then they are applied', () => {
    const model = parseUpperTriangularMatrix([[2, 1], [0, 3]], { variables: ['p', 'q'], offset: 1, sense: 'MAXIMIZE' });
    expect(model.variableNames).toEqual(['p', 'q']);
    expect(model.toSourceObjective(model.energy([1, 1]))).toBe(7);
  });

  it.each<[string, number[][], string, RegExp]>([
    ['a non-zero entry below the diagonal', [[1, 0], [2, 1]], 'matrix[1][0]', /below the diagonal/],
    ['a ragged row', [[1, 0], [1]], 'matrix[1]', /row of 2 numbers/],
    ['a NaN entry', [[NaN]], 'matrix[0][0]', /finite number/],
  ])('given %s, when parsed, then INVALID_QUBO names the entry', (_case, matrix, field, message) => {
    expect(() => parseUpperTriangularMatrix(matrix)).toThrow(expect.objectContaining({ code: 'INVALID_QUBO', field, message: expect.stringMatching(message) }));
  });

  it('given more rows than the limit, when parsed, then PROBLEM_TOO_LARGE', () => {
    expect(() => parseUpperTriangularMatrix([[1, 0], [0, 1]], { limits: { maxVariables: 1, maxQuadraticTerms: 10 } })).toThrow(
      expect.objectContaining({ code: 'PROBLEM_TOO_LARGE' }),
    );
  });
});
