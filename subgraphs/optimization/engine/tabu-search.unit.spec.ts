import { readFileSync } from 'node:fs';
import { compileFromTerms, type PairTerm } from './compiled-qubo';
import { solveQubo } from './solve-qubo';
import { sharedDataFile } from '../../../test/support/shared-data';

/** bqp50.1 from the shared OR-Library file: maximise Σ q_ii x_i + 2 Σ_{i<j} q_ij x_i x_j; best 2098. */
function bqp50First() {
  const t = readFileSync(sharedDataFile('qubo', 'orlib', 'bqp50.txt'), 'utf8').trim().split(/\s+/).map(Number);
  const [, n, nnz] = t;
  const linear = new Float64Array(n);
  const pairs: PairTerm[] = [];
  for (let e = 0; e < nnz; e++) {
    const [i, j, q] = [t[3 + 3 * e] - 1, t[4 + 3 * e] - 1, t[5 + 3 * e]];
    if (i === j) linear[i] -= q;
    else pairs.push({ i, j, value: -2 * q });
  }
  return compileFromTerms(n, linear, pairs);
}

describe('tabu search on a dense instance', () => {
  it('given OR-Library bqp50.1, when tabu runs a small budget in this thread, then it reaches the best-known 2098', async () => {
    const result = await solveQubo(bqp50First(), { strategy: 'TABU', seed: 11, restarts: 2, tabuIterations: 20_000 });
    expect(-result.bestEnergy).toBe(2098);
  });
});
