import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONScalar } from '../../../schema/graphql/scalars';
import { ConstraintInput, ConstraintKind } from './constraint-types';
import { Qubo } from './qubo-types';

export enum SolverStrategy {
  SA = 'SA',
  TABU = 'TABU',
  AUTO = 'AUTO',
}
registerEnumType(SolverStrategy, {
  name: 'SolverStrategy',
  description: 'SA: simulated annealing (sparse problems). TABU: tabu search (dense or small problems). AUTO: tabu when n ≤ 64 or ≥ 5 % of pairs are coupled, otherwise SA.',
});

@InputType({ description: 'Either a stored problem (its live constraints apply) or a QUBO given inline; extra constraints are added to either.' })
export class OptimizeQuboInput {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => ID, { nullable: true })
  problemId?: string;

  @Field(() => Qubo, { nullable: true })
  qubo?: Qubo;

  @Field(() => [ConstraintInput], { nullable: true })
  constraints?: ConstraintInput[];

  @Field(() => SolverStrategy, { nullable: true, description: "AUTO when left out (or the algorithm's recipe's strategy)." })
  strategy?: SolverStrategy;

  @Field(() => Int, { nullable: true, description: "Milliseconds to search; 1000 when left out (or the algorithm's recipe's, within the cap); at most the server cap (OPTIMIZE_MAX_TIME_MS)." })
  timeLimitMs?: number;

  @Field(() => Int, { nullable: true, description: 'Same seed, same worker count and a budget instead of a time limit give the same answer.' })
  seed?: number;

  @Field(() => Int, { nullable: true, description: "Distinct best samples to return (default 5, or the algorithm's recipe's; at most 100)." })
  numSamples?: number;

  @Field(() => ID, {
    nullable: true,
    description:
      "A marketplace algorithm whose recipe runs the solve: its strategy, time limit, samples and engine parameters, each overridden by this input's own field. Runs with an active licence of the input's tenant, or as the listing's author; else LICENSE_REQUIRED. Each run is metered to the listing.",
  })
  algorithmId?: string;

  @Field(() => Int, { nullable: true, description: "The algorithm's version to run; without it, the newest version the tenant is licensed for (the author: the newest approved)." })
  algorithmVersion?: number;
}

@ObjectType()
export class VariableValue {
  @Field(() => String)
  variable!: string;

  @Field(() => Int)
  value!: number;
}

@ObjectType()
export class ConstraintResult {
  @Field(() => String)
  constraintId!: string;

  @Field(() => ConstraintKind)
  kind!: ConstraintKind;

  @Field(() => Float)
  penaltyWeight!: number;

  @Field(() => Float, { description: 'The penalty this sample pays for the constraint (weight included).' })
  penalty!: number;

  @Field(() => Float, { description: 'How far the constraint is missed, in its own units; 0 when satisfied.' })
  violation!: number;

  @Field(() => Boolean)
  satisfied!: boolean;
}

@ObjectType({ description: 'One sample, evaluated against the problem as stated.' })
export class Solution {
  @Field(() => [VariableValue], { description: "The problem's own variables (slack variables left out)." })
  assignment!: VariableValue[];

  @Field(() => Float, { description: 'Objective plus penalties: what the engine minimised.' })
  energy!: number;

  @Field(() => Float, { description: 'The objective alone, in the sense the problem was written in.' })
  objective!: number;

  @Field(() => Boolean)
  feasible!: boolean;

  @Field(() => [ConstraintResult])
  constraintResults!: ConstraintResult[];
}

@ObjectType()
export class TracePoint {
  @Field(() => Float)
  ms!: number;

  @Field(() => Float)
  energy!: number;
}

@ObjectType()
export class OptimizationResult {
  @Field(() => ID)
  runId!: string;

  @Field(() => SolverStrategy, { description: 'The strategy that ran (AUTO resolved).' })
  strategy!: SolverStrategy;

  @Field(() => JSONScalar, { description: 'Every engine parameter used: seed, schedule, β range, tabu settings, workers, and the kernel that ran the inner loops (wasm or js).' })
  parameters!: unknown;

  @Field(() => Solution)
  best!: Solution;

  @Field(() => [Solution], { description: 'Distinct samples, lowest energy first.' })
  samples!: Solution[];

  @Field(() => Float)
  timeToBestMs!: number;

  @Field(() => Float)
  totalTimeMs!: number;

  @Field(() => GraphQLSafeInt)
  flipsAttempted!: number;

  @Field(() => String, { description: 'budget, time, target or cancelled.' })
  stoppedBy!: string;

  @Field(() => [TracePoint], { description: 'Best energy over time.' })
  trace!: TracePoint[];
}
