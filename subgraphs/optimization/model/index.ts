/**
 * The optimization subgraph's modelling layer: QUBO models, their inputs, constraints compiled to
 * penalties, evaluation of solutions and problem templates. Pure computation; the only input it
 * reads is what callers hand it (strings or bytes for files).
 */
export { QuboModel, RESERVED_VARIABLE_PREFIX, type ObjectiveSense } from './qubo-model';
export { QuboModelError, ModelErrorCode } from './model-error';
export { DEFAULT_MODEL_LIMITS, type ModelLimits } from './model-limits';
export type { LinearTerm, QuadraticTerm } from './terms';
export { toCompiledQubo, compiledQuboEnergy } from './compiled-qubo-builder';

export { parseQuboInput, type QuboInput, type InputOptions } from './input/qubo-input';
export { toQuboInput } from './input/to-qubo-input';
export { parseQuboJson } from './input/qubo-json';
export { parseUpperTriangularMatrix, type MatrixOptions } from './input/upper-triangular-matrix';
export { parseMatrixText, type MatrixTextOptions } from './input/matrix-text';
export { parseBqp, type BqpOptions } from './input/orlib-bqp';
export { parseGset, type GsetOptions } from './input/gset';
export { bestKnownValue, BQP_BEST_KNOWN, GSET_BEST_KNOWN } from './input/best-known';

export type {
  Constraint,
  ConstraintKind,
  LinearEqualityConstraint,
  LinearInequalityConstraint,
  OneHotConstraint,
  AtMostKConstraint,
  CustomPenaltyConstraint,
} from './constraints/constraint';
export { CONSTRAINT_KINDS } from './constraints/constraint';
export { compileProblem, type CompiledProblem, type CompiledConstraint, type SlackVariable, type CompileOptions } from './compile-problem';
export { optimiseSlack, type PenaltyForm } from './constraints/penalty-form';
export { evaluateSolution, type Assignment, type SolutionEvaluation, type ConstraintEvaluation } from './evaluate-solution';

export type { TemplateProblem } from './templates/template-result';
export { defaultPenaltyWeight, objectiveSpan } from './templates/penalty-weight';
export { portfolioTemplate, type PortfolioInput } from './templates/portfolio';
export { maxCutTemplate, type MaxCutInput } from './templates/max-cut';
export { knapsackTemplate, type KnapsackInput } from './templates/knapsack';
export { assignmentTemplate, type AssignmentInput } from './templates/assignment';
export { graphColouringTemplate, type GraphColouringInput } from './templates/graph-colouring';
export { penaltyWeightFor, qiskitDefaultPenalty, PENALTY_METHODS, type PenaltyMethod, type ComputedPenaltyMethod } from './penalties/penalty-methods';
