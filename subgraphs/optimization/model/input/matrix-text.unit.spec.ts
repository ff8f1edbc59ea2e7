import { parseMatrixText } from './matrix-text';

describe('upper-triangular matrix as text', () => {
  it('given rows on lines (spaces, tabs, blank lines, CRLF), when parsed, then E(x) = Σ_{i<=j} Q_ij x_i x_j over x0 … x(n−1)', () => {
    const model = parseMatrixText('1 -2  0\r\n\n0\t3 4\n0 0 -5\n');
    expect(model.variableNames).toEqual(['x0', 'x1', 'x2']);
    expect(model.sourceSense).toBe('MINIMIZE');
    expect(model.energy([1, 1, 0])).toBe(1 - 2 + 3);
    expect(model.energy([0, 1, 1])).toBe(3 + 4 - 5);
  });

  it.each([
    ['a row of the wrong length', '1 2\n0\n', /^matrix line 2: row 2 has 1 numbers; the matrix is 2×2/],
    ['a non-zero entry below the diagonal', '1 2 3\n0 1 2\n0 7 1\n', /^matrix line 3: number 2 of row 3 is below the diagonal/],
    ['a field that is not a number', '1 2\n0 0x1\n', /^matrix line 2: number 2 of row 2 of 2 must be a finite number, got "0x1"/],
    ['fewer rows than columns', '1 2 3\n0 1 2\n', /^matrix line 3: the file ends where row 3 of 3 was expected/],
    ['more rows than columns', '1 2\n0 1\n\n0 0\n', /^matrix line 4: the matrix has 2 rows .* but more lines follow/],
  ])('given %s, when parsed, then MALFORMED_FILE names the line', (_case, text, message) => {
    expect(() => parseMatrixText(text)).toThrow(expect.objectContaining({ code: 'MALFORMED_FILE', message: expect.stringMatching(message) }));
  });

  it('given more columns than the variable limit, when parsed, then PROBLEM_TOO_LARGE before the rows are read', () => {
    expect(() => parseMatrixText('1 2 3\n', { limits: { maxVariables: 2, maxQuadraticTerms: 10 } })).toThrow(expect.objectContaining({ code: 'PROBLEM_TOO_LARGE' }));
  });
});
