import { ROLES, type AuthContext, type Role } from '../../platform/auth/auth-context';
import { auditStreamId } from '../../platform/audit';
import * as events from '../../schema/events';
import { CHANGE_AUDITED } from '../../platform/audit/change-audited';
import { canReadEvent, STREAM_READERS } from './stream-visibility';

const caller = (role: Role): AuthContext => ({ subject: 'ada', roles: [role], tenantId: 'acme', tokenId: 't', authMethod: 'development' });
const OVERSEERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'AUDITOR'];
const readersOf = (streamId: string, type = 'SomethingHappened') => ROLES.filter((role) => canReadEvent(caller(role), { streamId, type }));

describe('stream visibility in tenantEvents', () => {
  it('has a row for every stream category named in schema/events, and for the audit trail', () => {
    const categories = Object.entries(events)
      .filter(([name, value]) => name.endsWith('_CATEGORY') && typeof value === 'string')
      .map(([, value]) => value as string);
    expect(categories.length).toBeGreaterThan(5);
    const missing = [...categories, auditStreamId('x').split('-')[0]].filter((category) => !(category in STREAM_READERS));
    expect(missing).toEqual([]);
  });

  it.each(['audit-acme', 'authentication-acme', 'session-s1', 'user-u1', 'identityprovider-p1', 'compliance-acme', 'compliancecheck-c1', 'changeapproval-a1', 'deadletter-tenants'])(
    'shows %s only to platform-admin, tenant-admin and auditor',
    (streamId) => expect(readersOf(streamId)).toEqual(OVERSEERS),
  );

  it.each(['tenant-acme', 'problem-p1', 'constraint-c1', 'solvejob-j1', 'optimization-r1'])('shows %s to every role', (streamId) => {
    expect(readersOf(streamId)).toEqual(ROLES);
  });

  it("shows a change's audit record, which travels in the change's stream, as the audit trail is shown", () => {
    expect(readersOf('problem-p1', CHANGE_AUDITED)).toEqual(OVERSEERS);
  });

  it('shows a category without a row to the overseers only (fail closed)', () => {
    expect(readersOf('brandnew-1')).toEqual(OVERSEERS);
  });
});
