/**
 * The seed's REST paths (its "API Integration" section), each the GraphQL operation that does that
 * job. The documents are the whole mapping: a variable of an input-object type is spread into the
 * request (its fields become the body's or query string's fields), every other variable is a field
 * of its own, named as the variable is (so `$scenarioData` reads the seed's `scenario_data`), and
 * the answer is the root field's selection. Everything else — snake_case names, enum spellings,
 * the OpenAPI document — is derived from these documents and the gateway's schema.
 *
 * Trusted-documents mode must accept these documents: REST_OPERATION_DOCUMENTS is the list to register.
 */
export interface RestEndpoint {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly summary: string;
  /** One named operation selecting one root field. */
  readonly document: string;
  /** The OpenAPI operationId when another path serves the same operation (ids are unique); the operation's name otherwise. */
  readonly operationId?: string;
}

const PREDICTED_PERFORMANCE = 'predictedPerformance { feasibilityProbability expectedObjective source solves }';
const SCHEDULE = `scheduleId tenantId policyId resourceType status cost coverage coverageTarget meetsCoverageTarget
    actions { actionId resourceType targetCapacity fromCapacity scheduledTime time status settledAt reason }
    shortfalls { time required capacity short }
    costLimitBinding start capacities required unitSize demandQuantile algorithm optimality shortfallLowerBound
    predictionIds requiresApproval proposedBy proposedAt approvedBy approvedAt appliedAt`;
const ALGORITHM = `id tenantId authorId name description category complexity status version publishedVersion currency
    licensePrices { licenseType price } ratingAverage ratingCount runs hasSource createdAt updatedAt publishedAt`;

const SUBMIT_ALGORITHM: RestEndpoint = {
  method: 'POST',
  path: '/phase2.1/community/submit-algorithm',
  summary: "The seed's submit_algorithm (GraphQL: submitAlgorithm).",
  document: `mutation SubmitAlgorithm($input: SubmitAlgorithmInput!) {
  submitAlgorithm(input: $input) {
    ${ALGORITHM}
  }
}`,
};

const DISCOVER_ALGORITHMS: RestEndpoint = {
  method: 'GET',
  path: '/phase2.1/community/discover-algorithms',
  summary: "The seed's discover_algorithms(search_criteria) (GraphQL: discoverAlgorithms).",
  document: `query DiscoverAlgorithms($criteria: DiscoverAlgorithmsInput!) {
  discoverAlgorithms(criteria: $criteria) {
    totalCount
    edges { cursor node { ${ALGORITHM} } }
    pageInfo { hasNextPage endCursor }
    facets { category { value count } complexity { value count } priceBands { value from to count } license { value count } }
  }
}`,
};

export const REST_ENDPOINTS: readonly RestEndpoint[] = [
  {
    method: 'POST',
    path: '/phase2.1/constraints/evolve',
    summary: "The seed's evolve_constraints (GraphQL: evolveConstraints).",
    document: `mutation EvolveConstraints($input: EvolveConstraintsInput!) {
  evolveConstraints(input: $input) {
    evolutionId tenantId status applied evolutionStrategy performanceThreshold triggeredBy evolvedAt
    updates { constraintId problemId oldParameters newParameters evolutionReason ${PREDICTED_PERFORMANCE} evidence }
    unmet { constraintId problemId bestFeasibilityRate reason }
  }
}`,
  },
  {
    method: 'POST',
    path: '/phase2.1/constraints/predict-performance',
    summary: "The seed's predict_constraint_performance(constraint_id, scenario_data) (GraphQL: predictConstraintPerformance).",
    document: `query PredictConstraintPerformance($constraintId: ID!, $scenarioData: JSON!) {
  predictConstraintPerformance(constraintId: $constraintId, scenario: $scenarioData) {
    constraintId feasibilityProbability expectedViolation expectedObjectiveGap interval { low high confidence } modelId modelVersion scenario
  }
}`,
  },
  {
    method: 'GET',
    path: '/phase2.1/constraints/evolution-history',
    summary: "Every change of a constraint's parameters, or of all the tenant's constraints, newest first (GraphQL: constraintEvolutionHistory).",
    document: `query ConstraintEvolutionHistory($tenantId: ID, $constraintId: ID) {
  constraintEvolutionHistory(tenantId: $tenantId, constraintId: $constraintId) {
    constraintId problemId evolutionReason oldParameters newParameters occurredAt actor evolutionId ${PREDICTED_PERFORMANCE} evidence
  }
}`,
  },
  {
    method: 'POST',
    path: '/phase2.1/scaling/predict-demand',
    summary: "The seed's predict_resource_demand (GraphQL: predictResourceDemand).",
    document: `mutation PredictResourceDemand($input: PredictResourceDemandInput!) {
  predictResourceDemand(input: $input) {
    predictionId tenantId resourceType modelId generatedAt startsAt startNote horizonHours intervalCoverage
    points { time expected lower upper } accuracy { wape mase coverage } warnings { code message } trigger requestedBy
  }
}`,
  },
  {
    method: 'POST',
    path: '/phase2.1/scaling/optimize-schedule',
    summary: "The seed's optimize_scaling_schedule (GraphQL: optimizeScalingSchedule).",
    document: `mutation OptimizeScalingSchedule($input: OptimizeScalingScheduleInput!) {
  optimizeScalingSchedule(input: $input) {
    ${SCHEDULE}
  }
}`,
  },
  {
    method: 'POST',
    path: '/phase2.1/scaling/apply-schedule',
    summary: 'Hands an approved schedule to the scheduler (GraphQL: applyScalingSchedule).',
    document: `mutation ApplyScalingSchedule($scheduleId: ID!) {
  applyScalingSchedule(scheduleId: $scheduleId) {
    ${SCHEDULE}
  }
}`,
  },
  {
    method: 'POST',
    path: '/phase2.1/enterprise/authenticate',
    summary: "The seed's authenticate_user: SAML, OIDC or LDAP sign-in (GraphQL: authenticate). Needs no token.",
    document: `mutation Authenticate($input: AuthenticateInput!) {
  authenticate(input: $input) {
    isAuthenticated userId sessionId roles accessToken refreshToken expiresAt sessionExpiresAt
  }
}`,
  },
  {
    method: 'POST',
    path: '/phase2.1/enterprise/compliance-check',
    summary: "The seed's enforce_compliance(operation, data) (GraphQL: checkCompliance).",
    document: `mutation CheckCompliance($tenantId: ID!, $operation: String!, $data: JSON, $timeoutMs: Int) {
  checkCompliance(tenantId: $tenantId, operation: $operation, data: $data, timeoutMs: $timeoutMs) {
    isCompliant violations { framework requirement message } evaluatedAt
  }
}`,
  },
  {
    method: 'POST',
    path: '/phase2.1/enterprise/audit-log',
    summary: "The seed's audit_log(user_id, action, details): appends an entry to the tenant's audit chain (GraphQL: recordAuditEntry).",
    document: `mutation RecordAuditEntry($input: RecordAuditEntryInput!) {
  recordAuditEntry(input: $input) {
    sequence tenantId actor action target outcome correlationId time details hash
  }
}`,
  },
  SUBMIT_ALGORITHM,
  DISCOVER_ALGORITHMS,
  {
    method: 'POST',
    path: '/phase2.1/community/purchase-algorithm',
    summary: "The seed's purchase_algorithm(algorithm_id, license_type) (GraphQL: purchaseAlgorithm).",
    document: `mutation PurchaseAlgorithm($input: PurchaseAlgorithmInput!) {
  purchaseAlgorithm(input: $input) {
    id tenantId algorithmId version licenseType status price currency buyerId invoiceId issuedAt endedAt endReason
  }
}`,
  },
  {
    method: 'POST',
    path: '/phase2.1/community/create-tutorial',
    summary: "The seed's create_tutorial (GraphQL: createTutorial).",
    document: `mutation CreateTutorial($input: CreateTutorialInput!) {
  createTutorial(input: $input) {
    id authorId title summary body bodyHtml algorithmIds tags version createdAt updatedAt
  }
}`,
  },
  // The collection path the issue names, as REST clients expect it: GET lists, POST submits.
  {
    ...DISCOVER_ALGORITHMS,
    path: '/phase2.1/community/algorithms',
    operationId: 'listAlgorithms',
    summary: 'The algorithms collection: the same search as discover-algorithms (GraphQL: discoverAlgorithms).',
  },
  {
    ...SUBMIT_ALGORITHM,
    path: '/phase2.1/community/algorithms',
    operationId: 'createAlgorithm',
    summary: 'The algorithms collection: the same submission as submit-algorithm (GraphQL: submitAlgorithm).',
  },
];

/** What trusted-documents mode registers so the REST endpoints keep working there. */
export const REST_OPERATION_DOCUMENTS: readonly string[] = [...new Set(REST_ENDPOINTS.map((endpoint) => endpoint.document))];
