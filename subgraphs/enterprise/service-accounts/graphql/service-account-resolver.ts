import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { isOperatorRole, type Role } from '../../../../platform/auth/auth-context';
import { loadState } from '../../../../platform/commands/command-handler';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { notFound } from '../../../../platform/errors';
import { nodesConnectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requirePlatformAdmin, requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { serviceAccountStreamId } from '../../../../schema/events';
import { SERVICE_ACCOUNTS_COLLECTION, type ServiceAccountDocument } from '../../../../schema/read-models/service-accounts';
import { RoleName } from '../../identity/graphql/user-types';
import { identityServices } from '../../identity/sign-in/identity-services';
import { serviceAccounts } from '../domain/command-handlers';
import { serviceAccountDecider, type ServiceAccountCommand } from '../domain/service-account-decider';
import { oauthTokenUrl } from '../oauth-token-endpoint';
import { hashClientSecret, newClientSecret, serviceAccountIdFor } from '../service-account-credentials';
import { ServiceAccount, ServiceAccountConnection, ServiceAccountCredentials, ServiceAccountStatus, ServiceAccountToken } from './service-account-types';

@Resolver(() => ServiceAccount)
export class ServiceAccountResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => ServiceAccountConnection, { description: "A tenant's service accounts, oldest first; never their secrets." })
  async serviceAccounts(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() context: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ServiceAccountConnection> {
    requireTenantAccess(context, tenantId);
    assertPageSize(first);
    const page = await this.collection().find({ where: { tenantId }, sort: [{ field: 'createdAt', direction: 'asc' }], first, after: after ?? undefined });
    return nodesConnectionOf(page, toServiceAccount);
  }

  @Mutation(() => ServiceAccountCredentials, {
    description: 'Creates a service account for automation and shows its client secret, once. Its tokens act as service-account:<name> with these roles.',
  })
  async createServiceAccount(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('name', () => String) name: string,
    @Arg('roles', () => [RoleName]) roles: Role[],
    @Ctx() context: SubgraphContext,
  ): Promise<ServiceAccountCredentials> {
    requireTenantAccess(context, tenantId);
    // Only a platform-admin gives an operator role, and only in the operators' tenant (the decider checks that).
    if (roles.some(isOperatorRole)) requirePlatformAdmin(context);
    const serviceAccountId = serviceAccountIdFor(tenantId, name);
    const { secretId, secret } = newClientSecret();
    const caller = callerOf(context);
    const command = {
      type: 'CreateServiceAccount',
      serviceAccountId,
      tenantId,
      name,
      roles,
      secretId,
      secretHash: hashClientSecret(secret),
      by: caller.actor,
      at: this.deps.clock().toISOString(),
      allowPlatformAdmin: tenantId === this.deps.config.signIn.operatorTenantId,
    } as const;
    await executeCommand(this.deps, caller, serviceAccounts, command, { tenantId, target: serviceAccountId });
    return this.credentials(serviceAccountId, secret);
  }

  @Mutation(() => ServiceAccountCredentials, {
    description: 'Replaces the secret and shows the new one, once; the old secret and every token bought with it stop working within a second.',
  })
  async rotateServiceAccountSecret(@Arg('serviceAccountId', () => ID) serviceAccountId: string, @Ctx() context: SubgraphContext): Promise<ServiceAccountCredentials> {
    const { secretId, secret } = newClientSecret();
    await this.change(context, serviceAccountId, (tenantId, by, at) => ({ type: 'RotateServiceAccountSecret', serviceAccountId, tenantId, secretId, secretHash: hashClientSecret(secret), by, at }));
    return this.credentials(serviceAccountId, secret);
  }

  @Mutation(() => ServiceAccount, { description: 'Ends the account: no more token exchanges, and its tokens stop working within a second. Its name stays taken.' })
  async revokeServiceAccount(@Arg('serviceAccountId', () => ID) serviceAccountId: string, @Ctx() context: SubgraphContext): Promise<ServiceAccount> {
    await this.change(context, serviceAccountId, (tenantId, by, at) => ({ type: 'RevokeServiceAccount', serviceAccountId, tenantId, by, at }));
    return toServiceAccount(await this.read(serviceAccountId));
  }

  @Mutation(() => ServiceAccountToken, {
    description: 'OAuth 2.0 client credentials over GraphQL (the same exchange as POST /oauth/token): a short-lived token for a service account. `scope` asks for fewer roles.',
  })
  async requestServiceAccountToken(
    @Arg('clientId', () => ID) clientId: string,
    @Arg('clientSecret', () => String) clientSecret: string,
    @Ctx() context: SubgraphContext,
    @Arg('scope', () => String, { nullable: true, description: 'Space-separated roles, a subset of the account\u2019s.' }) scope?: string,
  ): Promise<ServiceAccountToken> {
    const grant = await identityServices(this.deps).clientCredentials.exchange({
      clientId,
      clientSecret,
      scope: scope ?? undefined,
      clientAddress: context.clientAddress,
      correlationId: context.correlationId,
    });
    return { accessToken: grant.accessToken, tokenType: 'Bearer', expiresIn: grant.expiresIn, expiresAt: grant.expiresAt.toISOString(), roles: [...grant.roles], tenantId: grant.tenantId };
  }

  /** Another tenant's account answers as a missing one does, so ids cannot be probed. */
  private async change(context: SubgraphContext, serviceAccountId: string, commandFor: (tenantId: string, by: string, at: string) => ServiceAccountCommand) {
    const state = await loadState(this.deps, serviceAccountDecider, serviceAccountStreamId(serviceAccountId));
    if (state.status === 'absent') throw notFound('Service account', serviceAccountId);
    requireVisibleItem(context, state.tenantId, () => notFound('Service account', serviceAccountId));
    const caller = callerOf(context);
    const command = commandFor(state.tenantId, caller.actor, this.deps.clock().toISOString());
    await executeCommand(this.deps, caller, serviceAccounts, command, { tenantId: state.tenantId, target: serviceAccountId });
  }

  private async credentials(serviceAccountId: string, clientSecret: string): Promise<ServiceAccountCredentials> {
    const serviceAccount = toServiceAccount(await this.read(serviceAccountId));
    return { serviceAccount, clientId: serviceAccountId, clientSecret, tokenUrl: oauthTokenUrl(this.deps.config) };
  }

  private async read(serviceAccountId: string): Promise<ServiceAccountDocument> {
    const document = await this.collection().get(serviceAccountId);
    if (!document) throw notFound('Service account', serviceAccountId);
    return document;
  }

  private collection() {
    return this.deps.readStore.collection<ServiceAccountDocument>(SERVICE_ACCOUNTS_COLLECTION);
  }
}

function toServiceAccount(document: ServiceAccountDocument): ServiceAccount {
  return { ...document, roles: [...document.roles], status: document.status as ServiceAccountStatus };
}
