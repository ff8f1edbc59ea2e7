import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { operationMiddleware } from '../../platform/graphql/operation-middleware';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { TenantEventMessage } from '../../schema/graphql/tenant-event-message';
import { TENANT_EVENTS_SUBSCRIPTION_SDL } from './tenants/graphql/tenant-events-subscription';
import { tenantReference } from './tenants/graphql/tenant-reference';
import { AuditReplayResolver } from './audit/graphql/audit-replay-resolver';
import { AuditResolver } from './audit/graphql/audit-resolver';
import { AuthenticationResolver } from './identity/graphql/authentication-resolver';
import { IdentityProviderResolver } from './identity/graphql/identity-provider-resolver';
import { UserResolver } from './identity/graphql/user-resolver';
import { TenantResolver } from './tenants/graphql/tenant-resolver';
import { ENTERPRISE_PERMISSIONS } from './graphql/permissions';
import { samlBrowserFlow } from './identity/sign-in/saml-browser-flow';
import { ChangeApprovalResolver } from './compliance/graphql/change-approval-resolver';
import { ComplianceResolver } from './compliance/graphql/compliance-resolver';
import { ParkedEventResolver } from './operations/graphql/parked-event-resolver';
import { ServiceAccountResolver } from './service-accounts/graphql/service-account-resolver';
import { oauthTokenEndpoint } from './service-accounts/oauth-token-endpoint';

/** The enterprise subgraph: tenants, identity (providers, sign-in, sessions, users and roles, service accounts), the audit trail, compliance and platform operations. */
export function buildEnterpriseSubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [TenantResolver, AuditResolver, AuditReplayResolver, AuthenticationResolver, IdentityProviderResolver, UserResolver, ComplianceResolver, ChangeApprovalResolver, ParkedEventResolver, ServiceAccountResolver],
    orphanedTypes: [TenantEventMessage],
    extraTypeDefs: TENANT_EVENTS_SUBSCRIPTION_SDL,
    container: dependencyContainer(deps),
    middleware: operationMiddleware(deps, 'enterprise', ENTERPRISE_PERMISSIONS),
    extraResolvers: tenantReference(deps),
  });
}

/**
 * The enterprise subgraph's plain HTTP routes, which the gateway streams through: the SAML browser
 * flow (/auth/saml/:tenant/login|acs|metadata) and the OAuth 2.0 token endpoint (/oauth/token).
 */
export function enterpriseRoutes(deps: SubgraphDependencies): express.Router {
  return express.Router().use(samlBrowserFlow(deps), oauthTokenEndpoint(deps));
}
