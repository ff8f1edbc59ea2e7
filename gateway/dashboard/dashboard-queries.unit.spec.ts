import { parse } from 'graphql';
import { forecastOf, PLANS_QUERY, plotDataFromAnswers, USAGE_QUERY, type PlansAnswer } from './dashboard-queries';
import { samplePlotData } from './test-support/sample-plot-data';

describe('the dashboard queries', () => {
  const sample = samplePlotData();
  const { unitSize, ...scheduled } = sample.capacity!;
  const plans: PlansAnswer = {
    tenant: { name: 'Acme' },
    resourceDemandPredictions: [sample.forecast!],
    scalingSchedules: [
      { ...scheduled, scheduleId: 'memory-plan', policyId: 'memory-policy', resourceType: 'MEMORY' },
      { ...scheduled, policyId: 'compute-policy', resourceType: 'COMPUTE' },
    ],
    scalingPolicies: [{ policyId: 'compute-policy', scalingRules: { unitSize } }],
  };

  it('are valid GraphQL documents', () => {
    expect(() => parse(PLANS_QUERY)).not.toThrow();
    expect(() => parse(USAGE_QUERY)).not.toThrow();
  });

  it("draw the resource's newest schedule, scaled by its policy's unit size", () => {
    const data = plotDataFromAnswers('acme-id', 'COMPUTE', plans, { usageSeries: { points: sample.history } });
    expect(data).toEqual({ ...sample, tenantLabel: 'Acme' });
    expect(forecastOf(plans)).toBe(sample.forecast);
  });

  it('leave capacity out when the policy is not among the answers, and name the tenant by id when its name is not known', () => {
    const data = plotDataFromAnswers('acme-id', 'COMPUTE', { ...plans, tenant: null, scalingPolicies: [] }, { usageSeries: { points: [] } });
    expect(data).toMatchObject({ tenantLabel: 'acme-id', capacity: null, history: [] });
    expect(forecastOf({ ...plans, resourceDemandPredictions: [] })).toBeNull();
  });
});
