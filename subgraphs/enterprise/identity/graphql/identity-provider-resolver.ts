import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { loadState } from '../../../../platform/commands/command-handler';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { badUserInput, notFound } from '../../../../platform/errors';
import { requirePlatformAdmin, requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { identityProviderStreamId } from '../../../../schema/events';
import { IDENTITY_PROVIDERS_COLLECTION, type IdentityProviderDocument } from '../../../../schema/read-models/identity';
import { identityProviders } from '../domain/command-handlers';
import { identityProviderDecider, type IdentityProviderCommand } from '../domain/identity-provider-decider';
import { endOpenSessions } from '../end-sessions';
import { identityServices } from '../sign-in/identity-services';
import { identityProviderDefinition } from '../provider-definition';
import { samlEndpoints, samlSettingsOf } from '../saml/saml-endpoints';
import { validateSamlConfig } from '../saml/validate-saml-config';
import { ConfigureIdentityProviderInput, IdentityProvider, SamlConfigValidation } from './identity-provider-types';

@Resolver(() => IdentityProvider)
export class IdentityProviderResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => [IdentityProvider], { description: "A tenant's identity providers. Secrets are never shown." })
  async identityProviders(@Arg('tenantId', () => ID) tenantId: string, @Ctx() context: SubgraphContext): Promise<IdentityProvider[]> {
    requireTenantAccess(context, tenantId);
    const page = await this.providers().find({ where: { tenantId }, first: 100 });
    return page.items.map((document) => this.toProvider(document));
  }

  @Query(() => SamlConfigValidation, { description: "The seed's validate_saml_config: checks a SAML provider's certificates and URLs." })
  async validateSamlConfig(@Arg('providerId', () => ID) providerId: string, @Ctx() context: SubgraphContext): Promise<SamlConfigValidation> {
    const provider = await this.providers().get(providerId);
    if (!provider) throw notFound('Identity provider', providerId);
    requireVisibleItem(context, provider.tenantId, () => notFound('Identity provider', providerId));
    if (provider.type !== 'SAML') throw badUserInput(`Identity provider ${providerId} is ${provider.type}, not SAML.`, 'providerId');
    const report = validateSamlConfig(samlSettingsOf(provider, this.deps.config), this.deps.clock());
    return { valid: report.valid, problems: [...report.problems], certificates: [...report.certificates] };
  }

  @Mutation(() => IdentityProvider, { description: 'Adds or reconfigures a SAML, OIDC or LDAP identity provider of a tenant.' })
  async configureIdentityProvider(
    @Arg('input', () => ConfigureIdentityProviderInput) input: ConfigureIdentityProviderInput,
    @Ctx() context: SubgraphContext,
  ): Promise<IdentityProvider> {
    requireTenantAccess(context, input.tenantId);
    const operators = this.requireOperatorsAdmin(context, input.tenantId);
    const providerId = input.providerId ?? randomUUID();
    const existing = input.providerId ? await loadState(this.deps, identityProviderDecider, identityProviderStreamId(providerId)) : undefined;
    const previous = existing?.status === 'active' ? existing.definition : undefined;
    const definition = await identityProviderDefinition(input, providerId, { config: this.deps.config, secrets: identityServices(this.deps).secrets, previous });
    const document = await this.execute(context, input.tenantId, {
      type: 'ConfigureIdentityProvider',
      definition,
      requestedAt: this.deps.clock().toISOString(),
      allowPlatformAdmin: operators,
    });
    return this.toProvider(document!);
  }

  @Mutation(() => ID, { description: 'Removes an identity provider and ends the sessions opened through it; its users can no longer sign in through it. Answers its id.' })
  async removeIdentityProvider(@Arg('providerId', () => ID) providerId: string, @Ctx() context: SubgraphContext): Promise<string> {
    const state = await loadState(this.deps, identityProviderDecider, identityProviderStreamId(providerId));
    if (state.status !== 'active') throw notFound('Identity provider', providerId);
    requireVisibleItem(context, state.definition.tenantId, () => notFound('Identity provider', providerId));
    this.requireOperatorsAdmin(context, state.definition.tenantId);
    const tenantId = state.definition.tenantId;
    await this.execute(context, tenantId, { type: 'RemoveIdentityProvider', providerId, tenantId, requestedAt: this.deps.clock().toISOString() });
    // Sessions opened through it end too: removing a provider is how a tenant cuts it off.
    const ended = await endOpenSessions(this.deps, callerOf(context), { tenantId, providerId }, 'provider-removed');
    if (ended > 0) await this.deps.waitForReadModels(ended);
    return providerId;
  }

  private async execute(context: SubgraphContext, tenantId: string, command: IdentityProviderCommand): Promise<IdentityProviderDocument | undefined> {
    await executeCommand(this.deps, callerOf(context), identityProviders, command, { tenantId });
    return this.providers().get(command.type === 'ConfigureIdentityProvider' ? command.definition.providerId : command.providerId);
  }

  /**
   * The operators' tenant's providers decide who the platform admins are, so only a platform-admin
   * changes them. Answers whether `tenantId` is the operators' tenant.
   */
  private requireOperatorsAdmin(context: SubgraphContext, tenantId: string): boolean {
    const operators = tenantId === this.deps.config.signIn.operatorTenantId;
    if (operators) requirePlatformAdmin(context);
    return operators;
  }

  private providers() {
    return this.deps.readStore.collection<IdentityProviderDocument>(IDENTITY_PROVIDERS_COLLECTION);
  }

  private toProvider(document: IdentityProviderDocument): IdentityProvider {
    const { ldap, saml, ...rest } = document;
    const endpoints = samlEndpoints(this.deps.config, document.tenantId);
    return {
      ...rest,
      id: document.id,
      type: document.type as IdentityProvider['type'],
      roleMappings: [...document.roleMappings],
      defaultRoles: [...document.defaultRoles],
      ...(saml && { saml: { ...saml, signingCertificates: [...saml.signingCertificates], metadataUrl: endpoints.metadataUrl } }),
      ...(ldap && { ldap: { ...omitSecretRef(ldap), bindPasswordSet: true } }),
    };
  }
}

function omitSecretRef<T extends { bindPasswordRef: string }>(settings: T): Omit<T, 'bindPasswordRef'> {
  const { bindPasswordRef: _reference, ...rest } = settings;
  return rest;
}
