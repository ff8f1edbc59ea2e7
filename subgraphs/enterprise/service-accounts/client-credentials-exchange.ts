import { isRole, type Role } from '../../../platform/auth/auth-context';
import { auditedAction } from '../../../platform/audit/change-audited';
import type { AuditOutcome } from '../../../platform/audit';
import type { CommandCaller } from '../../../platform/commands/command-caller';
import { loadState } from '../../../platform/commands/command-handler';
import { DomainError } from '../../../platform/commands/decider';
import { recordFacts } from '../../../platform/commands/execute-command';
import { ErrorCode } from '../../../platform/errors';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { authenticationStreamId, eventSchemaVersion, serviceAccountStreamId, type AuthenticationFailed, type ServiceAccountTokenIssued } from '../../../schema/events';
import type { BruteForceGuard } from '../identity/sign-in/brute-force-guard';
import type { AccessTokenIssuer } from '../identity/sign-in/sign-in-service';
import { authenticateClient, invalidClient, serviceAccountDecider } from './domain/service-account-decider';
import { countedSignIn } from '../../../platform/metrics/counted-sign-in';
import { CLIENT_CREDENTIALS_AUTH_METHOD, hashClientSecret, sameSecretHash, serviceAccountSubject } from './service-account-credentials';

export interface ClientCredentialsRequest {
  readonly clientId: string;
  readonly clientSecret: string;
  /** OAuth 2.0 `scope`: space-separated roles, a subset of the account's, to ask for less than it holds. */
  readonly scope?: string;
  readonly clientAddress?: string;
  readonly correlationId: string;
}

export interface ServiceAccountGrant {
  readonly accessToken: string;
  readonly expiresAt: Date;
  /** OAuth's `expires_in`: whole seconds from now. */
  readonly expiresIn: number;
  readonly roles: readonly Role[];
  readonly serviceAccountId: string;
  readonly tenantId: string;
}

export const SERVICE_ACCOUNT_TOKEN_ACTION = 'enterprise.serviceAccountToken';
const CLIENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): a service account's id and secret buy a
 * short-lived platform token whose subject is `service-account:<name>` and whose `sid` is the
 * secret's id, so rotating the secret or revoking the account ends the token within a second
 * (the revocation list every process follows). Each exchange, granted or refused, is stored and
 * audited in the account's tenant; failures count towards the same lockout as sign-ins.
 */
export class ClientCredentialsExchange {
  constructor(
    private readonly deps: SubgraphDependencies,
    private readonly guard: BruteForceGuard,
    private readonly issueAccessToken: AccessTokenIssuer,
  ) {}

  exchange(request: ClientCredentialsRequest): Promise<ServiceAccountGrant> {
    return countedSignIn('service-account', () => this.exchangeOnce(request));
  }

  private async exchangeOnce(request: ClientCredentialsRequest): Promise<ServiceAccountGrant> {
    const stored = CLIENT_ID.test(request.clientId) ? await loadState(this.deps, serviceAccountDecider, serviceAccountStreamId(request.clientId)) : undefined;
    const state = stored?.status === 'absent' ? undefined : stored;
    // Guessing client ids counts against the client's address; guessing a secret, against the account too.
    const attempt = { tenantId: state?.tenantId ?? '', username: state && request.clientId, clientAddress: request.clientAddress };
    await this.guard.beforeAttempt(attempt);
    if (!state) {
      // Nothing is stored for an id that is no account's: anyone may call this without a token.
      await this.guard.recordFailure(attempt);
      throw invalidClient();
    }
    const subject = serviceAccountSubject(state.name);
    let account: ReturnType<typeof authenticateClient>;
    try {
      account = authenticateClient(state, hashClientSecret(request.clientSecret), sameSecretHash);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.guard.recordFailure(attempt);
      await this.recordFailure(request, state.tenantId, subject, error.code);
      throw error;
    }
    const roles = requestedRoles(request.scope, account.roles);
    await this.guard.recordSuccess(attempt);
    const access = await this.issueAccessToken({ subject, roles, tenantId: account.tenantId, authMethod: CLIENT_CREDENTIALS_AUTH_METHOD, sessionId: account.secretId });
    const issued: ServiceAccountTokenIssued = {
      type: 'ServiceAccountTokenIssued',
      data: {
        serviceAccountId: request.clientId,
        tenantId: account.tenantId,
        secretId: account.secretId,
        roles,
        expiresAt: access.expiresAt.toISOString(),
        issuedAt: this.deps.clock().toISOString(),
        ...(request.clientAddress && { clientAddress: request.clientAddress }),
      },
    };
    await this.record(request, account.tenantId, subject, 'success', issued, { roles });
    const expiresIn = Math.max(0, Math.round((access.expiresAt.getTime() - this.deps.clock().getTime()) / 1000));
    return { accessToken: access.token, expiresAt: access.expiresAt, expiresIn, roles, serviceAccountId: request.clientId, tenantId: account.tenantId };
  }

  private recordFailure(request: ClientCredentialsRequest, tenantId: string, subject: string, code: string): Promise<unknown> {
    const failed: AuthenticationFailed = {
      type: 'AuthenticationFailed',
      data: {
        tenantId,
        authType: 'CLIENT_CREDENTIALS',
        attemptedIdentity: subject,
        code,
        failedAt: this.deps.clock().toISOString(),
        ...(request.clientAddress && { clientAddress: request.clientAddress }),
      },
    };
    return this.record(request, tenantId, subject, 'failure', failed, { code });
  }

  /** In the tenant's authentication stream, audited under the account's name. */
  private async record(request: ClientCredentialsRequest, tenantId: string, actor: string, outcome: AuditOutcome, event: AuthenticationFailed | ServiceAccountTokenIssued, details: Record<string, unknown>) {
    const audit = auditedAction(SERVICE_ACCOUNT_TOKEN_ACTION, { clientId: request.clientId, ...(request.clientAddress && { clientAddress: request.clientAddress }), ...details }, outcome);
    const caller: CommandCaller = { actor, correlationId: request.correlationId, causationId: request.correlationId, audit };
    const facts = { streamId: authenticationStreamId(tenantId), events: [event], expectedRevision: 'any' as const, versionOf: eventSchemaVersion };
    await recordFacts(this.deps, caller, facts, { tenantId, target: request.clientId });
  }
}

/** The roles a `scope` asks for: all of the account's when absent, never one it does not hold. */
function requestedRoles(scope: string | undefined, held: readonly Role[]): readonly Role[] {
  const asked = scope?.split(' ').filter((part) => part.length > 0) ?? [];
  if (asked.length === 0) return held;
  const refused = asked.filter((role) => !isRole(role) || !held.includes(role));
  if (refused.length > 0) {
    throw new DomainError(ErrorCode.BadUserInput, `The scope asks for ${refused.join(', ')}, which this service account does not hold; ask for some of: ${held.join(' ')}.`, { field: 'scope', reason: 'invalid_scope' });
  }
  return [...new Set(asked as Role[])].sort();
}
