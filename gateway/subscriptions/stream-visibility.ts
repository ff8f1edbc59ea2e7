import { ROLES, type AuthContext, type Role } from '../../platform/auth/auth-context';
import { streamCategory } from '../../platform/eventstore/port';

/** Those who oversee a tenant: its audit trail, sign-ins, sessions, users and compliance. */
const OVERSEERS: readonly Role[] = ['platform-admin', 'tenant-admin', 'auditor'];

/**
 * Which roles see a stream category's events in `tenantEvents`; the subscription itself is
 * open to every role, so this is what keeps a viewer from reading the audit trail (or anyone's
 * failed sign-ins) through it. A category without a row is shown to OVERSEERS only (fail
 * closed); `stream-visibility.unit.spec.ts` fails when a category named in `schema/events` has
 * no row, so a new category is given one on purpose.
 */
export const STREAM_READERS: Readonly<Record<string, readonly Role[]>> = {
  // The tenant's own domain data: readable by every role over HTTP too.
  tenant: ROLES,
  problem: ROLES,
  constraint: ROLES,
  optimization: ROLES,
  solvejob: ROLES,
  // Oversight: only those who may read the audit trail, users and compliance over HTTP.
  audit: OVERSEERS,
  authentication: OVERSEERS,
  session: OVERSEERS,
  samlassertion: OVERSEERS,
  user: OVERSEERS,
  identityprovider: OVERSEERS,
  compliance: OVERSEERS,
  compliancecheck: OVERSEERS,
  changeapproval: OVERSEERS,
};

/** Whether the caller may see events of this stream in its tenant's event feed. */
export function canReadStream(auth: AuthContext, streamId: string): boolean {
  const readers = STREAM_READERS[streamCategory(streamId)] ?? OVERSEERS;
  return auth.roles.some((role) => readers.includes(role));
}
