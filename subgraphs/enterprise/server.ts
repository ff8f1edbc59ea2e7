import type { GraphQLSchema } from 'graphql';
import { auditMutations } from '../../platform/graphql/audit-middleware';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { permissionShield } from '../../platform/graphql/permissions/permission-shield';
import { requireTenantAccess, type SubgraphContext } from '../../platform/graphql/subgraph-context';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { TenantEventMessage } from '../../schema/graphql/tenant-event-message';
import { TENANT_EVENTS_SUBSCRIPTION_SDL } from './graphql/tenant-events-subscription';
import { findTenant } from './graphql/tenant-lookup';
import { AuditReplayResolver } from './graphql/audit-replay-resolver';
import { AuditResolver } from './graphql/audit-resolver';
import { AuthenticationResolver } from './graphql/authentication-resolver';
import { IdentityProviderResolver } from './graphql/identity-provider-resolver';
import { UserResolver } from './graphql/user-resolver';
import { TenantResolver } from './graphql/tenant-resolver';
import { ENTERPRISE_PERMISSIONS } from './graphql/permissions';
import { samlBrowserFlow } from './identity/saml-browser-flow';
import { complianceGuard } from '../../platform/compliance';
import { ChangeApprovalResolver } from './compliance/graphql/change-approval-resolver';
import { ComplianceResolver } from './compliance/graphql/compliance-resolver';

/** The enterprise subgraph: tenants, identity (providers, sign-in, sessions, users and roles) and the audit trail. */
export function buildEnterpriseSubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [TenantResolver, AuditResolver, AuditReplayResolver, AuthenticationResolver, IdentityProviderResolver, UserResolver, ComplianceResolver, ChangeApprovalResolver],
    orphanedTypes: [TenantEventMessage],
    extraTypeDefs: TENANT_EVENTS_SUBSCRIPTION_SDL,
    container: dependencyContainer(deps),
    middleware: [
      auditMutations(deps, 'enterprise'),
      permissionShield(ENTERPRISE_PERMISSIONS),
      // renameTenant names its tenant as `id`: so a platform administrator's rename is guarded too.
      complianceGuard(deps, { tenantOf: async (field, args) => (field === 'renameTenant' && typeof args.id === 'string' ? args.id : undefined) }),
    ],
    extraResolvers: {
      Tenant: {
        __resolveReference: (reference: { id: string }, context: SubgraphContext) => {
          requireTenantAccess(context, reference.id);
          return findTenant(deps.readStore, reference.id);
        },
      },
    },
  });
}

/** The SAML browser flow (/auth/saml/:tenant/login|acs|metadata); the gateway streams it through. */
export const enterpriseRoutes = samlBrowserFlow;
