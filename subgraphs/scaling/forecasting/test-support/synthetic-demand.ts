import type { HourlySeries } from '../hourly-series';

/** A seeded uniform generator (mulberry32): the same seed, the same series, in every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller) from a seeded generator. */
export function seededNormal(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

export interface BusinessDemandSettings {
  readonly hours: number;
  readonly level?: number;
  /** Standard deviation of the hourly noise, as a share of the level. */
  readonly noise?: number;
  /** Weekend days run at this share of a weekday. */
  readonly weekendShare?: number;
  readonly seed?: number;
}

/** Hour 0 of every synthetic series: a Monday, midnight UTC. */
export const MONDAY = new Date('2024-01-01T00:00:00Z');

/**
 * A business demand curve: a daytime peak, quieter weekends (days 5 and 6 of each week, from a
 * Monday), multiplicative noise.
 */
export function businessDemand(settings: BusinessDemandSettings): number[] {
  const { hours, level = 100, noise = 0.03, weekendShare = 0.5, seed = 1 } = settings;
  const normal = seededNormal(seed);
  return Array.from({ length: hours }, (_, t) => {
    const hourOfDay = t % 24;
    const weekend = Math.floor(t / 24) % 7 >= 5;
    const daily = 1 + 0.6 * Math.max(0, Math.sin(((hourOfDay - 6) / 12) * Math.PI));
    return level * daily * (weekend ? weekendShare : 1) * (1 + noise * normal());
  });
}

export function hourly(values: readonly (number | null)[], start = MONDAY): HourlySeries {
  return { start, values };
}
