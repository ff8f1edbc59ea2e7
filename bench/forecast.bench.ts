/**
 * bench:forecast — the demand forecaster of issue 11 on every series of ../shared/data/demand at
 * least two weeks long (bench/forecast/demand-series.ts), hourly. From an origin every 6 h (from
 * hour 336 on series of four weeks or more, from hour 168 on shorter ones, which support daily
 * cycles only), at 48 h and 24 h horizons: the forecast the library makes from the hours before
 * the origin alone (forecastDemand's RollingForecaster: model chosen and 90 % intervals calibrated
 * by its own backtest on earlier origins), and each model alone, seasonal naive among them, all
 * scored on the hours after it: WAPE, MASE, interval coverage. Then the targets, and the
 * capacity schedule planned on those forecasts against static peak and reactive provisioning
 * (bench/forecast/schedule-section.ts).
 * BENCH_FORECAST=nyc_taxi,azure_vm_cpu_usage picks series. Writes bench/results/forecast.json.
 */
import { RollingForecaster, WEEKLY_MODELS_NEED_HOURS, type HourlySeries } from '../subgraphs/scaling/forecasting';
import { candidateModels } from '../subgraphs/scaling/forecasting/models/catalog';
import { machineInfo, SMOKE, sized, writeBenchResult } from './bench-results';
import { DEMAND_SERIES, loadDemandSeries } from './forecast/demand-series';
import { evaluateSeries, type SeriesEvaluation } from './forecast/rolling-evaluation';
import { checkForecastTargets, formatTarget } from './forecast/targets';
import { formatEvaluation } from './forecast/format-evaluation';
import { COVERED_QUANTILE, formatScheduleSection, runScheduleSection } from './forecast/schedule-section';

const HORIZONS = [48, 24] as const;
const COVERAGE = 0.9;
const ORIGIN_STEP_HOURS = 6;
const TWO_WEEKS = 336;
const FOUR_WEEKS = 672;
/** The smoke run: one series, a few origins. */
const MAX_ORIGINS = sized(Number.POSITIVE_INFINITY, 3);
const SMOKE_SERIES = ['azure_vm_cpu_usage'];

async function main(): Promise<void> {
  const picked = process.env.BENCH_FORECAST?.split(',').map((s) => s.trim()).filter(Boolean) ?? (SMOKE ? SMOKE_SERIES : undefined);
  const sources = DEMAND_SERIES.filter((source) => !picked || picked.includes(source.name));
  if (sources.length === 0) throw new Error(`BENCH_FORECAST names no series (${DEMAND_SERIES.map((s) => s.name).join(', ')})`);
  const runStarted = performance.now();
  const evaluations: SeriesEvaluation[] = [];
  /** Each evaluated series with its forecaster, which answers from any origin with its fits cached: the schedule comparison's input. */
  const evaluatedSeries: { name: string; history: HourlySeries; forecaster: RollingForecaster }[] = [];
  const skipped: { series: string; hours: number; reason: string }[] = [];
  for (const source of sources) {
    const history = loadDemandSeries(source);
    const hours = history.values.length;
    if (hours < TWO_WEEKS) {
      skipped.push({ series: source.name, hours, reason: `shorter than two weeks (${hours} h)` });
      continue;
    }
    const firstOriginHours = hours >= FOUR_WEEKS ? TWO_WEEKS : TWO_WEEKS / 2;
    const forecaster = new RollingForecaster(history, { includeBusinessCycles: true, calendar: [], maxHorizonHours: Math.max(...HORIZONS) });
    evaluatedSeries.push({ name: source.name, history, forecaster });
    const modelIds = reportedModels(firstOriginHours);
    const missing = history.values.filter((value) => value === null).length;
    console.log(`\n${source.name}: ${hours} h (${(hours / 24).toFixed(1)} d, ${missing} missing), ${source.aggregation} per hour, origins every ${ORIGIN_STEP_HOURS} h from hour ${firstOriginHours}`);
    for (const horizonHours of HORIZONS) {
      const evaluation = evaluateSeries(source.name, history, { horizonHours, coverage: COVERAGE, originStepHours: ORIGIN_STEP_HOURS, firstOriginHours, maxOrigins: MAX_ORIGINS, modelIds }, forecaster);
      evaluations.push(evaluation);
      console.log(formatEvaluation(evaluation));
    }
  }
  const targets = checkForecastTargets(evaluations, FOUR_WEEKS);
  console.log('\nTargets (issue 11):');
  for (const target of targets) console.log(formatTarget(target));

  // The capacity schedule on the same forecasts, against static peak provisioning and a reactive policy.
  const scheduleRows = runScheduleSection(evaluatedSeries, sized(14, 2) * 24);
  console.log(`\nCapacity schedule vs static peak vs reactive (exact plans of 24 h every 6 h, demand quantile ${COVERED_QUANTILE}):`);
  console.log(formatScheduleSection(scheduleRows));
  const schedule = scheduleRows.map(({ series, windowHours, comparison, geneticCostRatio, geneticUnderProvisionedHours }) => ({ series, windowHours, demandQuantile: COVERED_QUANTILE, geneticCostRatio, geneticUnderProvisionedHours, ...comparison, optimised: { ...comparison.optimised, capacities: undefined }, staticPeak: { ...comparison.staticPeak, capacities: undefined }, reactive: { ...comparison.reactive, capacities: undefined } }));

  const runMs = Math.round(performance.now() - runStarted);
  console.log(`\nwhole run ${(runMs / 1000).toFixed(1)} s`);
  const written = writeBenchResult('forecast', {
    machine: machineInfo(),
    coverage: COVERAGE,
    originStepHours: ORIGIN_STEP_HOURS,
    horizons: HORIZONS,
    firstOrigin: `hour ${TWO_WEEKS} on series of ${FOUR_WEEKS} h or more, hour ${TWO_WEEKS / 2} on shorter ones (weekly models need ${WEEKLY_MODELS_NEED_HOURS} h)`,
    skipped,
    targets,
    evaluations,
    schedule,
    runMs,
  });
  console.log(`\nwrote ${written}${SMOKE ? ' (smoke run: figures mean nothing)' : ''}`);
}

/** Every model that is a candidate from the first origin on, and weekly seasonal naive, the yardstick, always. */
function reportedModels(firstOriginHours: number): string[] {
  const ids = candidateModels(firstOriginHours, true).map((model) => model.id);
  return ids.includes('seasonal-naive-168h') ? ids : [...ids, 'seasonal-naive-168h'];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
