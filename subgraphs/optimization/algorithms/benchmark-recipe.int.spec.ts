import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlgorithmRecipe } from '../../../schema/events';
import { sharedDataFile } from '../../../test/support/shared-data';
import { DEFAULT_MODEL_LIMITS } from '../model';
import { SolveGate } from '../solving/solve-gate';
import { benchmarkRecipe, gapPercent } from './benchmark-recipe';
import { benchmarkSet } from './benchmark-set';

jest.setTimeout(30_000);

const tabu: AlgorithmRecipe = { strategy: 'TABU', timeLimitMs: 150 };
const solver = { gate: new SolveGate(1, 10, 1), workers: 0, limits: DEFAULT_MODEL_LIMITS };

describe('benchmarking a recipe (real files of the shared data, solver in this thread)', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'goliath-benchmarks-'));
    // Laid out as ../shared/data/qubo is.
    mkdirSync(join(folder, 'orlib'));
    mkdirSync(join(folder, 'gset'));
    copyFileSync(sharedDataFile('qubo', 'orlib', 'bqp100.txt'), join(folder, 'orlib', 'bqp100.txt'));
    copyFileSync(sharedDataFile('qubo', 'gset', 'G11.txt'), join(folder, 'gset', 'G11.txt'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("given a folder, takes the smallest instances of its subfolders' files, with their published best-known values as energies", () => {
    const set = benchmarkSet(folder, DEFAULT_MODEL_LIMITS);
    expect(set.instances.map((instance) => [instance.name, instance.model.size, instance.bestKnownEnergy])).toEqual([
      ['bqp100.1', 100, -7970],
      ['bqp100.2', 100, -11036],
      ['bqp100.3', 100, -12723],
      ['bqp100.4', 100, -10368],
      ['bqp100.5', 100, -9083],
    ]);
    const [cut] = benchmarkSet(join(folder, 'gset'), DEFAULT_MODEL_LIMITS).instances;
    expect([cut.name, cut.model.size, cut.bestKnownEnergy]).toEqual(['G11', 800, -564]);
  });

  it('given a folder with nothing within the limits, says so', () => {
    expect(() => benchmarkSet(join(folder, 'gset'), { ...DEFAULT_MODEL_LIMITS, maxVariables: 100 })).toThrow(/holds no bqp or Gset file within the QUBO limits/);
  });

  it('given no folder, generates the same seeded instances every time, without best-known values', () => {
    const first = benchmarkSet(undefined, DEFAULT_MODEL_LIMITS);
    const again = benchmarkSet(undefined, DEFAULT_MODEL_LIMITS);
    expect(first.instances.map((instance) => [instance.name, instance.model.size, instance.bestKnownEnergy])).toEqual([
      ['random-50-seed1', 50, null],
      ['random-100-seed2', 100, null],
      ['random-200-seed3', 200, null],
    ]);
    expect(again.instances[1].model.energy(new Uint8Array(100).fill(1))).toBe(first.instances[1].model.energy(new Uint8Array(100).fill(1)));
  });

  it('solves each instance with the recipe and reports its gap to the best-known value', async () => {
    const [bqp1, bqp2] = benchmarkSet(folder, DEFAULT_MODEL_LIMITS).instances;
    const results = await benchmarkRecipe(tabu, [bqp1, bqp2], solver);
    expect(results.map((result) => result.instance)).toEqual(['bqp100.1', 'bqp100.2']);
    for (const result of results) {
      expect(result.gapPercent).toBe(gapPercent(result.bestEnergy, result.bestKnown!));
      // Tabu search reaches bqp100's optima within a fraction of its time.
      expect(result.gapPercent).toBeLessThan(1);
      expect(result.totalTimeMs).toBeLessThan(1_000);
    }
  });

  it('measures the gap as the share of the best-known value missed', () => {
    expect(gapPercent(-2098, -2098)).toBe(0);
    expect(gapPercent(-2000, -2098)).toBe(4.6711);
    expect(gapPercent(5, 0)).toBeGreaterThan(0);
  });
});
