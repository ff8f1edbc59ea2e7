import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../../platform/graphql/connection';
import { DateTimeScalar, JSONScalar } from '../../../schema/graphql/scalars';
import { SolverStrategy } from './optimization-types';

export enum SolveJobStatus {
  SUBMITTED = 'SUBMITTED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SolveJobStatus, { name: 'SolveJobStatus' });

@ObjectType({ description: 'A solve that runs in the background; follow it with the solveJobProgress subscription.' })
export class SolveJob {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  tenantId!: string;

  @Field(() => ID, { nullable: true })
  problemId?: string;

  @Field(() => SolveJobStatus)
  status!: SolveJobStatus;

  @Field(() => SolverStrategy, { description: 'As requested (AUTO until the job has run).' })
  strategy!: SolverStrategy;

  @Field(() => Int)
  timeLimitMs!: number;

  @Field(() => Int)
  seed!: number;

  @Field(() => Int)
  variableCount!: number;

  @Field(() => Int, { description: 'How many times the job was started; more than 1 after a restart interrupted it.' })
  attempt!: number;

  @Field(() => ID, { nullable: true, description: 'The marketplace algorithm whose recipe the job runs.' })
  algorithmId?: string;

  @Field(() => Int, { nullable: true })
  algorithmVersion?: number;

  @Field(() => Float, { nullable: true })
  bestEnergy?: number;

  @Field(() => Float, { nullable: true, description: 'Share of the budget used, 0–1.' })
  fractionOfBudget?: number;

  @Field(() => DateTimeScalar)
  submittedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt?: string;

  @Field(() => JSONScalar, { nullable: true, description: 'When completed: best objective and assignment, feasibility, times, flips, strategy used.' })
  result?: unknown;

  @Field(() => String, { nullable: true })
  failureReason?: string;

  @Field(() => Boolean, { nullable: true, description: 'Whether submitting the same job again may succeed.' })
  retryable?: boolean;
}

@ObjectType()
export class SolveJobConnection extends Connection(SolveJob) {}

/** One event of a job, as the `solveJobProgress` subscription delivers it. */
@ObjectType()
export class SolveJobProgress {
  @Field(() => ID)
  jobId!: string;

  @Field(() => String, { description: 'SolveJobStarted, SolveJobProgressed, SolveJobCompleted, SolveJobFailed or SolveJobCancelled.' })
  type!: string;

  @Field(() => SolveJobStatus)
  status!: SolveJobStatus;

  @Field(() => Int, { nullable: true, description: 'The attempt a start or progress belongs to: a job interrupted by a restart or a lost runner is run again as the next attempt.' })
  attempt?: number;

  @Field(() => Float, { nullable: true })
  bestEnergy?: number;

  @Field(() => Float, { nullable: true })
  elapsedMs?: number;

  @Field(() => Float, { nullable: true })
  fractionOfBudget?: number;

  @Field(() => JSONScalar)
  data!: unknown;
}

/** Executed by the gateway's graphql-ws endpoint from the event store (see the enterprise subgraph's tenantEvents). */
export const SOLVE_JOB_PROGRESS_SUBSCRIPTION_SDL = `
type Subscription {
  "Live progress of one solve job, ending with its completion, failure or cancellation. Served over graphql-ws at the gateway's /graphql."
  solveJobProgress(jobId: ID!): SolveJobProgress!
}
`;
