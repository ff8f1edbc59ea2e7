import type { AlgorithmRecipe } from '../../../schema/events';
import { engineOptions, solveSettings, type SolveBounds } from './recipe-options';

const bounds: SolveBounds = { defaultTimeLimitMs: 1_000, maxTimeLimitMs: 5_000, defaultSamples: 5, maxSamples: 100 };
const recipe: AlgorithmRecipe = {
  strategy: 'SA',
  timeLimitMs: 2_000,
  parameters: { sweeps: 4_000, schedule: 'linear', betaRange: { start: 0.1, end: 8 }, restarts: 12, tabuIterations: 900, tabuStallIterations: 90, eliteSize: 4, numSamples: 3 },
};

describe('solve settings from a recipe', () => {
  it('given no explicit field, runs the recipe: its strategy, time limit, samples and engine parameters', () => {
    expect(solveSettings({}, recipe, bounds)).toEqual({
      strategy: 'SA',
      timeLimitMs: 2_000,
      numSamples: 3,
      parameters: { sweeps: 4_000, schedule: 'linear', betaRange: { start: 0.1, end: 8 }, restarts: 12, tabuIterations: 900, tabuStallIterations: 90, eliteSize: 4 },
    });
  });

  it("given explicit fields, they win over the recipe's defaults", () => {
    const settings = solveSettings({ strategy: 'TABU', timeLimitMs: 300, numSamples: 10 }, recipe, bounds);
    expect(settings).toMatchObject({ strategy: 'TABU', timeLimitMs: 300, numSamples: 10 });
    expect(settings.parameters.sweeps).toBe(4_000);
  });

  it("clamps the recipe's time limit and samples to the platform's caps", () => {
    const greedy: AlgorithmRecipe = { ...recipe, timeLimitMs: 3_600_000, parameters: { numSamples: 10_000 } };
    expect(solveSettings({}, greedy, bounds)).toMatchObject({ timeLimitMs: 5_000, numSamples: 100 });
  });

  it('leaves an explicit time limit over the cap for the caller to refuse', () => {
    expect(solveSettings({ timeLimitMs: 9_000 }, recipe, bounds).timeLimitMs).toBe(9_000);
  });

  it("given no recipe, falls back to the platform's defaults with no engine parameters", () => {
    expect(solveSettings({}, null, bounds)).toEqual({ strategy: 'AUTO', timeLimitMs: 1_000, numSamples: 5, parameters: {} });
  });

  it('given a recipe without parameters, the samples default as without one', () => {
    expect(solveSettings({}, { strategy: 'AUTO', timeLimitMs: 500 }, bounds)).toEqual({ strategy: 'AUTO', timeLimitMs: 500, numSamples: 5, parameters: {} });
  });
});

describe("a recipe's engine parameters as SolveOptions", () => {
  it('maps β from start/end to hot/cold and passes the rest through', () => {
    expect(engineOptions({ sweeps: 100, schedule: 'geometric', betaRange: { start: 0.5, end: 4 }, restarts: 3, tabuIterations: 50, tabuStallIterations: 5, eliteSize: 2 })).toEqual({
      sweeps: 100,
      schedule: 'geometric',
      betaRange: { hot: 0.5, cold: 4 },
      restarts: 3,
      tabuIterations: 50,
      tabuStallIterations: 5,
      eliteSize: 2,
    });
  });

  it('sets nothing the recipe leaves out, so the engine keeps its own defaults', () => {
    expect(engineOptions({})).toEqual({});
  });
});
