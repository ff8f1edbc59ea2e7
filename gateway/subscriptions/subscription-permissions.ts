import type { GraphQLError } from 'graphql';
import { ROLES, type AuthContext, type Role } from '../../platform/auth/auth-context';
import { forbidden } from '../../platform/errors';

/** A root subscription field as `Subscription.tenantEvents`. */
export type SubscriptionName = `Subscription.${string}`;

/**
 * One row per subscription the gateway serves: the roles that may open it (any one suffices).
 * Tenant scope is checked besides, by the field's source, and what a stream carries may be
 * narrowed further per subscriber (stream-visibility.ts).
 */
export type SubscriptionPermissionTable = Readonly<Record<SubscriptionName, readonly Role[]>>;

/**
 * Who may subscribe to what (README, "Subscriptions"). A field without a row is refused for
 * every role; `subscription-permissions.unit.spec.ts` fails when the supergraph has a
 * subscription without a row, or a row names one it no longer has.
 */
export const SUBSCRIPTION_PERMISSIONS = {
  // Every role may read its tenant's events; which streams it sees depends on its roles.
  'Subscription.tenantEvents': ROLES,
  // As `solveJob`: every role reads its tenant's solve jobs.
  'Subscription.solveJobProgress': ROLES,
  // As constraintPerformance and constraintEvolutionHistory: every role reads how its tenant's constraints evolve.
  'Subscription.constraintEvolutions': ROLES,
  'Subscription.scalingEvents': ROLES,
  // Forums and listings are shared content, read by every signed-in role over HTTP too.
  'Subscription.communityActivity': ROLES,
} satisfies SubscriptionPermissionTable;

/** Undefined when one of the caller's roles has a row for the field; FORBIDDEN (as over HTTP) otherwise. */
export function subscriptionRefusal(auth: AuthContext, fieldName: string, table: SubscriptionPermissionTable = SUBSCRIPTION_PERMISSIONS): GraphQLError | undefined {
  const operation: SubscriptionName = `Subscription.${fieldName}`;
  const roles = table[operation];
  if (!roles) {
    return forbidden(`${operation} is refused for every role: it has no row in the gateway's subscription permission table yet. Ask the platform team to add one.`);
  }
  if (auth.roles.some((role) => roles.includes(role))) return undefined;
  const needed = roles.length ? `it needs one of: ${roles.join(', ')}` : 'no role may open it';
  return forbidden(`Your role (${auth.roles.join(', ')}) may not subscribe to ${operation}; ${needed}. Ask your tenant admin for a role that allows it.`);
}
