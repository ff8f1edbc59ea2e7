import { minimise } from './nelder-mead';

describe('Nelder–Mead', () => {
  it('finds the minimum of a smooth bowl from a distant start', () => {
    const bowl = (x: readonly number[]) => (x[0] - 3) ** 2 + 10 * (x[1] + 1) ** 2;

    const { x, value } = minimise(bowl, [0, 0], { iterations: 200, step: 1 });

    expect(x[0]).toBeCloseTo(3, 3);
    expect(x[1]).toBeCloseTo(-1, 3);
    expect(value).toBeLessThan(1e-6);
  });

  it('treats a diverging point as the worst instead of stopping on NaN', () => {
    const { x } = minimise((p) => (p[0] < 0 ? Number.NaN : (p[0] - 1) ** 2), [0.5], { iterations: 100, step: 1 });

    expect(x[0]).toBeCloseTo(1, 3);
  });
});
