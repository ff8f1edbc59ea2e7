import type { CalendarExceptionKind, ExceptionHour, LearnedFactor } from './calendar';
import type { ForecastWarning } from './demand-forecast';
import { WEEKLY_MODELS_NEED_HOURS, weeklyCyclesUsable } from './models/catalog';

/** What a forecast knows about its own shortcomings, gathered by the forecaster. */
export interface ForecastFacts {
  readonly historyHours: number;
  readonly includeBusinessCycles: boolean;
  readonly backtested: boolean;
  readonly calibrated: boolean;
  readonly coverage: number;
  readonly chosenId: string;
  readonly trainingHours: number;
  readonly missingTrainingHours: number;
  readonly horizonExceptions: readonly (ExceptionHour | null)[];
  readonly learnedFactors: Readonly<Record<CalendarExceptionKind, LearnedFactor>>;
}

/** The warnings a forecast carries, each saying what was done instead and, where there is one, the remedy. */
export function forecastWarnings(facts: ForecastFacts): ForecastWarning[] {
  const warnings: ForecastWarning[] = [];
  const T = facts.historyHours;
  if (facts.includeBusinessCycles && !weeklyCyclesUsable(T, true)) {
    warnings.push({ code: 'SHORT_HISTORY_DAILY_CYCLES_ONLY', message: `Only daily-cycle models were considered: weekly cycles need ${WEEKLY_MODELS_NEED_HOURS} hours of history, this one has ${T} (${WEEKLY_MODELS_NEED_HOURS - T} more).` });
  }
  if (!facts.backtested) {
    warnings.push({ code: 'NO_BACKTEST', message: `The history is too short to backtest any model, so ${facts.chosenId} was used untested; its accuracy is unknown.` });
  }
  if (!facts.calibrated) {
    warnings.push({ code: 'INTERVALS_UNCALIBRATED', message: `Too few backtest hours to calibrate a ${Math.round(facts.coverage * 100)}% interval; the intervals are the widest error seen so far (or ± the forecast itself) and may cover less than asked.` });
  }
  if (facts.missingTrainingHours > 0) {
    warnings.push({ code: 'MISSING_HOURS_FILLED', message: `${facts.missingTrainingHours} of the ${facts.trainingHours} hours the model trained on were not recorded; each was filled with the same hour a week (or a day) before.` });
  }
  const assumed = new Set(facts.horizonExceptions.flatMap((mark) => (mark ?? []).filter((exception) => exception.factor === undefined && facts.learnedFactors[exception.kind].fromHours === 0).map((exception) => exception.kind)));
  for (const kind of assumed) {
    warnings.push({ code: 'CALENDAR_FACTOR_ASSUMED', message: `A ${kind} in the forecast has no factor and the history has no past ${kind} hour to learn one from, so its hours are forecast as usual (factor 1); give the exception a factor.` });
  }
  return warnings;
}
