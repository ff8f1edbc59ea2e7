import { Kind, parse, type FieldDefinitionNode } from 'graphql';
import { ROLES, type AuthContext, type Role } from '../../platform/auth/auth-context';
import { readSupergraph } from '../../schema/supergraph';
import { SUBSCRIPTION_PERMISSIONS, subscriptionRefusal, type SubscriptionPermissionTable } from './subscription-permissions';

const caller = (...roles: Role[]): AuthContext => ({ subject: 'ada', roles, tenantId: 'acme', tokenId: 't', authMethod: 'development' });

/** Every Subscription field of the composed supergraph, as `Subscription.name`. */
function supergraphSubscriptions(): string[] {
  const fields: readonly FieldDefinitionNode[] = parse(readSupergraph()).definitions.flatMap((definition) =>
    (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === 'Subscription' ? (definition.fields ?? []) : [],
  );
  return fields.map((field) => `Subscription.${field.name.value}`).sort();
}

describe('subscription permissions', () => {
  it('has one row for every subscription of the supergraph, and none for subscriptions it no longer has', () => {
    const subscriptions = supergraphSubscriptions();
    expect(subscriptions.length).toBeGreaterThan(0);
    expect(Object.keys(SUBSCRIPTION_PERMISSIONS).sort()).toEqual(subscriptions);
  });

  it('lets every role open tenantEvents and solveJobProgress (tenant scope and stream visibility are checked besides)', () => {
    for (const role of ROLES) {
      expect(subscriptionRefusal(caller(role), 'tenantEvents')).toBeUndefined();
      expect(subscriptionRefusal(caller(role), 'solveJobProgress')).toBeUndefined();
    }
  });

  it('refuses a role without a row with FORBIDDEN, naming the roles that may', () => {
    const table: SubscriptionPermissionTable = { 'Subscription.tenantEvents': ['TENANT_ADMIN', 'AUDITOR'] };
    const refusal = subscriptionRefusal(caller('VIEWER'), 'tenantEvents', table);
    expect(refusal?.extensions.code).toBe('FORBIDDEN');
    expect(refusal?.message).toContain('needs one of: TENANT_ADMIN, AUDITOR');
    expect(subscriptionRefusal(caller('VIEWER', 'AUDITOR'), 'tenantEvents', table)).toBeUndefined();
  });

  it('refuses a subscription without a row for every role (fail closed)', () => {
    const refusal = subscriptionRefusal(caller('PLATFORM_ADMIN'), 'somethingNew');
    expect(refusal?.extensions.code).toBe('FORBIDDEN');
    expect(refusal?.message).toContain('Subscription.somethingNew');
  });
});
