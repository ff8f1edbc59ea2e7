import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCompiledQubo } from '../compiled-qubo-builder';
import { tabuReference } from '../test-support/tabu-reference';
import { parseBqp } from './orlib-bqp';
import { sharedDataFile } from '../../../../test/support/shared-data';

const orlib = sharedDataFile('qubo', 'orlib');
const bqp50 = readFileSync(join(orlib, 'bqp50.txt'), 'utf8');

describe('OR-Library bqp files', () => {
  it('given a tiny file, when parsed, then diagonal entries count once and off-diagonal entries twice, negated for minimisation', () => {
    const text = ' 1 \n 2 3 \n 1 1 5 \n 1 2 -3 \n 2 2 4 \n';
    const model = parseBqp(text, { instance: 1 });
    expect(model.sourceSense).toBe('MAXIMIZE');
    expect(model.variableNames).toEqual(['x1', 'x2']);
    // maximise 5x1 + 4x2 + 2·(−3)x1x2
    expect(model.toSourceObjective(model.energy([1, 1]))).toBe(5 + 4 - 6);
    expect(model.energy([1, 0])).toBe(-5);
  });

  it('given bqp50.txt, when instance 1 is parsed, then it has 50 variables and the entries of its header', () => {
    const model = parseBqp(bqp50, { instance: 1 });
    expect(model.size).toBe(50);
    expect(model.quadratic(0, 3)).toBe(-2 * 39); // first entry "1 4 39"
  });

  it('given bqp50.txt, when the known optimum of instance 1 is searched for, then the parsed objective reaches exactly the best-known 2098', () => {
    // 2098 is the proven optimum of bqp50.1: reaching it, and never exceeding it, shows the sign and the factor 2 are right.
    const model = parseBqp(bqp50, { instance: 1 });
    const best = tabuReference(toCompiledQubo(model), { iterations: 3000, seed: 1 });
    expect(model.toSourceObjective(model.energy(best.assignment))).toBe(2098);
  });

  it('given bqp50.txt, when a later instance is parsed, then earlier instances are skipped by count (a diagonal entry "50 50 -60" is not mistaken for a header)', () => {
    const model = parseBqp(bqp50, { instance: 10 });
    expect(model.size).toBe(50);
    const best = tabuReference(toCompiledQubo(model), { iterations: 3000, seed: 1 });
    expect(model.toSourceObjective(best.energy)).toBe(3507);
  });

  it('given the gzip-compressed bqp1000 as bytes, when instance 1 is parsed, then it has 1000 variables', () => {
    const model = parseBqp(readFileSync(join(orlib, 'bqp1000.gz')), { instance: 1 });
    expect(model.size).toBe(1000);
    expect(model.quadraticTermCount).toBeGreaterThan(45_000);
  });

  it.each([
    ['a missing field', ' 1 \n 2 2 \n 1 2 \n 2 2 1 \n', /bqp line 3: expected entry 1 of 2 of instance 1 as "i j q", found 2 field/],
    ['an index beyond n', ' 1 \n 2 1 \n 1 3 7 \n', /bqp line 3: j must be within 1..2, got 3/],
    ['a coefficient that is not a number', ' 1 \n 2 1 \n 1 2 x \n', /bqp line 3: q must be a finite number, got "x"/],
    ['a file that ends early', ' 1 \n 2 2 \n 1 2 3 \n', /the file ends where entry 2 of 2 of instance 1 was expected/],
    ['a header that is not an integer', ' 1 \n 2.5 1 \n', /bqp line 2: n must be an integer/],
  ])('given %s, when parsed, then MALFORMED_FILE names the line', (_case, text, message) => {
    expect(() => parseBqp(text, { instance: 1 })).toThrow(expect.objectContaining({ code: 'MALFORMED_FILE', message: expect.stringMatching(message) }));
  });

  it('given an instance the file does not hold, when parsed, then it is refused', () => {
    expect(() => parseBqp(bqp50, { instance: 11 })).toThrow(expect.objectContaining({ code: 'INVALID_QUBO', field: 'instance' }));
  });

  it('given a size limit below n, when parsed, then PROBLEM_TOO_LARGE before the entries are read', () => {
    expect(() => parseBqp(bqp50, { instance: 1, limits: { maxVariables: 49, maxQuadraticTerms: 1e6 } })).toThrow(
      expect.objectContaining({ code: 'PROBLEM_TOO_LARGE' }),
    );
  });
});
