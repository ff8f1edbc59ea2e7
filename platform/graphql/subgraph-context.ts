import type { GraphQLError } from 'graphql';
import type { AuditedAction } from '../audit/change-audited';
import type { AuthContext } from '../auth/auth-context';
import { canAccessTenant, hasRole } from '../auth/auth-context';
import { forbidden, unauthenticated } from '../errors';

/**
 * Per-request context of a subgraph. The caller's identity comes only from the platform token
 * the subgraph verified itself (zero trust): a header the gateway added is not enough.
 */
export interface SubgraphContext {
  readonly auth?: AuthContext;
  /** Why the presented token was refused; raised when a resolver needs the caller. */
  readonly authError?: GraphQLError;
  readonly correlationId: string;
  readonly requestId: string;
  /** Where the request came from, as the gateway saw it; for sign-in throttling only. */
  readonly clientAddress?: string;
  /** The SOC2 change approval the caller presents (`Goliath-Change-Approval` header), checked by the compliance guard. */
  readonly changeApprovalId?: string;
  /** Inside a mutation: the action its changes are audited under (set by the audit middleware). */
  readonly audit?: AuditedAction;
}

export function requireAuth(context: SubgraphContext): AuthContext {
  if (context.authError) throw context.authError;
  if (!context.auth) throw unauthenticated();
  return context.auth;
}

export function requireTenantAccess(context: SubgraphContext, tenantId: string): AuthContext {
  const auth = requireAuth(context);
  if (!canAccessTenant(auth, tenantId)) throw forbidden(`You may not access tenant ${tenantId}.`);
  return auth;
}

/**
 * For an item looked up by its id: the caller's own tenant's, or the item answers exactly as a
 * missing one would (`missing`, NOT_FOUND), so no one can learn which ids exist in other tenants.
 * A call that names another tenant outright stays FORBIDDEN (`requireTenantAccess`).
 */
export function requireVisibleItem(context: SubgraphContext, ownerTenantId: string, missing: () => GraphQLError): AuthContext {
  const auth = requireAuth(context);
  if (!canAccessTenant(auth, ownerTenantId)) throw missing();
  return auth;
}

export function requirePlatformAdmin(context: SubgraphContext): AuthContext {
  const auth = requireAuth(context);
  if (!hasRole(auth, 'PLATFORM_ADMIN')) throw forbidden('Only a PLATFORM_ADMIN may do this.');
  return auth;
}
