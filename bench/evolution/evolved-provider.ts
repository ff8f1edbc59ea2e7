/**
 * The EVOLVED column of bench:evolution: Goliath's own weight search (`searchWeights`, the search
 * behind `evolveConstraints`) run per family over its training instances, then applied to the
 * held-out ones. Nothing here searches on its own: this file only says what a "weight" is (a
 * multiplier of a base rule per constraint group) and how a vector is measured (the spirit of
 * `shadowEvaluator`, over a family's instances instead of one problem's seeds).
 */
import { penaltyWeightFor, type ComputedPenaltyMethod, type Constraint, type ConstraintKind } from '../../subgraphs/optimization/model';
import { searchWeights, type Evaluate, type Evaluation, type SearchResult, type SearchSettings, type Weights } from '../../subgraphs/optimization/evolution/weight-search';
import type { FamilyInstance, FamilyName } from './family';
import type { InstanceOutcome } from './solve-instance';
import type { ConstraintWeights, TrainingContext, WeightProvider } from './weight-providers';

/**
 * The searched dimension: a constraint's kind. The kind fixes the penalty's shape and so its scale
 * against the objective (a one-hot or an edge conflict costs weight·1 per violation, a capacity
 * excess weight·excess²), while constraints of one kind within a family play interchangeable roles
 * (an assignment's agent rows and task columns are the same constraint transposed). In the four
 * families the kinds are the roles: knapsack capacity (LINEAR_INEQUALITY), assignment rows and
 * columns (ONE_HOT), portfolio budget (LINEAR_EQUALITY), colouring vertex (ONE_HOT) and edge
 * (CUSTOM_PENALTY). It needs nothing but the constraint itself, as in production.
 */
export function groupOf(constraint: Constraint): ConstraintKind {
  return constraint.kind;
}

/** The roles of a group's constraints, from their ids (`agent:a1` → agent), for the report. */
function rolesOf(instances: readonly FamilyInstance[], group: string): string[] {
  const roles = new Set<string>();
  for (const instance of instances) for (const constraint of instance.constraints) if (groupOf(constraint) === group) roles.add(constraint.id.split(':')[0]);
  return [...roles];
}

export interface EvolvedSettings {
  /** The rule the multipliers scale, per instance. */
  readonly base: ComputedPenaltyMethod;
  /** A group meets the target when this share of the training instances satisfies all its constraints. */
  readonly threshold: number;
  /** `searchWeights`' settings: factor of one move, evaluations allowed per pass, bisections after raising. */
  readonly step: number;
  readonly maxEvaluations: number;
  readonly refineSteps: number;
  /**
   * Passes of `searchWeights`, each from the previous pass's choice with its step square-rooted
   * (×2, then ×√2 …): the lowering phase moves one step at a time and has no bisection, so a
   * second, finer pass tries the weight between the last one that held and the one that did not.
   */
  readonly passes: number;
  /**
   * Percentage points of mean training gap that each halving of a group's multiplier below the
   * base rule must buy (the searched objective is the mean gap plus this price per halving): a
   * stand-in for the noise tolerance `searchWeights` lacks. Without it, a lowered vector whose gap
   * differs from the incumbent's by noise, or not at all (every portfolio is solved to 0 %), is
   * chosen for its smaller total weight, and ten training instances cannot tell the weight that
   * holds on every instance from one that sits at the edge (see the README).
   */
  readonly riskPricePerHalving: number;
}

export const DEFAULT_EVOLVED_SETTINGS: EvolvedSettings = { base: 'VLM', threshold: 0.99, step: 2, maxEvaluations: 8, refineSteps: 1, passes: 2, riskPricePerHalving: 0.1 };

/** What one family's training gave: the multipliers and every measurement behind them. */
export interface LearnedWeights {
  readonly family: FamilyName;
  readonly base: ComputedPenaltyMethod;
  /** Per group (constraint kind): the multiplier of the base rule. */
  readonly multipliers: Weights;
  /** Per group: the roles (constraint id prefixes) it holds, e.g. ONE_HOT → agent, task. */
  readonly roles: Readonly<Record<string, readonly string[]>>;
  /** The chosen vector's measurement on the training instances. */
  readonly chosen: TrainingMeasurement;
  /** Groups below the threshold on the training instances within the budget. */
  readonly unmet: readonly string[];
  /** Every distinct vector measured, in order (all passes). */
  readonly evaluations: readonly TrainingMeasurement[];
  /** Vectors `searchWeights` asked for, repeats included (a repeat is answered from the first measurement). */
  readonly vectorsAsked: number;
  readonly trainingInstances: number;
  readonly trainingSolves: number;
  readonly trainingMs: number;
}

export interface TrainingMeasurement {
  readonly pass: number;
  readonly multipliers: Weights;
  /** Per group: share of the training instances whose best sample satisfies every constraint of the group. */
  readonly feasibilityRates: Readonly<Record<string, number>>;
  /** Training instances whose best sample is feasible. */
  readonly feasible: number;
  /** Mean gap to the exact optimum (%) over the feasible best samples; null when none is. */
  readonly meanGapPercent: number | null;
  /** What `searchWeights` compared: the mean gap plus the risk price of the halvings below the base rule. */
  readonly searchedObjective: number | null;
}

/** Each constraint's weight: the base rule of the instance times its group's multiplier. */
export function scaledWeights(instance: FamilyInstance, base: ComputedPenaltyMethod, multipliers: Weights): ConstraintWeights {
  const baseWeight = penaltyWeightFor(base, instance.model);
  return new Map(
    instance.constraints.map((constraint) => {
      const multiplier = multipliers[groupOf(constraint)];
      if (multiplier === undefined) throw new Error(`${instance.name}: no multiplier learned for constraint group ${groupOf(constraint)} ("${constraint.id}")`);
      return [constraint.id, baseWeight * multiplier];
    }),
  );
}

/** Σ over groups of the halvings below multiplier 1 (the base rule itself): 0.5 → 1, 0.25 → 2, ≥ 1 → 0. */
export function halvingsBelowBase(multipliers: Weights): number {
  return Object.values(multipliers).reduce((sum, multiplier) => sum + Math.max(0, -Math.log2(multiplier)), 0);
}

/** A vector's measurement on the training instances, before any pricing. */
export interface FamilyMeasurement {
  readonly feasibilityRates: Readonly<Record<string, number>>;
  readonly feasible: number;
  readonly meanGapPercent: number | null;
  readonly outcomes: readonly InstanceOutcome[];
}

/**
 * The family's counterpart of `shadowEvaluator`: a multiplier vector is measured by solving every
 * training instance with it (the bench's solve: same engine, budget and seed as the evaluation);
 * per group, the share of instances whose best sample satisfies all of the group's constraints;
 * the mean relative gap (%) to the exact optimum over the feasible best samples, so instances of
 * different scale are comparable and lower is better.
 */
export async function measureOnFamily(training: readonly FamilyInstance[], base: ComputedPenaltyMethod, multipliers: Weights, solve: TrainingContext['solve']): Promise<FamilyMeasurement> {
  const satisfied = new Map<string, number>(Object.keys(multipliers).map((group) => [group, 0]));
  const gaps: number[] = [];
  const outcomes: InstanceOutcome[] = [];
  for (const instance of training) {
    const outcome = await solve(instance, scaledWeights(instance, base, multipliers));
    outcomes.push(outcome);
    const groupById = new Map<string, string>(instance.constraints.map((constraint) => [constraint.id, groupOf(constraint)]));
    const broken = new Set(outcome.unsatisfiedConstraints.map((id) => groupById.get(id)));
    for (const group of satisfied.keys()) if (!broken.has(group)) satisfied.set(group, satisfied.get(group)! + 1);
    if (outcome.feasible) gaps.push(outcome.gapPercent!);
  }
  return {
    feasibilityRates: Object.fromEntries([...satisfied].map(([group, count]) => [group, count / training.length])),
    feasible: gaps.length,
    meanGapPercent: gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null,
    outcomes,
  };
}

export interface EvolvedProvider extends WeightProvider {
  /** The multipliers learned so far, per family, with their evidence. */
  readonly learned: () => ReadonlyMap<FamilyName, LearnedWeights>;
}

/**
 * EVOLVED: per family, `searchWeights` from multiplier 1 on every group (the base rule itself):
 * it raises the groups below the threshold together, bisects, and lowers every always-satisfied
 * group while the (priced) training gap improves; a second pass does the same with a finer step
 * from the first one's choice. Every held-out instance then gets its own base rule times the
 * learned multipliers.
 */
export function evolvedProvider(settings: EvolvedSettings = DEFAULT_EVOLVED_SETTINGS): EvolvedProvider {
  const learned = new Map<FamilyName, LearnedWeights>();
  return {
    name: 'EVOLVED',
    description: `searchWeights (the search of evolveConstraints) over the family's training instances: a multiplier of ${settings.base} per constraint kind, threshold ${settings.threshold}, step ×${settings.step} then finer, ${settings.passes} pass(es) of at most ${settings.maxEvaluations} vectors, ${settings.riskPricePerHalving} gap point per halving below ${settings.base}`,
    learned: () => learned,
    train: async (family, training, context) => {
      const started = performance.now();
      const groups = [...new Set(training.flatMap((instance) => instance.constraints.map(groupOf)))];
      // Each distinct vector is solved once: the search asks for some again (a lowering step back onto a vector the raise measured, the next pass's start).
      const measured = new Map<string, { evaluation: Evaluation; measurement: TrainingMeasurement }>();
      let pass = 0;
      let asked = 0;
      const evaluate: Evaluate = async (weights) => {
        asked++;
        const known = measured.get(key(weights));
        if (known) return known.evaluation;
        const measurement = await measureOnFamily(training, settings.base, weights, context.solve);
        const searchedObjective = measurement.meanGapPercent === null ? null : measurement.meanGapPercent + settings.riskPricePerHalving * halvingsBelowBase(weights);
        const evaluation: Evaluation = { weights, feasibilityRates: measurement.feasibilityRates, meanFeasibleObjective: searchedObjective, solves: training.length };
        measured.set(key(weights), {
          evaluation,
          measurement: { pass, multipliers: weights, feasibilityRates: measurement.feasibilityRates, feasible: measurement.feasible, meanGapPercent: measurement.meanGapPercent, searchedObjective },
        });
        return evaluation;
      };
      let start: Weights = Object.fromEntries(groups.map((group) => [group, 1]));
      let step = settings.step;
      let result: SearchResult | undefined;
      for (pass = 1; pass <= settings.passes; pass++) {
        const searchSettings: SearchSettings = { threshold: settings.threshold, step, maxEvaluations: settings.maxEvaluations, refineSteps: settings.refineSteps, lowerWhenSatisfied: groups };
        result = await searchWeights(start, evaluate, searchSettings);
        start = result.chosen.weights;
        step = Math.sqrt(step);
      }
      const measurements = [...measured.values()].map(({ measurement }) => measurement);
      learned.set(family, {
        family,
        base: settings.base,
        multipliers: result!.chosen.weights,
        roles: Object.fromEntries(groups.map((group) => [group, rolesOf(training, group)])),
        chosen: measured.get(key(result!.chosen.weights))!.measurement,
        unmet: result!.unmet,
        evaluations: measurements,
        vectorsAsked: asked,
        trainingInstances: training.length,
        trainingSolves: measurements.length * training.length,
        trainingMs: Math.round(performance.now() - started),
      });
    },
    weightsFor: (instance) => {
      const family = learned.get(instance.family);
      if (!family) throw new Error(`EVOLVED has not been trained on the ${instance.family} family`);
      return scaledWeights(instance, family.base, family.multipliers);
    },
  };
}

/** Order-free identity of a vector, for the measurement cache. */
function key(weights: Weights): string {
  return JSON.stringify(Object.entries(weights).sort(([a], [b]) => a.localeCompare(b)));
}

/** One line per group: `ONE_HOT (vertex) ×1.41`. */
export function describeLearned(learnedWeights: LearnedWeights): string {
  const groups = Object.entries(learnedWeights.multipliers).map(([group, multiplier]) => `${group} (${learnedWeights.roles[group]?.join(', ')}) ×${round(multiplier)}`);
  const rates = Object.entries(learnedWeights.chosen.feasibilityRates).map(([group, rate]) => `${group} ${Math.round(100 * rate)}%`);
  const gap = learnedWeights.chosen.meanGapPercent === null ? '—' : `${learnedWeights.chosen.meanGapPercent.toFixed(3)}%`;
  const unmet = learnedWeights.unmet.length > 0 ? `; unmet on training: ${learnedWeights.unmet.join(', ')}` : '';
  return `${groups.join(', ')} of ${learnedWeights.base}; on training: ${rates.join(', ')} satisfied, mean gap ${gap}${unmet}; ${learnedWeights.evaluations.length} vectors measured (${learnedWeights.vectorsAsked} asked), ${learnedWeights.trainingSolves} solves, ${(learnedWeights.trainingMs / 1000).toFixed(1)} s`;
}

function round(value: number): number {
  return Number(value.toPrecision(3));
}
