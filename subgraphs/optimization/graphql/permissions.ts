import type { Role } from '../../../platform/auth/auth-context';
import type { PermissionTable } from '../../../platform/graphql/permissions/permission-table';

const EVERY_ROLE: readonly Role[] = ['platform-admin', 'tenant-admin', 'analyst', 'developer', 'auditor', 'viewer'];
/** Those who model and solve; auditors and viewers only read. */
const OPTIMIZERS: readonly Role[] = ['platform-admin', 'tenant-admin', 'analyst', 'developer'];

/** Who may call each optimization operation (README, "Roles"); tenant scope is checked as well. */
export const OPTIMIZATION_PERMISSIONS = {
  'Query.problem': EVERY_ROLE,
  'Query.problems': EVERY_ROLE,
  'Query.constraints': EVERY_ROLE,
  'Query.solveJob': EVERY_ROLE,
  'Query.solveJobs': EVERY_ROLE,
  'Mutation.createProblem': OPTIMIZERS,
  'Mutation.addConstraint': OPTIMIZERS,
  'Mutation.updateConstraint': OPTIMIZERS,
  'Mutation.removeConstraint': OPTIMIZERS,
  'Mutation.optimizeQubo': OPTIMIZERS,
  'Mutation.optimizeMultiObjective': OPTIMIZERS,
  'Mutation.submitSolveJob': OPTIMIZERS,
  'Mutation.cancelSolveJob': OPTIMIZERS,
} satisfies PermissionTable;
