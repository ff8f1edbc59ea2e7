import { dataOf, errorCodes } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

const CREATE = `mutation ($input: CreateScalingPolicyInput!) {
  createScalingPolicy(input: $input) {
    policyId resourceType autoApproval isActive
    scalingRules { mode minCapacity maxCapacity maxStepChange schedulingBufferMinutes demandQuantile unitSize unitCostPerHour costPerAction minHoldHours capacityWindows { daysOfWeek fromHour toHour minCapacity maxCapacity } }
    costLimits { maxScheduleCost }
    performanceTargets { coverage }
  }
}`;
const UPDATE = 'mutation ($id: ID!, $input: UpdateScalingPolicyInput!) { updateScalingPolicy(policyId: $id, input: $input) { policyId isActive scalingRules { maxCapacity maxStepChange } costLimits { maxScheduleCost } } }';
const POLICIES = 'query ($t: ID!) { scalingPolicies(tenantId: $t) { policyId resourceType isActive } }';

/** The seed's ScalingPolicy through the gateway: defaults, conflicts (the seed's "resource scaling conflicts"), tenant scope. */
describe('scaling policies through the gateway', () => {
  const goliath = useTestPlatform();
  let tenant: string;
  let admin: string;

  const create = (input: Record<string, unknown>, token = admin) => goliath.call<{ createScalingPolicy: { policyId: string } & Record<string, unknown> }>(CREATE, { input: { tenantId: tenant, ...input } }, token);

  beforeAll(async () => {
    [tenant] = await goliath.createTenants('Acme');
    admin = await goliath.token('TENANT_ADMIN', tenant, 'ada');
  });

  it('creates a policy from a tenant and a resource alone, every other field defaulted', async () => {
    const policy = dataOf(await create({ resourceType: 'COMPUTE' })).createScalingPolicy;
    expect(policy).toEqual({
      policyId: expect.any(String),
      resourceType: 'COMPUTE',
      autoApproval: false,
      isActive: true,
      scalingRules: { mode: 'FORECAST_ONLY', minCapacity: 1, maxCapacity: 4, maxStepChange: null, schedulingBufferMinutes: 10, demandQuantile: 0.95, unitSize: 3600, unitCostPerHour: 1, costPerAction: 0, minHoldHours: 1, capacityWindows: [] },
      costLimits: { maxScheduleCost: null },
      performanceTargets: { coverage: 0.99 },
    });
  });

  it('refuses a second active policy for one resource with SCALING_POLICY_CONFLICT naming the first, until the first is switched off', async () => {
    const first = dataOf(await create({ resourceType: 'MEMORY' })).createScalingPolicy;
    const second = await create({ resourceType: 'MEMORY', scalingRules: { maxCapacity: 8 } });
    expect(errorCodes(second)).toEqual(['SCALING_POLICY_CONFLICT']);
    expect(second.errors?.[0].message).toContain(first.policyId);
    expect(second.errors?.[0].extensions?.policies).toEqual([first.policyId, expect.any(String)]);
    const off = dataOf(await goliath.call<{ updateScalingPolicy: { isActive: boolean } }>(UPDATE, { id: first.policyId, input: { isActive: false } }, admin)).updateScalingPolicy;
    expect(off.isActive).toBe(false);
    const replacement = dataOf(await create({ resourceType: 'MEMORY', scalingRules: { maxCapacity: 8, maxStepChange: 2 }, costLimits: { maxScheduleCost: 500 } })).createScalingPolicy;
    const changed = dataOf(await goliath.call<{ updateScalingPolicy: Record<string, unknown> }>(UPDATE, { id: replacement.policyId, input: { scalingRules: { maxStepChange: null }, costLimits: { maxScheduleCost: null } } }, admin)).updateScalingPolicy;
    expect(changed).toMatchObject({ scalingRules: { maxCapacity: 8, maxStepChange: null }, costLimits: { maxScheduleCost: null } });
    const listed = dataOf(await goliath.call<{ scalingPolicies: { resourceType: string; isActive: boolean }[] }>(POLICIES, { t: tenant }, await goliath.token('VIEWER', tenant))).scalingPolicies;
    expect(listed.filter((policy) => policy.resourceType === 'MEMORY').map((policy) => policy.isActive)).toEqual([false, true]);
  });

  it('refuses bounds that cannot hold (SCALING_POLICY_CONFLICT) and bad values (BAD_USER_INPUT), storing nothing', async () => {
    const inverted = await create({ resourceType: 'STORAGE', scalingRules: { minCapacity: 6, maxCapacity: 2 } });
    expect(errorCodes(inverted)).toEqual(['SCALING_POLICY_CONFLICT']);
    const window = await create({ resourceType: 'STORAGE', scalingRules: { capacityWindows: [{ daysOfWeek: ['MONDAY'], fromHour: 9, toHour: 17, minCapacity: 9, maxCapacity: 3 }] } });
    expect(window.errors?.[0].message).toMatch(/minCapacity 9 is above maxCapacity 3 at MONDAY 09:00 UTC/);
    const quantile = await create({ resourceType: 'STORAGE', scalingRules: { demandQuantile: 1.5 } });
    expect(errorCodes(quantile)).toEqual(['BAD_USER_INPUT']);
    expect(quantile.errors?.[0].extensions?.field).toBe('input.scalingRules.demandQuantile');
    expect(errorCodes(await create({ resourceType: 'STORAGE', scalingRules: { capacityWindows: [{ daysOfWeek: ['MONDAY'], fromHour: 17, toHour: 9, minCapacity: 1, maxCapacity: 3 }] } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await create({ resourceType: 'DISK' }))).toEqual(['BAD_USER_INPUT']);
    const listed = dataOf(await goliath.call<{ scalingPolicies: { resourceType: string }[] }>(POLICIES, { t: tenant }, admin)).scalingPolicies;
    expect(listed.some((policy) => policy.resourceType === 'STORAGE')).toBe(false);
  });

  it("keeps policies to their tenant's admins", async () => {
    const policy = dataOf(await create({ resourceType: 'NETWORK' })).createScalingPolicy;
    const [other] = await goliath.createTenants('Globex');
    const outsider = await goliath.token('TENANT_ADMIN', other);
    expect(errorCodes(await goliath.call(UPDATE, { id: policy.policyId, input: { isActive: false } }, outsider))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call(POLICIES, { t: tenant }, outsider))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await create({ resourceType: 'NETWORK' }, await goliath.token('ANALYST', tenant)))).toEqual(['FORBIDDEN']);
  });
});
