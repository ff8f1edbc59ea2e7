import type { BacktestPoint } from '../accuracy';
import { seededNormal } from './synthetic-demand';

/**
 * Backtest points with a known error law: origins every 6 h, `leads` hours each, a forecast of
 * 100 ± 50 over the day, and actual = forecast × (1 + noise(target) · N(0, 1)).
 */
export function pointsWithNoise(settings: { origins: number; leads: number; firstOrigin?: number; noise: (target: number) => number; seed: number }): BacktestPoint[] {
  const normal = seededNormal(settings.seed);
  const points: BacktestPoint[] = [];
  for (let k = 0; k < settings.origins; k++) {
    const origin = (settings.firstOrigin ?? 0) + 6 * k;
    for (let lead = 0; lead < settings.leads; lead++) {
      const target = origin + lead;
      const forecast = 100 + 50 * Math.sin((2 * Math.PI * target) / 24);
      points.push({ origin, lead, target, forecast, actual: forecast * (1 + settings.noise(target) * normal()), naiveScale: 10, recentLevel: 100 });
    }
  }
  return points;
}

export function coverageOf(points: readonly BacktestPoint[], covers: (point: BacktestPoint) => boolean): number {
  return points.filter(covers).length / points.length;
}
