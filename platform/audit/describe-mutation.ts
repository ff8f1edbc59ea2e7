import { GraphQLError } from 'graphql';
import { canAccessTenant, type AuthContext } from '../auth/auth-context';
import { DomainError } from '../commands/decider';
import { WrongExpectedRevisionError } from '../eventstore/port';
import { ErrorCode } from '../errors';
import type { AuditEntry, AuditOutcome } from './audit-entry';
import { redactForAudit } from './redact-for-audit';

/** The chain that platform-level operations (no tenant in sight) are recorded in. */
export const PLATFORM_AUDIT_TENANT = 'platform';

/**
 * Codes that mean "refused because of who you are or what the rules allow", as opposed to a
 * request that went wrong: these make an entry `denied`, every other error `failure`.
 */
const DENIED_CODES: ReadonlySet<string> = new Set([
  ErrorCode.Unauthenticated,
  ErrorCode.Forbidden,
  ErrorCode.ComplianceViolation,
  ErrorCode.InvalidCredentials,
  ErrorCode.AccountLocked,
  ErrorCode.SessionRevoked,
  ErrorCode.SessionExpired,
  ErrorCode.RefreshTokenReused,
]);

const INTERNAL_ERROR = 'INTERNAL_SERVER_ERROR';
/** A tenant id that can name a stream: anything else in an argument is not trusted as a chain name. */
const STREAM_SAFE_TENANT = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;
const MAX_FIELD_LENGTH = 256;
/** Argument keys that name the user attempting to sign in (never a secret). */
const USERNAME_KEYS = ['username', 'userName', 'login', 'email'] as const;

/** Everything known about one settled mutation. */
export interface SettledMutation {
  readonly subgraph: string;
  readonly fieldName: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** The tenant the operation's permission row declares for these arguments; undefined: the caller's own. */
  readonly declaredTenant?: string;
  readonly auth?: AuthContext;
  readonly correlationId: string;
  readonly time: Date;
  /** What the resolver answered; an Error here (graphql-shield returns its refusals) is a failure. */
  readonly result?: unknown;
  /** What the resolver threw. */
  readonly error?: unknown;
}

/**
 * The audit entry of a mutation that left no audit record of its own (it changed nothing, or it
 * failed or was refused): who did what to which item, how it ended, and in which trail.
 */
export function describeMutation(mutation: SettledMutation): AuditEntry {
  const problem = mutation.error ?? (mutation.result instanceof Error ? mutation.result : undefined);
  const succeeded = mutation.error === undefined && problem === undefined;
  const result = succeeded ? mutation.result : undefined;
  const code = problem === undefined ? undefined : errorCodeOf(problem);
  const outcome: AuditOutcome = code === undefined ? 'success' : DENIED_CODES.has(code) ? 'denied' : 'failure';
  // An item of another tenant answers as a missing one (README, "One rule for every lookup by id"),
  // so the caller's own trail must not tell the two apart by naming the tenant that owns it.
  const attemptedTenant = code === ErrorCode.NotFound ? undefined : streamSafe(mutation.declaredTenant);
  const tenantId = trailOf(mutation.auth, outcome, attemptedTenant);
  return {
    actor: bounded(mutation.auth?.subject ?? attemptedUsername(mutation.args) ?? 'anonymous'),
    tenantId,
    action: `${mutation.subgraph}.${mutation.fieldName}`,
    target: bounded(targetOf(mutation.args, result) ?? '-'),
    outcome,
    correlationId: bounded(mutation.correlationId),
    time: mutation.time.toISOString(),
    details: {
      arguments: redactForAudit(mutation.args),
      ...(code !== undefined && { errorCode: code }),
      ...(code !== undefined && code !== INTERNAL_ERROR && { errorMessage: bounded((problem as Error).message ?? '') }),
      ...(attemptedTenant && attemptedTenant !== tenantId && { attemptedTenantId: attemptedTenant }),
    },
  };
}

/**
 * Whose trail an entry goes to. Nobody can write into another tenant's trail: an unauthenticated
 * caller's entries go to the platform's, a refusal to the caller's own tenant's; otherwise the
 * declared tenant, when the caller may act in it.
 */
function trailOf(auth: AuthContext | undefined, outcome: AuditOutcome, declared: string | undefined): string {
  if (!auth) return PLATFORM_AUDIT_TENANT;
  const own = auth.tenantId ?? PLATFORM_AUDIT_TENANT;
  if (outcome === 'denied' || declared === undefined || !canAccessTenant(auth, declared)) return own;
  return declared;
}

/** The stable `extensions.code` the client sees for this error (as formatSubgraphError maps it). */
export function errorCodeOf(error: unknown): string {
  if (error instanceof GraphQLError) {
    const code = error.extensions?.code;
    return typeof code === 'string' ? code : INTERNAL_ERROR;
  }
  if (error instanceof DomainError) return error.code;
  if (error instanceof WrongExpectedRevisionError) return ErrorCode.Conflict;
  return INTERNAL_ERROR;
}

function streamSafe(tenantId: string | undefined): string | undefined {
  return tenantId !== undefined && STREAM_SAFE_TENANT.test(tenantId) ? tenantId : undefined;
}

/** `id`, then any other `…Id` argument, then the id of what was created, then ids inside `input`. */
function targetOf(args: Readonly<Record<string, unknown>>, result: unknown): string | undefined {
  const input = asRecord(args.input);
  return firstText([args.id, ...idValues(args), asRecord(result)?.id, typeof result === 'string' ? result : undefined, input?.id, ...idValues(input)]);
}

function idValues(record: Readonly<Record<string, unknown>> | undefined): unknown[] {
  if (!record) return [];
  return Object.entries(record)
    .filter(([key]) => key !== 'tenantId' && key.length > 2 && key.endsWith('Id'))
    .map(([, value]) => value);
}

function attemptedUsername(args: Readonly<Record<string, unknown>>): string | undefined {
  const input = asRecord(args.input);
  return firstText(USERNAME_KEYS.flatMap((key) => [args[key], input?.[key]]));
}

function firstText(values: readonly unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.length > 0);
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function bounded(text: string): string {
  const value = text.length > MAX_FIELD_LENGTH ? `${text.slice(0, MAX_FIELD_LENGTH)}…` : text;
  return value.length > 0 ? value : '-';
}
