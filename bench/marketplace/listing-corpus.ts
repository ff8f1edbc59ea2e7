import type { AlgorithmRecipe } from '../../schema/events/algorithm-events';
import type { SubmissionInput } from '../../subgraphs/community/marketplace/validation/check-submission';
import { ALGORITHM_CATEGORIES, ALGORITHM_COMPLEXITIES } from '../../subgraphs/community/marketplace/validation/listing-vocabulary';
import { Xoshiro128 } from '../../subgraphs/optimization/engine/prng';

/**
 * Marketplace listings as authors would write them, drawn from a seeded generator: each category's
 * own problems, the engine's methods, prices spread like a real catalogue (some free, most cheap, a
 * long tail), so that facets, price bands and text search meet realistic data. Words shared by
 * most listings ("optimisation", "solver") are there too: searches for them match almost all.
 */
type Category = (typeof ALGORITHM_CATEGORIES)[number];

const PROBLEMS: Readonly<Record<Category, readonly string[]>> = {
  Finance: ['portfolio selection', 'index tracking', 'asset allocation', 'risk parity', 'option hedging', 'bond ladder construction', 'credit feature selection', 'cash management'],
  Logistics: ['vehicle routing', 'bin packing', 'warehouse slotting', 'last-mile delivery', 'container loading', 'facility location', 'pickup and delivery', 'fleet sizing'],
  Scheduling: ['job shop scheduling', 'nurse rostering', 'shift planning', 'exam timetabling', 'flow shop sequencing', 'maintenance windows', 'crew pairing', 'project scheduling'],
  Energy: ['unit commitment', 'grid balancing', 'battery dispatch', 'demand response', 'wind farm layout', 'microgrid sizing', 'charging station placement', 'hydro reservoir planning'],
  Telecom: ['frequency assignment', 'base station placement', 'network slicing', 'channel allocation', 'fibre routing', 'antenna tilt tuning', 'spectrum auctions', 'backhaul design'],
  Graph: ['max-cut', 'graph colouring', 'community detection', 'maximum independent set', 'graph partitioning', 'clique finding', 'vertex cover', 'Steiner trees'],
  General: ['quadratic assignment', 'knapsack', 'set cover', 'satisfiability', 'feature selection', 'quadratic unconstrained binary optimisation', 'number partitioning', 'spin glass ground states'],
};
const PROBLEM_CLASSES: Readonly<Record<Category, readonly string[]>> = {
  Finance: ['portfolio', 'knapsack'],
  Logistics: ['assignment', 'knapsack', 'general'],
  Scheduling: ['assignment', 'general'],
  Energy: ['knapsack', 'general'],
  Telecom: ['assignment', 'max-cut'],
  Graph: ['max-cut', 'bqp'],
  General: ['bqp', 'general', 'knapsack'],
};
const METHODS = [
  { strategy: 'SA', noun: 'annealer', phrase: 'simulated annealing with a geometric schedule' },
  { strategy: 'SA', noun: 'tempering solver', phrase: 'parallel tempering across replicas' },
  { strategy: 'TABU', noun: 'tabu search', phrase: 'tabu search with an elite pool' },
  { strategy: 'TABU', noun: 'local search', phrase: 'multi-start local search with tabu memory' },
  { strategy: 'AUTO', noun: 'hybrid solver', phrase: "the engine's adaptive choice between annealing and tabu search" },
] as const;
const ADJECTIVES = ['Adaptive', 'Fast', 'Robust', 'Lightweight', 'Parallel', 'Warm-start', 'Constraint-aware', 'Greedy-seeded', 'Industrial', 'Compact', 'Incremental', 'Precise'];
const AUDIENCES = ['small teams', 'analysts', 'operations researchers', 'planners', 'trading desks', 'utilities', 'carriers', 'hospitals', 'universities', 'manufacturers'];
const BENEFITS = ['feasible answers within seconds', 'tight gaps on benchmark sets', 'stable results across restarts', 'good solutions under tight time budgets', 'a penalty formulation tuned for hard constraints', 'predictable runtime on large instances'];
const CURRENCIES = ['USD', 'USD', 'USD', 'USD', 'EUR', 'EUR', 'GBP', 'CHF'];
const LICENSE_TERMS = [
  'Use within your organisation; no redistribution.',
  'Commercial use permitted for the licensed tenant; attribution appreciated.',
  'Evaluation and production use by the buyer only; no resale of results as a service.',
];

export interface CorpusListing {
  readonly input: SubmissionInput;
  /** The stars of the few ratings the listing gets: none for most listings. */
  readonly ratings: readonly number[];
}

export class ListingCorpus {
  private readonly random: Xoshiro128;

  constructor(seed: number) {
    this.random = new Xoshiro128(seed);
  }

  /** The next listing; `serial` makes its documentation, and so its content hash, its own. */
  next(serial: number): CorpusListing {
    const category = this.pick(ALGORITHM_CATEGORIES);
    const problem = this.pick(PROBLEMS[category]);
    const method = this.pick(METHODS);
    const adjective = this.pick(ADJECTIVES);
    const audience = this.pick(AUDIENCES);
    const benefit = this.pick(BENEFITS);
    const price = this.price();
    const recipe = this.recipe(method.strategy, category);
    const name = `${adjective} ${problem} ${method.noun}`;
    const description = `${capitalised(method.phrase)} for ${problem} problems, built for ${audience}: ${benefit}. A ready-made optimisation recipe for the ${category.toLowerCase()} solver catalogue.`;
    const documentation = [
      `# ${name}`,
      '',
      `This recipe solves **${problem}** by ${method.phrase}. It formulates the problem as a QUBO with penalty terms and runs Goliath's optimisation engine with the parameters below.`,
      '',
      '## When to use it',
      '',
      `- ${capitalised(problem)} instances with ${100 * (1 + this.random.nextInt(50))} to ${1000 * (1 + this.random.nextInt(20))} binary variables`,
      `- Teams that need ${benefit}`,
      '',
      '## Parameters',
      '',
      '```json',
      JSON.stringify(recipe.parameters ?? {}),
      '```',
      '',
      `Release ${serial}: tuned on ${5 + this.random.nextInt(60)} instances; the time limit is ${recipe.timeLimitMs} ms per run.`,
    ].join('\n');
    const ratings = this.random.nextFloat() < 0.3 ? Array.from({ length: 1 + this.random.nextInt(3) }, () => 1 + this.random.nextInt(5)) : [];
    return {
      input: {
        name,
        description,
        category,
        complexity: this.pick(ALGORITHM_COMPLEXITIES),
        price,
        currency: this.pick(CURRENCIES),
        licenseTerms: this.pick(LICENSE_TERMS),
        recipe,
        documentation,
      },
      ratings,
    };
  }

  /** Personal licence prices: 15 % free, the rest spread log-uniformly-ish from about 4 to 1,400 (half under 100); whole or .99. */
  private price(): number {
    if (this.random.nextFloat() < 0.15) return 0;
    const raw = Math.exp(Math.log(5) + this.random.nextFloat() * Math.log(1000)) ** 0.85;
    return this.random.nextFloat() < 0.5 ? Math.round(raw) || 1 : Math.floor(raw) + 0.99;
  }

  private recipe(strategy: AlgorithmRecipe['strategy'], category: Category): AlgorithmRecipe {
    const timeLimitMs = 500 * (1 + this.random.nextInt(20));
    const classes = PROBLEM_CLASSES[category].filter(() => this.random.nextFloat() < 0.7);
    const problemClasses = classes.length > 0 ? classes : [PROBLEM_CLASSES[category][0]];
    const parameters =
      strategy === 'TABU'
        ? { tabuIterations: 1000 * (1 + this.random.nextInt(100)), tabuStallIterations: 100 * (1 + this.random.nextInt(50)), eliteSize: 1 + this.random.nextInt(20), restarts: 1 + this.random.nextInt(8) }
        : { sweeps: 100 * (1 + this.random.nextInt(100)), schedule: this.pick(['geometric', 'linear'] as const), betaRange: { start: 0.1, end: 1 + this.random.nextInt(10) }, restarts: 1 + this.random.nextInt(8) };
    return { strategy, timeLimitMs, parameters, problemClasses };
  }

  private pick<T>(values: readonly T[]): T {
    return values[this.random.nextInt(values.length)];
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
