import { capturedIo } from '../../cli/test-support/captured-io';
import { runUsage } from '../../cli/usage-command';
import { dataOf } from '../support/gateway-client';
import { restClient } from '../support/rest-client';
import { sharedDataFile } from '../support/shared-data';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(120_000);

/** The seed's predictive-scaling REST paths over the GraphQL operations: forecast → schedule → apply. */
describe('predictive scaling over REST', () => {
  const goliath = useTestPlatform();
  const rest = restClient(goliath);
  let tenant: string;
  let planner: string;
  let policyId: string;
  let scheduleId: string;

  const scheduleNow = async (id: string) =>
    dataOf(await goliath.call<{ scalingSchedule: { status: string; actions: unknown[] } }>('query ($id: ID!) { scalingSchedule(scheduleId: $id) { status actions { actionId } } }', { id }, planner)).scalingSchedule;

  beforeAll(async () => {
    [tenant] = await goliath.createTenants('Acme');
    planner = await goliath.token('TENANT_ADMIN', tenant, 'ada');
    const args = ['import', sharedDataFile('demand', 'nab', 'nyc_taxi.csv'), '--tenant', tenant, '--resource', 'compute', '--aggregate', 'sum', '--shift-to-now'];
    expect(await runUsage(args, capturedIo(), { DATA_DIR: goliath.dataDir, LOG_LEVEL: 'silent' })).toBe(0);
  });

  it("forecasts demand from the seed's body (lower-case resource types), recorded as GraphQL's predictResourceDemand records it", async () => {
    const answer = await rest('POST', '/phase2.1/scaling/predict-demand', { tenant_id: tenant, time_horizon: 24, resource_types: ['compute'], include_business_cycles: true }, planner);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([expect.objectContaining({ tenant_id: tenant, resource_type: 'compute', horizon_hours: 24, requested_by: 'ada' })]);
    expect(answer.body[0].points).toHaveLength(24);
    expect(answer.body[0].points[0]).toEqual({ time: expect.any(String), expected: expect.any(Number), lower: expect.any(Number), upper: expect.any(Number) });
    const recorded = dataOf(await goliath.call<{ resourceDemandPredictions: { predictionId: string }[] }>('query ($t: ID!) { resourceDemandPredictions(tenantId: $t) { predictionId } }', { t: tenant }, planner)).resourceDemandPredictions;
    expect(recorded.map((prediction) => prediction.predictionId)).toEqual([answer.body[0].prediction_id]);
    // A resource without history is the operation's refusal, with its status.
    const refused = await rest('POST', '/phase2.1/scaling/predict-demand', { tenant_id: tenant, resource_types: ['memory'] }, planner);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'INSUFFICIENT_HISTORY' } } });
  });

  it('plans a schedule for a policy, approved at once under auto-approval, and answers it in the REST style', async () => {
    policyId = dataOf(
      await goliath.call<{ createScalingPolicy: { policyId: string } }>(
        'mutation ($t: ID!) { createScalingPolicy(input: { tenantId: $t, resourceType: COMPUTE, autoApproval: true, scalingRules: { mode: FORECAST_AND_SCALE, minCapacity: 1, maxCapacity: 4, unitSize: 5000 } }) { policyId } }',
        { t: tenant },
        planner,
      ),
    ).createScalingPolicy.policyId;
    const answer = await rest('POST', '/phase2.1/scaling/optimize-schedule', { tenant_id: tenant, policy_id: policyId }, planner);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ tenant_id: tenant, policy_id: policyId, resource_type: 'compute', status: 'approved', requires_approval: false, proposed_by: 'ada' });
    expect(answer.body.capacities).toHaveLength(24);
    scheduleId = answer.body.schedule_id;
    const planned = await scheduleNow(scheduleId);
    expect([planned.status, planned.actions.length]).toEqual(['APPROVED', answer.body.actions.length]);
  });

  it('applies the schedule by its id, as applyScalingSchedule does, and answers one it does not know with 404', async () => {
    const answer = await rest('POST', '/phase2.1/scaling/apply-schedule', { schedule_id: scheduleId }, planner);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ schedule_id: scheduleId, status: 'applied', applied_at: expect.any(String) });
    expect((await scheduleNow(scheduleId)).status).toBe('APPLIED');
    expect(await rest('POST', '/phase2.1/scaling/apply-schedule', { schedule_id: 'no-such-schedule' }, planner)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });
});
