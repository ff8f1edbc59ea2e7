import { isOperatorRole, type Role } from '../../../../platform/auth/auth-context';
import type { TokenClaims } from '../../../../platform/auth/platform-token';
import type { CommandCaller } from '../../../../platform/commands/command-caller';
import { loadState } from '../../../../platform/commands/command-handler';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { PLATFORM_AUDIT_TENANT } from '../../../../platform/audit';
import { ErrorCode, platformError } from '../../../../platform/errors';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { userStreamId } from '../../../../schema/events';
import type { IdentityProviderDocument } from '../../../../schema/read-models/identity';
import { TENANTS_COLLECTION } from '../../../../schema/read-models/tenants';
import { sessions, users } from '../domain/command-handlers';
import { REFRESH_TOKEN_REUSED_REASON } from '../domain/session-decider';
import { effectiveRoles, userDecider } from '../domain/user-decider';
import type { BruteForceGuard } from './brute-force-guard';
import { findIdentityProvider, issuerHint } from './find-identity-provider';
import { signInCaller, SignInRecords } from './sign-in-records';
import { hashRefreshToken, newRefreshToken, newSessionId, sessionIdOfRefreshToken, userIdFor } from './session-tokens';
import type { CredentialVerifiers, SignInRequest } from './sign-in-request';
import { IdentityVerificationError, type VerifiedIdentity } from '../verified-identity';
import { countedSignIn } from '../../../../platform/metrics/counted-sign-in';

export interface SessionGrant {
  readonly userId: string;
  readonly sessionId: string;
  readonly roles: readonly Role[];
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly sessionExpiresAt: Date;
}

/** Signs an access token for a session (the platform signing key). */
export type AccessTokenIssuer = (claims: TokenClaims) => Promise<{ readonly token: string; readonly expiresAt: Date }>;

/**
 * The seed's `authenticate_user`: credential → provider's verifier → user (registered on first
 * sign-in, roles from the provider's mapping plus grants) → session with a short-lived access token
 * and a rotating refresh token. Every refusal is stored as AuthenticationFailed (never with the
 * credential) and counted by the brute-force guard.
 */
export class SignInService {
  private readonly records: SignInRecords;

  constructor(
    private readonly deps: SubgraphDependencies,
    private readonly verifiers: CredentialVerifiers,
    private readonly guard: BruteForceGuard,
    private readonly issueAccessToken: AccessTokenIssuer,
  ) {
    this.records = new SignInRecords(deps);
  }

  signIn(request: SignInRequest): Promise<SessionGrant> {
    return countedSignIn(request.credentials.type.toLowerCase(), () => this.signInOnce(request));
  }

  private async signInOnce(request: SignInRequest): Promise<SessionGrant> {
    const { credentials } = request;
    const attempt = { tenantId: request.tenantId, username: credentials.type === 'LDAP' ? credentials.username : undefined, clientAddress: request.clientAddress };
    await this.guard.beforeAttempt(attempt);
    if (!(await this.deps.readStore.collection(TENANTS_COLLECTION).get(request.tenantId))) {
      // Nothing is recorded for a tenant that does not exist: anyone may call this without a
      // token, and must not be able to create streams (or audit chains) under made-up tenant ids.
      await this.guard.recordFailure({ ...attempt, username: undefined });
      throw platformError(ErrorCode.IdentityProviderNotConfigured, `Tenant ${request.tenantId} has no ${credentials.type} identity provider; a tenant admin configures one with configureIdentityProvider.`);
    }
    let provider: IdentityProviderDocument | undefined;
    let identity: VerifiedIdentity;
    try {
      provider = await findIdentityProvider(this.deps.readStore, {
        tenantId: request.tenantId,
        type: credentials.type,
        issuer: request.issuer ?? issuerHint(credentials),
        providerId: request.providerId,
      });
      identity = await this.verify(provider, request);
    } catch (error) {
      if (!(error instanceof IdentityVerificationError)) throw error;
      // A provider outage is nobody's guess: counting it would lock every user out during it.
      if (error.code !== ErrorCode.IdentityProviderUnavailable) await this.guard.recordFailure(attempt);
      await this.records.failed(request, error.code, provider?.id, attempt.username);
      throw platformError(error.code, error.message);
    }
    const userId = userIdFor(request.tenantId, provider.id, identity.externalId);
    const providerRoles = mapRoles(provider, identity, provider.tenantId === this.deps.config.signIn.operatorTenantId);
    const now = this.deps.clock();
    const recordSignIn = {
      type: 'RecordSignIn',
      userId,
      tenantId: request.tenantId,
      providerId: provider.id,
      externalId: identity.externalId,
      ...(identity.email && { email: identity.email }),
      ...(identity.displayName && { displayName: identity.displayName }),
      providerRoles,
      at: now.toISOString(),
    } as const;
    const signedIn = { tenantId: request.tenantId, target: userId, waitForReadModels: false };
    const user = await executeCommand(this.deps, this.records.caller(request, userId, { providerId: provider.id, externalId: identity.externalId, providerRoles }), users, recordSignIn, signedIn);
    const roles = this.rolesIn(request.tenantId, effectiveRoles(user.state));
    if (roles.length === 0) {
      await this.records.failed(request, ErrorCode.Forbidden, provider.id, identity.externalId);
      throw platformError(
        ErrorCode.Forbidden,
        `You signed in, but none of your groups maps to a Goliath role and no role was granted to you; ask your tenant admin to map one of your groups.`,
      );
    }
    await this.guard.recordSuccess(attempt);
    const sessionId = newSessionId();
    const refreshToken = newRefreshToken(sessionId);
    const sessionExpiresAt = earliest(new Date(now.getTime() + this.deps.config.signIn.sessionTtlSeconds * 1000), identity.validUntil);
    const startSession = {
      type: 'StartSession',
      session: {
        sessionId,
        tenantId: request.tenantId,
        userId,
        roles,
        authMethod: provider.type.toLowerCase(),
        providerId: provider.id,
        refreshTokenHash: hashRefreshToken(refreshToken),
        startedAt: now.toISOString(),
        expiresAt: sessionExpiresAt.toISOString(),
      },
    } as const;
    const caller = this.records.caller(request, userId, { providerId: provider.id, sessionId, externalId: identity.externalId, roles });
    const started = await executeCommand(this.deps, caller, sessions, startSession, signedIn);
    await this.deps.waitForReadModels(started.position);
    const access = await this.issueAccessToken({ subject: userId, roles, tenantId: request.tenantId, authMethod: provider.type.toLowerCase(), sessionId, notAfter: sessionExpiresAt });
    return { userId, sessionId, roles, accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, sessionExpiresAt };
  }

  /**
   * Spends a refresh token for a new access token and the next refresh token. The roles are read
   * again from the user, so a revoked grant takes effect at the next refresh at the latest.
   */
  refresh(refreshToken: string, caller: CommandCaller): Promise<SessionGrant> {
    return countedSignIn('refresh', () => this.refreshOnce(refreshToken, caller));
  }

  private async refreshOnce(refreshToken: string, caller: CommandCaller): Promise<SessionGrant> {
    const sessionId = sessionIdOfRefreshToken(refreshToken);
    if (!sessionId) throw platformError(ErrorCode.Unauthenticated, 'The refresh token is not valid; sign in again.');
    const nextRefreshToken = newRefreshToken(sessionId);
    const command = { type: 'RefreshSession', sessionId, presentedHash: hashRefreshToken(refreshToken), nextHash: hashRefreshToken(nextRefreshToken), at: this.deps.clock().toISOString() } as const;
    // The change (a rotated token, or a session ended for a reused one) belongs to the session's tenant.
    const current = await loadState(this.deps, sessions.decider, sessions.streamOf(command));
    const tenantId = current.status === 'absent' ? PLATFORM_AUDIT_TENANT : current.session.tenantId;
    // A refusal (unknown token, expired or ended session) is a DomainError: formatSubgraphError gives it its code.
    const result = await executeCommand(this.deps, caller, sessions, command, { tenantId, waitForReadModels: false });
    if (result.state.status !== 'active') {
      const reused = result.appended.some((event) => (event.data as { reason?: string }).reason === REFRESH_TOKEN_REUSED_REASON);
      throw reused
        ? platformError(ErrorCode.RefreshTokenReused, 'This refresh token was already used, so it may have been copied: the session is now ended. Sign in again.')
        : platformError(ErrorCode.SessionRevoked, 'The session was ended; sign in again.');
    }
    const session = result.state.session;
    const roles = this.rolesIn(session.tenantId, effectiveRoles(await loadState(this.deps, userDecider, userStreamId(session.userId))));
    if (roles.length === 0) throw platformError(ErrorCode.Forbidden, 'You no longer hold any role in this tenant; ask your tenant admin.');
    await this.deps.waitForReadModels(result.position);
    const sessionExpiresAt = new Date(session.expiresAt);
    const access = await this.issueAccessToken({ subject: session.userId, roles, tenantId: session.tenantId, authMethod: session.authMethod, sessionId, notAfter: sessionExpiresAt });
    return {
      userId: session.userId,
      sessionId,
      roles,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: nextRefreshToken,
      sessionExpiresAt,
    };
  }

  private verify(provider: IdentityProviderDocument, request: SignInRequest): Promise<VerifiedIdentity> {
    const { credentials } = request;
    switch (credentials.type) {
      case 'SAML':
        return this.verifiers.saml(provider, credentials.samlResponse, signInCaller(request, 'sign-in', 'success', { providerId: provider.id, assertionConsumed: true }));
      case 'OIDC':
        return this.verifiers.oidc(provider, credentials.idToken, credentials.nonce);
      case 'LDAP':
        return this.verifiers.ldap(provider, credentials.username, credentials.password);
    }
  }

  /** Operator roles (platform-admin, moderator) count only while their tenant is the operators' one (PLATFORM_OPERATOR_TENANT may move). */
  private rolesIn(tenantId: string, roles: readonly Role[]): Role[] {
    return roles.filter((role) => !isOperatorRole(role) || tenantId === this.deps.config.signIn.operatorTenantId);
  }

}

/**
 * The provider's default roles plus every role whose group the identity is in; the operator roles
 * (platform-admin, moderator) only from the operators' tenant's providers (a stored mapping
 * elsewhere is never trusted with them).
 */
export function mapRoles(
  provider: Pick<IdentityProviderDocument, 'roleMappings' | 'defaultRoles'>,
  identity: Pick<VerifiedIdentity, 'groups'>,
  allowPlatformAdmin = false,
): Role[] {
  const groups = new Set(identity.groups);
  const mapped = provider.roleMappings.filter((mapping) => groups.has(mapping.group)).map((mapping) => mapping.role);
  return [...new Set([...provider.defaultRoles, ...mapped])].filter((role) => allowPlatformAdmin || !isOperatorRole(role)).sort();
}

function earliest(date: Date, other?: Date): Date {
  return other && other < date ? other : date;
}
