import { DomainError } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import type { EvolutionAction, EvolutionTriggerType, TriggerConditions } from '../../../schema/events';

const STRATEGIES = ['CONSERVATIVE', 'BALANCED', 'AGGRESSIVE'] as const;
const MAX_ACTIONS = 10;
const MAX_LIST = 100;
/** A week: a time trigger is for cycles of business, not for polling. */
const MAX_EVERY_MINUTES = 7 * 24 * 60;

const CONDITION_KEYS: Readonly<Record<EvolutionTriggerType, readonly string[]>> = {
  PERFORMANCE_THRESHOLD: ['feasibilityBelow', 'minSolves', 'window', 'problemId', 'constraintIds'],
  TIME_BASED: ['everyMinutes'],
  MARKET_CHANGE: ['factors'],
};

/**
 * A trigger's conditions as its type reads them, with defaults: PERFORMANCE_THRESHOLD
 * {feasibilityBelow 0.85, minSolves 3, window 10, problemId?, constraintIds?}; TIME_BASED
 * {everyMinutes}; MARKET_CHANGE {factors?}. Anything else is BAD_USER_INPUT naming the key.
 */
export function triggerConditions(type: EvolutionTriggerType, given: unknown): TriggerConditions {
  const conditions = record(given, 'conditions');
  for (const key of Object.keys(conditions)) {
    if (!CONDITION_KEYS[type].includes(key)) refuse(`conditions.${key}`, `${type} triggers take ${CONDITION_KEYS[type].join(', ')}.`);
  }
  switch (type) {
    case 'PERFORMANCE_THRESHOLD': {
      const minSolves = integer(conditions.minSolves ?? 3, 'conditions.minSolves', 1, 1000);
      return {
        feasibilityBelow: fraction(conditions.feasibilityBelow ?? 0.85, 'conditions.feasibilityBelow'),
        minSolves,
        window: integer(conditions.window ?? Math.max(10, minSolves), 'conditions.window', minSolves, 1000),
        ...(conditions.problemId !== undefined && { problemId: text(conditions.problemId, 'conditions.problemId') }),
        ...(conditions.constraintIds !== undefined && { constraintIds: texts(conditions.constraintIds, 'conditions.constraintIds') }),
      };
    }
    case 'TIME_BASED':
      if (conditions.everyMinutes === undefined) refuse('conditions.everyMinutes', 'A TIME_BASED trigger needs everyMinutes.');
      return { everyMinutes: integer(conditions.everyMinutes, 'conditions.everyMinutes', 1, MAX_EVERY_MINUTES) };
    case 'MARKET_CHANGE':
      return conditions.factors === undefined ? {} : { factors: texts(conditions.factors, 'conditions.factors') };
  }
}

/** The seed's EvolutionAction list; today each is an evolution: {type: EVOLVE_CONSTRAINTS, problemId?, constraintIds?, evolutionStrategy?, performanceThreshold?, dryRun?}. */
export function triggerActions(given: unknown): EvolutionAction[] {
  if (!Array.isArray(given) || given.length === 0 || given.length > MAX_ACTIONS) refuse('actions', `actions is a list of 1 to ${MAX_ACTIONS} actions.`);
  return given.map((item, index): EvolutionAction => {
    const field = `actions[${index}]`;
    const action = record(item, field);
    const known = ['type', 'problemId', 'constraintIds', 'evolutionStrategy', 'performanceThreshold', 'dryRun'];
    for (const key of Object.keys(action)) if (!known.includes(key)) refuse(`${field}.${key}`, `An action takes ${known.join(', ')}.`);
    if (action.type !== 'EVOLVE_CONSTRAINTS') refuse(`${field}.type`, 'The one action type is EVOLVE_CONSTRAINTS.');
    const strategy = action.evolutionStrategy ?? 'BALANCED';
    if (!STRATEGIES.includes(strategy as (typeof STRATEGIES)[number])) refuse(`${field}.evolutionStrategy`, `evolutionStrategy is one of ${STRATEGIES.join(', ')}.`);
    if (action.dryRun !== undefined && typeof action.dryRun !== 'boolean') refuse(`${field}.dryRun`, 'dryRun is true or false.');
    return {
      type: 'EVOLVE_CONSTRAINTS',
      ...(action.problemId !== undefined && { problemId: text(action.problemId, `${field}.problemId`) }),
      ...(action.constraintIds !== undefined && { constraintIds: texts(action.constraintIds, `${field}.constraintIds`) }),
      evolutionStrategy: strategy as EvolutionAction['evolutionStrategy'],
      performanceThreshold: fraction(action.performanceThreshold ?? 0.85, `${field}.performanceThreshold`),
      dryRun: (action.dryRun as boolean | undefined) ?? false,
    };
  });
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) refuse(field, `${field} is a JSON object.`);
  return value as Record<string, unknown>;
}

function fraction(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) refuse(field, `${field} is a number in (0, 1].`);
  return value as number;
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) refuse(field, `${field} is a whole number from ${min} to ${max}.`);
  return value as number;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) refuse(field, `${field} is a non-empty string of at most 200 characters.`);
  return value as string;
}

function texts(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST) refuse(field, `${field} is a list of 1 to ${MAX_LIST} strings.`);
  return (value as unknown[]).map((item, index) => text(item, `${field}[${index}]`));
}

function refuse(field: string, message: string): never {
  throw new DomainError(ErrorCode.BadUserInput, message, { field });
}
