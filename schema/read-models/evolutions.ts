import type { ConstraintsEvolved } from '../events/evolution-events';

/** Each evolveConstraints run with where it stands: applied, a dry run, or proposed → approved / rejected. */
export const EVOLUTIONS_COLLECTION = 'evolutions';

export type EvolutionDocument = ConstraintsEvolved['data'] & {
  readonly id: string;
  readonly status: 'APPLIED' | 'DRY_RUN' | 'PROPOSED' | 'APPROVED' | 'REJECTED';
  /** Who approved or rejected a proposal, when, and (rejected) why. */
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly rejectionReason?: string;
  readonly [field: string]: unknown;
};
