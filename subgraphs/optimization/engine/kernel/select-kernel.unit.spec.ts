import { compileFromTerms } from '../compiled-qubo';
import { solveQubo } from '../solve-qubo';
import { defaultKernelName, preferKernel } from './select-kernel';

const qubo = compileFromTerms(3, [-1, -1, 2], [{ i: 0, j: 1, value: 3 }]);

describe('SOLVER_KERNEL', () => {
  afterEach(() => preferKernel('auto'));

  it('given auto and the built module, when a solve names no kernel, then WebAssembly runs it and the result says so', async () => {
    preferKernel('auto');

    expect(defaultKernelName()).toBe('wasm');
    expect((await solveQubo(qubo, { seed: 1, restarts: 1 })).parameters.kernel).toBe('wasm');
  });

  it('given js, when a solve names no kernel, then the JavaScript kernel runs it', async () => {
    preferKernel('js');

    expect((await solveQubo(qubo, { seed: 1, restarts: 1 })).parameters.kernel).toBe('js');
  });

  it('given js, when a solve names wasm, then its own choice wins', async () => {
    preferKernel('js');

    expect((await solveQubo(qubo, { seed: 1, restarts: 1, kernel: 'wasm' })).parameters.kernel).toBe('wasm');
  });
});
