import { ROLES, type Role } from '../../../platform/auth/auth-context';
import { permit, permitService, SHARED_CONTENT, tenantArgument, tenantOwning, type PermissionTable } from '../../../platform/graphql/permissions/permission-table';
import { OPTIMIZATION_ALGORITHMS_COLLECTION } from '../../../schema/read-models/algorithm-runs';
import { CONSTRAINTS_COLLECTION, PROBLEMS_COLLECTION, SOLVE_JOBS_COLLECTION } from '../../../schema/read-models/optimization';
import { EVOLUTIONS_COLLECTION } from '../../../schema/read-models/evolutions';
import { EVOLUTION_TRIGGERS_COLLECTION } from '../../../schema/read-models/evolution-triggers';

const EVERY_ROLE: readonly Role[] = ROLES;
/** Those who model and solve; auditors and viewers only read. */
const OPTIMIZERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'ANALYST', 'DEVELOPER'];

/** Those who answer for a tenant's changes. */
const EVOLUTION_APPROVERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN'];

const inTenantArgument = tenantArgument('tenantId');
const inInputTenant = tenantArgument('input.tenantId');

/** The background runner of solve jobs (subgraphs/optimization/jobs). */
export const SOLVE_JOB_RUNNER = 'solve-job-runner';
/** The background retrainer of prediction models (subgraphs/optimization/prediction). */
export const MODEL_RETRAINER = 'model-retrainer';
/** The background runner of evolution triggers (subgraphs/optimization/triggers). */
export const EVOLUTION_TRIGGER_RUNNER = 'evolution-trigger-runner';
/** Records the benchmarks of marketplace algorithms in their listing owner's tenant (subgraphs/optimization/algorithms). */
export const ALGORITHM_BENCHMARKER = 'algorithm-benchmarker';

/** Who may benchmark a listing: its author's tenant's developers and admins (the resolver checks the tenant), and those who review listings. */
const BENCHMARKERS: readonly Role[] = ['DEVELOPER', 'TENANT_ADMIN', 'MODERATOR', 'PLATFORM_ADMIN'];

/**
 * Who may call each optimization operation (README, "Roles") and which tenant it acts on; the
 * shield, the compliance guard and the audit all take the tenant from here.
 */
export const OPTIMIZATION_PERMISSIONS = {
  'Query.problem': permit(EVERY_ROLE, tenantOwning(PROBLEMS_COLLECTION, 'id', 'Problem')),
  'Query.problems': permit(EVERY_ROLE, inTenantArgument),
  'Query.constraints': permit(EVERY_ROLE, inTenantArgument),
  'Query.solveJob': permit(EVERY_ROLE, tenantOwning(SOLVE_JOBS_COLLECTION, 'id', 'Solve job')),
  'Query.solveJobs': permit(EVERY_ROLE, inTenantArgument),
  // How constraints perform is read like the problems themselves.
  'Query.constraintPerformance': permit(EVERY_ROLE, tenantOwning(CONSTRAINTS_COLLECTION, 'constraintId', 'Constraint')),
  'Query.tenantPerformance': permit(EVERY_ROLE, inTenantArgument),
  // Runs shadow solves, as solving does.
  'Mutation.measureConstraintPrice': permit(OPTIMIZERS, tenantOwning(CONSTRAINTS_COLLECTION, 'constraintId', 'Constraint')),
  // Evolution changes a tenant's constraints: those who model and solve start it; everyone reads its history.
  'Mutation.evolveConstraints': permit(OPTIMIZERS, inInputTenant),
  // By tenant (checked here) or by constraint (the resolver checks its owner, a removed constraint's history included).
  'Query.constraintEvolutionHistory': permit(EVERY_ROLE, inTenantArgument),
  'Query.evolutions': permit(EVERY_ROLE, inTenantArgument),
  // SOC2 CC8.1: a proposed evolution is approved (or rejected) by one who answers for the tenant, never by its proposer.
  'Mutation.approveEvolution': permit(EVOLUTION_APPROVERS, tenantOwning(EVOLUTIONS_COLLECTION, 'evolutionId', 'Evolution')),
  'Mutation.rejectEvolution': permit(EVOLUTION_APPROVERS, tenantOwning(EVOLUTIONS_COLLECTION, 'evolutionId', 'Evolution')),
  // Triggers and market changes start evolutions: those who may evolve define and feed them.
  'Mutation.createEvolutionTrigger': permit(OPTIMIZERS, inInputTenant),
  'Mutation.updateEvolutionTrigger': permit(OPTIMIZERS, tenantOwning(EVOLUTION_TRIGGERS_COLLECTION, 'triggerId', 'Evolution trigger')),
  'Query.evolutionTriggers': permit(EVERY_ROLE, inTenantArgument),
  'Mutation.recordMarketChange': permit(OPTIMIZERS, inTenantArgument),
  // The prediction model: those who may evolve train it; everyone reads it and asks it about the tenant's constraints.
  'Mutation.trainModels': permit(OPTIMIZERS, inTenantArgument),
  'Query.constraintEvolutionModels': permit(EVERY_ROLE, inTenantArgument),
  'Query.predictConstraintPerformance': permit(EVERY_ROLE, tenantOwning(CONSTRAINTS_COLLECTION, 'constraintId', 'Constraint')),
  'Mutation.createProblem': permit(OPTIMIZERS, inInputTenant),
  'Mutation.createProblemFromTemplate': permit(OPTIMIZERS, inInputTenant),
  'Mutation.createProblemFromFile': permit(OPTIMIZERS, inInputTenant),
  'Mutation.addConstraint': permit(OPTIMIZERS, tenantOwning(PROBLEMS_COLLECTION, 'input.problemId', 'Problem')),
  'Mutation.updateConstraint': permit(OPTIMIZERS, tenantOwning(CONSTRAINTS_COLLECTION, 'constraintId', 'Constraint')),
  'Mutation.removeConstraint': permit(OPTIMIZERS, tenantOwning(CONSTRAINTS_COLLECTION, 'constraintId', 'Constraint')),
  'Mutation.optimizeQubo': permit(OPTIMIZERS, inInputTenant),
  'Mutation.optimizeMultiObjective': permit(OPTIMIZERS, inInputTenant),
  'Mutation.submitSolveJob': permit(OPTIMIZERS, inInputTenant),
  'Mutation.cancelSolveJob': permit(OPTIMIZERS, tenantOwning(SOLVE_JOBS_COLLECTION, 'id', 'Solve job')),
  // A marketplace algorithm's runs are its author's business: another tenant learns nothing, not even that it exists.
  'Query.algorithmUsage': permit(EVERY_ROLE, tenantOwning(OPTIMIZATION_ALGORITHMS_COLLECTION, 'algorithmId', 'Algorithm')),
  // Benchmarks are evidence on a shared listing (the resolver keeps an unapproved one's to its author's tenant and the moderators).
  'Query.algorithmBenchmarks': permit(EVERY_ROLE, SHARED_CONTENT),
  // Acted on by an author or a moderator from the operators' tenant: the resolver checks the listing's tenant, and the benchmarker records it there.
  'Mutation.benchmarkAlgorithm': permit(BENCHMARKERS, SHARED_CONTENT),
  'Service.benchmarkAlgorithm': permitService([ALGORITHM_BENCHMARKER], tenantOwning(OPTIMIZATION_ALGORITHMS_COLLECTION, 'algorithmId', 'Algorithm')),
  // Runs, records the progress of, completes or fails a job submitted through submitSolveJob.
  'Service.runSolveJob': permitService([SOLVE_JOB_RUNNER], tenantOwning(SOLVE_JOBS_COLLECTION, 'id', 'Solve job')),
  // Records a trigger's firing, then runs the evolution it asks for, in the trigger's tenant.
  'Service.fireEvolutionTrigger': permitService([EVOLUTION_TRIGGER_RUNNER], tenantOwning(EVOLUTION_TRIGGERS_COLLECTION, 'triggerId', 'Evolution trigger')),
  'Service.evolveConstraints': permitService([EVOLUTION_TRIGGER_RUNNER], tenantOwning(EVOLUTION_TRIGGERS_COLLECTION, 'triggerId', 'Evolution trigger')),
  // Retrains a tenant's model once enough outcomes were recorded since its newest one.
  'Service.retrainModels': permitService([MODEL_RETRAINER], inTenantArgument),
} satisfies PermissionTable;
