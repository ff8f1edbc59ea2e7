import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../../schema/graphql/scalars';

@ObjectType({ description: "One version's share of a marketplace algorithm's runs." })
export class AlgorithmVersionUsage {
  @Field(() => Int)
  version!: number;

  @Field(() => Int)
  runs!: number;

  @Field(() => Float)
  cpuSeconds!: number;
}

@ObjectType({ description: "How often a marketplace algorithm's recipe ran (optimizeQubo and solve jobs of every tenant), for its author." })
export class AlgorithmUsage {
  @Field(() => ID)
  algorithmId!: string;

  @Field(() => Int)
  runs!: number;

  @Field(() => Float, { description: 'CPU time of its runs: measured for jobs, solver threads × wall time for synchronous solves.' })
  cpuSeconds!: number;

  @Field(() => [AlgorithmVersionUsage], { description: 'Ascending by version; versions never run are left out.' })
  byVersion!: AlgorithmVersionUsage[];

  @Field(() => DateTimeScalar, { nullable: true })
  lastRunAt?: string;
}

@ObjectType({ description: 'One instance of the benchmark set solved with the recipe. Energies in the minimisation form (an OR-Library or Max-Cut maximum negated).' })
export class AlgorithmBenchmarkInstanceResult {
  @Field(() => String, { description: '`bqp50.1`, `G11`, or a seeded instance `random-50-seed1`.' })
  instance!: string;

  @Field(() => Int)
  variables!: number;

  @Field(() => Float, { nullable: true, description: 'The published best-known value; null for seeded instances.' })
  bestKnown?: number | null;

  @Field(() => Float)
  bestEnergy!: number;

  @Field(() => Float, { nullable: true, description: '(bestEnergy − bestKnown) / |bestKnown| × 100: 0 reaches the best-known value.' })
  gapPercent?: number | null;

  @Field(() => Float)
  timeToBestMs!: number;

  @Field(() => Float)
  totalTimeMs!: number;
}

@ObjectType({ description: "A version's recipe measured on the published benchmark set (BENCHMARK_INSTANCES_PATH, or seeded instances)." })
export class AlgorithmBenchmark {
  @Field(() => ID)
  algorithmId!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: 'The folder of instances, or `seeded-random`.' })
  benchmarkSet!: string;

  @Field(() => [AlgorithmBenchmarkInstanceResult])
  results!: AlgorithmBenchmarkInstanceResult[];

  @Field(() => DateTimeScalar)
  benchmarkedAt!: string;
}
