import type { EvaluationFigures, SeriesEvaluation } from './rolling-evaluation';

const percent = (value: number | null, digits = 2) => (value === null ? '—' : `${(100 * value).toFixed(digits)}%`);

function row(figures: EvaluationFigures, width: number): string {
  return [figures.modelId.padEnd(width), percent(figures.wape).padStart(8), (figures.mase === null ? '—' : figures.mase.toFixed(3)).padStart(7), percent(figures.coverage, 1).padStart(8)].join(' ');
}

/** One series at one horizon: the selection, then each model alone, best WAPE first. */
export function formatEvaluation(evaluation: SeriesEvaluation): string {
  const models = [...evaluation.models].sort((a, b) => (a.wape ?? Infinity) - (b.wape ?? Infinity));
  const width = Math.max(24, ...models.map((m) => m.modelId.length));
  const chosen = Object.entries(evaluation.chosen)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([id, count]) => `${id} ${count}`)
    .join(', ');
  return [
    `  ${evaluation.horizonHours} h horizon, ${evaluation.origins} origins, ${(evaluation.milliseconds / 1000).toFixed(1)} s`,
    `  ${'model'.padEnd(width)}     WAPE    MASE  cover90`,
    `  ${row({ ...evaluation.selected, modelId: 'SELECTED (backtest)' }, width)}`,
    ...models.map((figures) => `  ${row(figures, width)}`),
    `  chosen most often: ${chosen}`,
  ].join('\n');
}
