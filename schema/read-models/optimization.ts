import type { ConstraintDefinition, QuboDefinition } from '../events/optimization-events';

export const PROBLEMS_COLLECTION = 'problems';
export const CONSTRAINTS_COLLECTION = 'constraints';

export interface ProblemDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly definition: QuboDefinition;
  readonly variableCount: number;
  readonly quadraticTermCount: number;
  readonly constraintCount: number;
  readonly createdAt: string;
  readonly [field: string]: unknown;
}

export interface ConstraintDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly problemId: string;
  readonly kind: ConstraintDefinition['kind'];
  readonly penaltyWeight: number;
  readonly penaltyMethod: ConstraintDefinition['penaltyMethod'];
  readonly definition: ConstraintDefinition;
  /** 1 when added, +1 per update. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastEvolutionReason?: string;
  readonly [field: string]: unknown;
}

export const SOLVE_JOBS_COLLECTION = 'solve_jobs';

export interface SolveJobDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly problemId: string | null;
  readonly status: 'SUBMITTED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  readonly strategy: string;
  readonly timeLimitMs: number;
  readonly seed: number;
  readonly variableCount: number;
  readonly attempt: number;
  readonly submittedAt: string;
  /** The marketplace algorithm whose recipe the job runs. */
  readonly algorithmId?: string;
  readonly algorithmVersion?: number;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly bestEnergy?: number;
  readonly elapsedMs?: number;
  readonly fractionOfBudget?: number;
  readonly result?: Readonly<Record<string, unknown>>;
  readonly failureReason?: string;
  readonly retryable?: boolean;
  readonly [field: string]: unknown;
}

/** `Tenant.optimizationProfile`: one document per tenant. */
export const OPTIMIZATION_PROFILES_COLLECTION = 'optimization_tenant_profiles';
/** The last known status of each job, so the profile's counts move jobs between statuses exactly. */
export const OPTIMIZATION_PROFILE_JOBS_COLLECTION = 'optimization_profile_job_statuses';

export type JobCounts = Readonly<Record<SolveJobDocument['status'], number>>;

export interface OptimizationProfileDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly createdAt: string;
  readonly problemCount: number;
  readonly jobCounts: JobCounts;
  readonly cpuSecondsUsed: number;
  readonly [field: string]: unknown;
}
