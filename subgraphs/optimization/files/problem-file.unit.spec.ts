import { DEFAULT_MODEL_LIMITS, type QuboModelError } from '../model';
import { parseProblemFile, type ProblemFileFormat } from './problem-file';

const limits = DEFAULT_MODEL_LIMITS;

function refusal(format: ProblemFileFormat, text: string, instance?: number): QuboModelError {
  try {
    parseProblemFile(format, text, instance, limits);
  } catch (error) {
    return error as QuboModelError;
  }
  throw new Error('expected a refusal');
}

describe('parseProblemFile', () => {
  it('given each format, when a small file is read, then its problem is the model of that format', () => {
    const bqp = parseProblemFile('ORLIB_BQP', '2\n2 1\n1 1 5\n3 2\n1 2 -1\n2 3 4\n', 2, limits);
    expect(bqp.variableNames).toEqual(['x1', 'x2', 'x3']);
    expect(bqp.quadratic(1, 2)).toBe(-8);
    const gset = parseProblemFile('GSET', '3 2\n1 2 1\n2 3 1\n', undefined, limits);
    expect(gset.toSourceObjective(gset.energy([0, 1, 0]))).toBe(2);
    const matrix = parseProblemFile('MATRIX', '1 -2\n0 3\n', undefined, limits);
    expect(matrix.energy([1, 1])).toBe(2);
    const json = parseProblemFile('JSON', '{"variables": ["a"], "linear": [{"variable": "a", "coefficient": -1}]}', 1, limits);
    expect(json.energy([1])).toBe(-1);
  });

  it.each<[ProblemFileFormat, string, RegExp]>([
    ['ORLIB_BQP', '1\n2 2\n1 1 5\n1 2 x\n', /^bqp line 4: q must be a finite number, got "x"/],
    ['GSET', '3 2\n1 2 1\n\n2 9 1\n', /^gset line 4: v must be within 1\.\.3, got 9/],
    ['MATRIX', '1 2\n0 3 4\n', /^matrix line 2: row 2 has 3 numbers/],
    ['JSON', '{\n"variables": ["a"],\n}', /^json line 3:/],
  ])('given a malformed %s file, when read, then MALFORMED_FILE names the line', (format, text, message) => {
    const error = refusal(format, text);
    expect(error.code).toBe('MALFORMED_FILE');
    expect(error.message).toMatch(message);
  });

  it('given an instance the bqp file does not have, when read, then INVALID_QUBO on instance', () => {
    const error = refusal('ORLIB_BQP', '1\n1 0\n', 2);
    expect(error).toMatchObject({ code: 'INVALID_QUBO', field: 'instance' });
    expect(error.message).toMatch(/within 1\.\.1 for this file, got 2/);
  });

  it('given an instance other than 1 for a format that holds one problem, when read, then INVALID_QUBO on instance', () => {
    expect(refusal('GSET', '2 1\n1 2 1\n', 2)).toMatchObject({ code: 'INVALID_QUBO', field: 'instance' });
  });

  it('given a file larger than the model limits, when read, then PROBLEM_TOO_LARGE as for createProblem', () => {
    expect(() => parseProblemFile('GSET', '3 1\n1 2 1\n', undefined, { maxVariables: 2, maxQuadraticTerms: 10 })).toThrow(expect.objectContaining({ code: 'PROBLEM_TOO_LARGE' }));
  });
});
