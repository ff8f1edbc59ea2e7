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
  // Audit (issue 4): a mutation whose audit entry could not be written is not confirmed.
  AuditUnavailable: 'AUDIT_UNAVAILABLE',
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
