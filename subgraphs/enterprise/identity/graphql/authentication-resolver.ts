import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { loadState } from '../../../../platform/commands/command-handler';
import { badUserInput, notFound } from '../../../../platform/errors';
import { nodesConnectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireAuth, requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { anonymousCaller, callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { sessionStreamId } from '../../../../schema/events';
import { SESSIONS_COLLECTION, type SessionDocument } from '../../../../schema/read-models/identity';
import { sessionDecider, type SessionEndReason } from '../domain/session-decider';
import { endSession } from '../end-sessions';
import { CLIENT_CREDENTIALS_AUTH_METHOD } from '../../service-accounts/service-account-credentials';
import { identityServices } from '../sign-in/identity-services';
import type { Credentials } from '../sign-in/sign-in-request';
import type { SessionGrant } from '../sign-in/sign-in-service';
import { AuthenticateInput, AuthenticationResult, Session, SessionConnection } from './authentication-types';
import { AuthType } from './identity-provider-types';

const CREDENTIAL_FIELDS = { SAML: ['assertion'], OIDC: ['idToken', 'nonce'], LDAP: ['username', 'password'] } as const;

@Resolver()
export class AuthenticationResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => AuthenticationResult, {
    description: "The seed's authenticate_user: signs in with a SAML response, an OIDC id token or LDAP credentials and opens a session.",
  })
  async authenticate(@Arg('input', () => AuthenticateInput) input: AuthenticateInput, @Ctx() context: SubgraphContext): Promise<AuthenticationResult> {
    const grant = await identityServices(this.deps).signIn.signIn({
      tenantId: input.tenantId,
      credentials: credentialsOf(input, input.authType ?? (this.deps.config.signIn.defaultAuthType as AuthType)),
      issuer: input.issuer ?? undefined,
      clientAddress: context.clientAddress,
      correlationId: context.correlationId,
    });
    return toResult(grant);
  }

  @Mutation(() => AuthenticationResult, { description: 'Spends a refresh token for a new access token and the next refresh token.' })
  async refreshSession(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() context: SubgraphContext): Promise<AuthenticationResult> {
    return toResult(await identityServices(this.deps).signIn.refresh(refreshToken, anonymousCaller(context, 'anonymous')));
  }

  @Mutation(() => Boolean, {
    description:
      "Ends the caller's session: its access and refresh tokens stop working everywhere within a second. False for a token without a session (a development token, a service account's), which simply expires.",
  })
  async logout(@Ctx() context: SubgraphContext): Promise<boolean> {
    const auth = requireAuth(context);
    // A service account's token ends with its secret (rotateServiceAccountSecret), not by logging out.
    if (!auth.sessionId || !auth.tenantId || auth.authMethod === CLIENT_CREDENTIALS_AUTH_METHOD) return false;
    await this.revoke(context, auth.sessionId, auth.tenantId, 'logout');
    return true;
  }

  @Mutation(() => Session, { description: "Ends a user's session in your tenant; its tokens stop working everywhere within a second." })
  async revokeSession(@Arg('sessionId', () => ID) sessionId: string, @Ctx() context: SubgraphContext): Promise<Session> {
    requireAuth(context);
    const state = await loadState(this.deps, sessionDecider, sessionStreamId(sessionId));
    if (state.status === 'absent') throw notFound('Session', sessionId);
    requireVisibleItem(context, state.session.tenantId, () => notFound('Session', sessionId));
    await this.revoke(context, sessionId, state.session.tenantId, 'revoked');
    const session = await this.deps.readStore.collection<SessionDocument>(SESSIONS_COLLECTION).get(sessionId);
    if (!session) throw notFound('Session', sessionId);
    return session as unknown as Session;
  }

  @Query(() => SessionConnection, { description: "A tenant's sessions, newest first." })
  async sessions(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() context: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<SessionConnection> {
    requireTenantAccess(context, tenantId);
    assertPageSize(first);
    const page = await this.deps.readStore
      .collection<SessionDocument>(SESSIONS_COLLECTION)
      .find({ where: { tenantId }, sort: [{ field: 'startedAt', direction: 'desc' }], first, after: after ?? undefined });
    return nodesConnectionOf(page, (document) => document as unknown as Session);
  }

  private async revoke(context: SubgraphContext, sessionId: string, tenantId: string, reason: SessionEndReason): Promise<void> {
    const position = await endSession(this.deps, callerOf(context), sessionId, tenantId, reason);
    await this.deps.waitForReadModels(position);
  }
}

/** Exactly the fields of the chosen method: a stray password next to a SAML response is refused, not ignored. */
function credentialsOf(input: AuthenticateInput, authType: AuthType): Credentials {
  for (const [type, fields] of Object.entries(CREDENTIAL_FIELDS)) {
    if (type === authType) continue;
    for (const field of fields) {
      if (input[field] !== undefined && input[field] !== null) throw badUserInput(`${field} is not a ${authType} credential.`, field);
    }
  }
  const required = (field: 'assertion' | 'idToken' | 'username' | 'password'): string => {
    const value = input[field];
    if (typeof value !== 'string' || value.length === 0) throw badUserInput(`${authType} sign-in needs ${field}.`, field);
    return value;
  };
  switch (authType) {
    case AuthType.SAML:
      return { type: 'SAML', samlResponse: required('assertion') };
    case AuthType.OIDC:
      return { type: 'OIDC', idToken: required('idToken'), ...(input.nonce && { nonce: input.nonce }) };
    case AuthType.LDAP:
      return { type: 'LDAP', username: required('username'), password: required('password') };
  }
}

function toResult(grant: SessionGrant): AuthenticationResult {
  return {
    isAuthenticated: true,
    userId: grant.userId,
    sessionId: grant.sessionId,
    roles: [...grant.roles],
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken,
    expiresAt: grant.accessTokenExpiresAt.toISOString(),
    sessionExpiresAt: grant.sessionExpiresAt.toISOString(),
  };
}
