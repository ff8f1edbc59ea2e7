import type { EvaluationFigures, SeriesEvaluation } from './rolling-evaluation';

/** One target of issue 11 on one series and horizon: met or not, and the figures that say why. */
export interface ForecastTarget {
  readonly target: string;
  readonly series: string;
  readonly horizonHours: number;
  readonly met: boolean;
  readonly detail: string;
}

const pct = (value: number | null, digits = 2) => (value === null ? '—' : `${(100 * value).toFixed(digits)}%`);

function modelFigures(evaluation: SeriesEvaluation, modelId: string): EvaluationFigures | undefined {
  return evaluation.models.find((figures) => figures.modelId === modelId);
}

function bestAlone(evaluation: SeriesEvaluation): EvaluationFigures {
  return evaluation.models.reduce((best, figures) => ((figures.wape ?? Infinity) < (best.wape ?? Infinity) ? figures : best));
}

/** What the best model alone did, to tell a selection that chose badly from a series no model forecasts well. */
function againstBest(evaluation: SeriesEvaluation): string {
  const best = bestAlone(evaluation);
  return `best model alone ${best.modelId} ${pct(best.wape)}`;
}

function wapeCeiling(evaluation: SeriesEvaluation, target: string, ceiling: number): ForecastTarget {
  const wape = evaluation.selected.wape;
  const met = wape !== null && wape <= ceiling;
  return {
    target,
    series: evaluation.series,
    horizonHours: evaluation.horizonHours,
    met,
    detail: `WAPE ${pct(wape)} ${met ? '≤' : '>'} ${pct(ceiling, 1)}${met ? '' : `; ${againstBest(evaluation)}`}`,
  };
}

/**
 * The issue's targets: (1) accuracy (1 − WAPE) ≥ 90 % at 24 h on every series where weekly
 * seasonal naive reaches 85 %; (2) nyc_taxi WAPE ≤ 9.0 % at 48 h; (3) Azure VM CPU WAPE ≤ 1.8 % at
 * 48 h; (4) 90 % intervals covering 87–93 % on every series of four weeks or more (both horizons).
 */
export function checkForecastTargets(evaluations: readonly SeriesEvaluation[], fourWeeksHours: number): ForecastTarget[] {
  const targets: ForecastTarget[] = [];
  for (const evaluation of evaluations.filter((e) => e.horizonHours === 24)) {
    const naive = modelFigures(evaluation, 'seasonal-naive-168h');
    if (!naive || naive.wape === null || 1 - naive.wape < 0.85) continue;
    const result = wapeCeiling(evaluation, `accuracy ≥ 90% at 24 h (weekly seasonal naive reaches ${pct(1 - naive.wape, 1)})`, 0.1);
    targets.push({ ...result, detail: `accuracy ${pct(1 - (evaluation.selected.wape ?? 1))}; ${result.detail}` });
  }
  const nyc = evaluations.find((e) => e.series === 'nyc_taxi' && e.horizonHours === 48);
  if (nyc) targets.push(wapeCeiling(nyc, `nyc_taxi WAPE ≤ 9.0% at 48 h (weekly seasonal naive ${pct(modelFigures(nyc, 'seasonal-naive-168h')?.wape ?? null)})`, 0.09));
  const azure = evaluations.find((e) => e.series === 'azure_vm_cpu_usage' && e.horizonHours === 48);
  if (azure) targets.push(wapeCeiling(azure, `Azure VM CPU WAPE ≤ 1.8% at 48 h (MSTL alone ${pct(modelFigures(azure, 'mstl-24-168h')?.wape ?? null)})`, 0.018));
  for (const evaluation of evaluations.filter((e) => e.hours >= fourWeeksHours)) {
    const coverage = evaluation.selected.coverage;
    const met = coverage !== null && coverage >= 0.87 && coverage <= 0.93;
    const side = coverage === null ? 'not measured' : coverage < 0.87 ? 'too narrow: errors after the origin were larger than in the backtest before it' : coverage > 0.93 ? 'too wide: errors after the origin were smaller than in the backtest before it' : '';
    targets.push({
      target: '90% interval covers 87–93%',
      series: evaluation.series,
      horizonHours: evaluation.horizonHours,
      met,
      detail: `coverage ${pct(coverage, 1)}${met ? '' : ` (${side})`}`,
    });
  }
  return targets;
}

export function formatTarget(target: ForecastTarget): string {
  return `${target.met ? 'MET   ' : 'MISSED'} ${target.series} ${target.horizonHours} h — ${target.target}: ${target.detail}`;
}
