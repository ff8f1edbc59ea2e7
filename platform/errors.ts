import { GraphQLError } from 'graphql';

/**
 * Stable `extensions.code` values. Clients branch on these, so a code once published is never
 * renamed; its message says what to do about it.
 */
export const ErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  QueryTooComplex: 'QUERY_TOO_COMPLEX',
  ReadModelLagging: 'READ_MODEL_LAGGING',
  DevelopmentTokenRefused: 'DEVELOPMENT_TOKEN_REFUSED',
  RateLimited: 'RATE_LIMITED',
  UnsupportedApiVersion: 'UNSUPPORTED_API_VERSION',
  // Sign-in and sessions (issue 4). Wrong password and unknown user share one code on purpose.
  InvalidCredentials: 'INVALID_CREDENTIALS',
  AccountLocked: 'ACCOUNT_LOCKED',
  IdentityProviderNotConfigured: 'IDENTITY_PROVIDER_NOT_CONFIGURED',
  IdentityProviderUnavailable: 'IDENTITY_PROVIDER_UNAVAILABLE',
  SessionRevoked: 'SESSION_REVOKED',
  SessionExpired: 'SESSION_EXPIRED',
  RefreshTokenReused: 'REFRESH_TOKEN_REUSED',
  // Compliance (issue 4).
  ComplianceViolation: 'COMPLIANCE_VIOLATION',
  ComplianceCheckTimeout: 'COMPLIANCE_CHECK_TIMEOUT',
  // OIDC id-token verification (issue 4): each names the check the token failed.
  OidcTokenInvalid: 'OIDC_TOKEN_INVALID',
  OidcTokenExpired: 'OIDC_TOKEN_EXPIRED',
  OidcTokenNotYetValid: 'OIDC_TOKEN_NOT_YET_VALID',
  OidcIssuerMismatch: 'OIDC_ISSUER_MISMATCH',
  OidcAudienceMismatch: 'OIDC_AUDIENCE_MISMATCH',
  OidcNonceMismatch: 'OIDC_NONCE_MISMATCH',
  OidcAlgorithmRefused: 'OIDC_ALGORITHM_REFUSED',
  // SAML sign-in refusals (issue 4): one code per reason so support can tell an attack from a misconfiguration.
  SamlResponseMalformed: 'SAML_RESPONSE_MALFORMED',
  SamlResponseUnsigned: 'SAML_RESPONSE_UNSIGNED',
  SamlSignatureInvalid: 'SAML_SIGNATURE_INVALID',
  SamlDigestMismatch: 'SAML_DIGEST_MISMATCH',
  SamlSignatureWrapping: 'SAML_SIGNATURE_WRAPPING',
  SamlNameIdComment: 'SAML_NAMEID_COMMENT',
  SamlStatusNotSuccess: 'SAML_STATUS_NOT_SUCCESS',
  SamlIssuerMismatch: 'SAML_ISSUER_MISMATCH',
  SamlAudienceMismatch: 'SAML_AUDIENCE_MISMATCH',
  SamlRecipientMismatch: 'SAML_RECIPIENT_MISMATCH',
  SamlAssertionNotYetValid: 'SAML_ASSERTION_NOT_YET_VALID',
  SamlAssertionExpired: 'SAML_ASSERTION_EXPIRED',
  SamlAssertionReplayed: 'SAML_ASSERTION_REPLAYED',
  SamlAssertionInvalid: 'SAML_ASSERTION_INVALID',
  // Audit (issue 4): a mutation whose audit entry could not be written is not confirmed.
  AuditUnavailable: 'AUDIT_UNAVAILABLE',
  // Solver capacity (issue 9): a tenant's share of the background solver is full.
  SolveJobQueueFull: 'SOLVE_JOB_QUEUE_FULL',
  SolverBusy: 'SOLVER_BUSY',
  // Errors that say what happened and leak nothing (issue 9).
  SubgraphUnavailable: 'SUBGRAPH_UNAVAILABLE',
  StorageFull: 'STORAGE_FULL',
  OperationResolutionFailure: 'OPERATION_RESOLUTION_FAILURE',
  // Subscriptions (issue 9): a subscriber that cannot keep up, or a caller over its share of sockets.
  SubscriberTooSlow: 'SUBSCRIBER_TOO_SLOW',
  TooManySubscriptions: 'TOO_MANY_SUBSCRIPTIONS',
  TooManyConnections: 'TOO_MANY_CONNECTIONS',
  // Service accounts (issue 9): unknown client and wrong secret share one code, as in OAuth 2.0.
  InvalidClient: 'INVALID_CLIENT',
  ServiceAccountRevoked: 'SERVICE_ACCOUNT_REVOKED',
  // Constraint evolution (issue 10), the seed's troubleshooting cases.
  InsufficientPerformanceData: 'INSUFFICIENT_PERFORMANCE_DATA',
  EvolutionModelNotFound: 'EVOLUTION_MODEL_NOT_FOUND',
  // Demand forecasting (issue 11): fewer recorded hours than the shortest daily cycle model needs.
  InsufficientHistory: 'INSUFFICIENT_HISTORY',
  // Predictive scaling (issue 11), the seed's troubleshooting cases.
  AccuracyBelowThreshold: 'ACCURACY_BELOW_THRESHOLD',
  ScalingPolicyConflict: 'SCALING_POLICY_CONFLICT',
  // Community platform (issue 12), the seed's troubleshooting cases and the marketplace's refusals.
  FeatureDisabled: 'FEATURE_DISABLED',
  AlgorithmValidationFailed: 'ALGORITHM_VALIDATION_FAILED',
  SearchTimeout: 'SEARCH_TIMEOUT',
  LicenseRequired: 'LICENSE_REQUIRED',
  BenchmarkSetUnavailable: 'BENCHMARK_SET_UNAVAILABLE',
  // Trusted documents (issue 13): an id no registered document has (Apollo's APQ code), a text not registered.
  PersistedQueryNotFound: 'PERSISTED_QUERY_NOT_FOUND',
  PersistedQueryNotTrusted: 'PERSISTED_QUERY_NOT_TRUSTED',
  // Problem files (issue 15): an uploaded file larger than UPLOAD_MAX_BYTES, as sent or once decompressed.
  UploadTooLarge: 'UPLOAD_TOO_LARGE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function platformError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const unauthenticated = (message = 'Sign in first: send "Authorization: Bearer <platform token>".') =>
  platformError(ErrorCode.Unauthenticated, message);

export const forbidden = (message = 'Your role or tenant does not allow this operation.') =>
  platformError(ErrorCode.Forbidden, message);

export const badUserInput = (message: string, field?: string) =>
  platformError(ErrorCode.BadUserInput, message, field ? { field } : {});

export const notFound = (what: string, id: string) => platformError(ErrorCode.NotFound, `${what} ${id} does not exist.`);
