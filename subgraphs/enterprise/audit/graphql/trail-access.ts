import { canReadTrail } from '../../../../platform/audit/trail-readers';
import type { AuthContext } from '../../../../platform/auth/auth-context';
import { forbidden } from '../../../../platform/errors';
import { requireAuth, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';

/** The caller, when it may read this tenant's trail (or, as an operator, the platform's). */
export function requireTrailReader(context: SubgraphContext, deps: Pick<SubgraphDependencies, 'config'>, tenantId: string): AuthContext {
  const auth = requireAuth(context);
  if (!canReadTrail(auth, tenantId, deps.config.signIn.operatorTenantId)) throw forbidden(`You may not read the audit trail of ${tenantId}.`);
  return auth;
}
