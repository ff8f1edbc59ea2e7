import { betaRangeFor, betaSchedule, COLD_ACCEPTANCE, HOT_ACCEPTANCE } from './beta-schedule';
import { compileFromTerms } from './compiled-qubo';

describe('β range and schedule', () => {
  // x0 has field h=-3 plus couplings +5 and -1: its flip energy lies in ±[-4, 2], largest |ΔE| 4.
  const qubo = compileFromTerms(3, [-3, 2, 0.5], [
    { i: 0, j: 1, value: 5 },
    { i: 0, j: 2, value: -1 },
  ]);

  it('given coefficients, when the range is chosen, then the largest flip is accepted with ½ at the hot end and the smallest with COLD_ACCEPTANCE at the cold end', () => {
    const { hot, cold } = betaRangeFor(qubo);
    // Largest possible |ΔE|: variable 1 has h=2 and J=+5, so its field reaches 7.
    expect(Math.exp(-hot * 7)).toBeCloseTo(HOT_ACCEPTANCE, 12);
    // Smallest nonzero |coefficient| is 0.5.
    expect(Math.exp(-cold * 0.5)).toBeCloseTo(COLD_ACCEPTANCE, 12);
  });

  it('given a range, when a geometric schedule is built, then it runs from hot to cold with a constant ratio', () => {
    const betas = betaSchedule({ hot: 0.1, cold: 10 }, 5, 'geometric');
    expect(betas[0]).toBeCloseTo(0.1);
    expect(betas[4]).toBeCloseTo(10);
    expect(betas[2]).toBeCloseTo(1);
    const linear = betaSchedule({ hot: 0.1, cold: 10 }, 3, 'linear');
    expect(Array.from(linear)).toEqual([0.1, 5.05, 10]);
  });
});
