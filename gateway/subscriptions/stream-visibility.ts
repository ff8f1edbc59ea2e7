import { ROLES, type AuthContext, type Role } from '../../platform/auth/auth-context';
import { auditStreamId } from '../../platform/audit';
import { CHANGE_AUDITED } from '../../platform/audit/change-audited';
import { streamCategory, type RecordedEvent } from '../../platform/eventstore/port';

const AUDIT_CATEGORY = streamCategory(auditStreamId('any'));

/** Those who oversee a tenant: its audit trail, sign-ins, sessions, users and compliance. */
const OVERSEERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'AUDITOR'];

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
  // How constraints were evolved: domain data, read like the constraints themselves.
  evolution: ROLES,
  evolutiontrigger: ROLES,
  constraintprice: ROLES,
  market: ROLES,
  // The tenant's trained prediction models: read like constraintEvolutionModels, by every role.
  evolutionmodel: ROLES,
  // Metered usage: read like usageSeries, by every role.
  usage: ROLES,
  scalingpolicy: ROLES,
  tenantcapacity: ROLES,
  demandprediction: ROLES,
  scalingcalendar: ROLES,
  scalingschedule: ROLES,
  // Shared community content, read by every signed-in role over HTTP too.
  forum: ROLES,
  thread: ROLES,
  communityevent: ROLES,
  // The tenant's marketplace listings, tutorials and projects: read by every role over HTTP too.
  algorithm: ROLES,
  tutorial: ROLES,
  project: ROLES,
  // Purchases carry the invoice, which only those who answer for the tenant's spending read.
  license: OVERSEERS,
  // Benchmarks of a listing's recipe: evidence shown on the listing to every signed-in user.
  algorithmbenchmark: ROLES,
  // Who flagged what, appeals and bans: for those who oversee the tenant, and the moderators.
  moderation: [...OVERSEERS, 'MODERATOR'],
  communitymember: [...OVERSEERS, 'MODERATOR'],
  // Oversight: only those who may read the audit trail, users and compliance over HTTP.
  [AUDIT_CATEGORY]: OVERSEERS,
  authentication: OVERSEERS,
  session: OVERSEERS,
  samlassertion: OVERSEERS,
  user: OVERSEERS,
  identityprovider: OVERSEERS,
  serviceaccount: OVERSEERS,
  compliance: OVERSEERS,
  compliancecheck: OVERSEERS,
  changeapproval: OVERSEERS,
  // An operator's retry or skip of the tenant's parked event: operations, read as the trail is.
  deadletter: OVERSEERS,
};

/**
 * Whether the caller may see an event in its tenant's event feed. A change's audit record travels
 * in the change's own stream (a problem's, a job's) but is part of the audit trail, so it is read
 * as the trail is.
 */
export function canReadEvent(auth: AuthContext, event: Pick<RecordedEvent, 'streamId' | 'type'>): boolean {
  const category = event.type === CHANGE_AUDITED ? AUDIT_CATEGORY : streamCategory(event.streamId);
  const readers = STREAM_READERS[category] ?? OVERSEERS;
  return auth.roles.some((role) => readers.includes(role));
}
