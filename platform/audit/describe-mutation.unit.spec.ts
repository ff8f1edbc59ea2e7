import { GraphQLError } from 'graphql';
import type { AuthContext } from '../auth/auth-context';
import { DomainError } from '../commands/decider';
import { forbidden, notFound, platformError, unauthenticated } from '../errors';
import { WrongExpectedRevisionError } from '../eventstore/port';
import { describeMutation, PLATFORM_AUDIT_TENANT, type SettledMutation } from './describe-mutation';

const analyst: AuthContext = { subject: 'grace', roles: ['ANALYST'], tenantId: 'acme', tokenId: 'tok-1', authMethod: 'development' };
const platformAdmin: AuthContext = { subject: 'ada', roles: ['PLATFORM_ADMIN'], tokenId: 'tok-2', authMethod: 'development' };

function settled(overrides: Partial<SettledMutation>): SettledMutation {
  return {
    subgraph: 'optimization',
    fieldName: 'createProblem',
    args: {},
    auth: analyst,
    correlationId: 'corr-1',
    time: new Date('2026-03-01T10:00:00Z'),
    ...overrides,
  };
}

describe('describeMutation', () => {
  it('records a success by the signed-in user on what the mutation answered, in the declared tenant', () => {
    const entry = describeMutation(settled({ args: { input: { tenantId: 'acme', name: 'p' } }, declaredTenant: 'acme', result: { id: 'problem-1', tenantId: 'acme' } }));
    expect(entry).toEqual({
      actor: 'grace',
      tenantId: 'acme',
      action: 'optimization.createProblem',
      target: 'problem-1',
      outcome: 'success',
      correlationId: 'corr-1',
      time: '2026-03-01T10:00:00.000Z',
      details: { arguments: { input: { tenantId: 'acme', name: 'p' } } },
    });
  });

  it('targets the id argument first, then other …Id arguments', () => {
    expect(describeMutation(settled({ fieldName: 'cancelSolveJob', args: { id: 'job-1' }, result: { id: 'job-1', tenantId: 'acme' } })).target).toBe('job-1');
    expect(describeMutation(settled({ fieldName: 'updateConstraint', args: { constraintId: 'c-1', evolutionReason: 'r' } })).target).toBe('c-1');
    expect(describeMutation(settled({ fieldName: 'removeConstraint', args: { constraintId: 'c-2' }, result: 'c-2' })).target).toBe('c-2');
    expect(describeMutation(settled({ fieldName: 'optimizeQubo', args: { input: { tenantId: 'acme' } }, result: { energy: 1 } })).target).toBe('-');
  });

  it('files a platform operation without a tenant under "platform", and never in a tenant the caller cannot reach', () => {
    const refused = describeMutation(settled({ subgraph: 'enterprise', fieldName: 'createTenant', auth: platformAdmin, args: { input: { name: '' } }, error: new DomainError('BAD_USER_INPUT', 'A tenant needs a name.') }));
    expect(refused).toMatchObject({ tenantId: PLATFORM_AUDIT_TENANT, outcome: 'failure', details: { errorCode: 'BAD_USER_INPUT', errorMessage: 'A tenant needs a name.' } });
    const failed = describeMutation(settled({ declaredTenant: 'globex', error: new DomainError('CONFLICT', 'taken') }));
    expect(failed).toMatchObject({ tenantId: 'acme', outcome: 'failure', details: { attemptedTenantId: 'globex' } });
  });

  it("records a refusal as denied in the caller's own tenant and names the tenant it tried", () => {
    const entry = describeMutation(settled({ args: { input: { tenantId: 'globex', name: 'p' } }, declaredTenant: 'globex', error: forbidden('You may not access tenant globex.') }));
    expect(entry).toMatchObject({ tenantId: 'acme', outcome: 'denied', actor: 'grace', details: { errorCode: 'FORBIDDEN', attemptedTenantId: 'globex' } });
  });

  it("records another tenant's item as it records a missing one: NOT_FOUND in the caller's own trail, naming no tenant", () => {
    const ofOther = describeMutation(settled({ fieldName: 'cancelSolveJob', args: { id: 'job-9' }, declaredTenant: 'globex', result: notFound('Solve job', 'job-9') }));
    const missing = describeMutation(settled({ fieldName: 'cancelSolveJob', args: { id: 'job-9' }, error: notFound('Solve job', 'job-9') }));
    expect(ofOther).toEqual(missing);
    expect(ofOther).toMatchObject({ tenantId: 'acme', outcome: 'failure', details: { errorCode: 'NOT_FOUND' } });
  });

  it('treats refusals graphql-shield returns instead of throwing like thrown ones', () => {
    const entry = describeMutation(settled({ args: { input: { tenantId: 'acme' } }, result: platformError('COMPLIANCE_VIOLATION', 'Data residency rule r-1 forbids this.') }));
    expect(entry).toMatchObject({ outcome: 'denied', details: { errorCode: 'COMPLIANCE_VIOLATION' } });
  });

  it("files an unauthenticated caller's call in the platform trail, naming the attempted user and tenant, never its secret", () => {
    const entry = describeMutation(
      settled({ subgraph: 'enterprise', fieldName: 'signInWithLdap', auth: undefined, declaredTenant: 'acme', args: { input: { tenantId: 'acme', username: 'mallory', password: 'guess' } }, error: platformError('INVALID_CREDENTIALS', 'Wrong username or password.') }),
    );
    expect(entry).toMatchObject({ actor: 'mallory', tenantId: PLATFORM_AUDIT_TENANT, outcome: 'denied', details: { attemptedTenantId: 'acme', arguments: { input: { username: 'mallory', password: '[REDACTED]' } } } });
    expect(describeMutation(settled({ auth: undefined, args: { samlResponse: 'PHN' }, error: unauthenticated() }))).toMatchObject({ actor: 'anonymous', tenantId: PLATFORM_AUDIT_TENANT, outcome: 'denied' });
  });

  it('maps concurrency conflicts and unexpected errors to the codes clients see, hiding internal messages', () => {
    expect(describeMutation(settled({ error: new WrongExpectedRevisionError('problem-1', 1, 2) })).details).toMatchObject({ errorCode: 'CONFLICT' });
    const internal = describeMutation(settled({ error: new Error('disk I/O error at /var/lib/x') }));
    expect(internal.outcome).toBe('failure');
    expect(internal.details).toEqual({ arguments: {}, errorCode: 'INTERNAL_SERVER_ERROR' });
    expect(describeMutation(settled({ error: new GraphQLError('no code') })).details).toMatchObject({ errorCode: 'INTERNAL_SERVER_ERROR' });
  });

  it('does not trust a tenant argument that cannot name a stream', () => {
    const entry = describeMutation(settled({ auth: platformAdmin, args: { tenantId: 'x'.repeat(300) }, declaredTenant: 'x'.repeat(300), error: new DomainError('BAD_USER_INPUT', 'bad') }));
    expect(entry.tenantId).toBe(PLATFORM_AUDIT_TENANT);
  });
});
