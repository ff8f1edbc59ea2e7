import type { ConstraintOutcomeDocument } from '../../../schema/read-models/constraint-performance';
import { feasibilityTrend, summarizeDays, summarizeOutcomes } from './aggregate-performance';

const outcome = (recordedAt: string, satisfied: boolean, objective: number | null, violation = satisfied ? 0 : 2): ConstraintOutcomeDocument => ({
  id: recordedAt,
  tenantId: 't',
  problemId: 'p',
  constraintId: 'c',
  solveId: recordedAt,
  recordedAt,
  penaltyWeight: 1,
  satisfied,
  violation,
  satisfiedShare: satisfied ? 1 : 0,
  objective,
  cpuMs: 10,
  timeLimitMs: 50,
  kind: 'LINEAR_INEQUALITY',
  relativeWeight: 1,
  tightness: 0.5,
  variables: 3,
  quadraticTerms: 0,
  density: 0,
  coefficientScale: 1,
});

describe('constraint performance', () => {
  it('folds outcomes into feasibility rate, mean violation, mean gap to the best objective ever and CPU cost', () => {
    // given two feasible solves at −8 and −6 and an infeasible one, the problem's best being −8
    const outcomes = [outcome('2026-12-01T01:00:00Z', true, -8), outcome('2026-12-01T02:00:00Z', true, -6), outcome('2026-12-01T03:00:00Z', false, null)];
    // then
    expect(summarizeOutcomes(outcomes, -8)).toEqual({ solves: 3, feasibilityRate: 2 / 3, meanViolation: 2 / 3, meanObjectiveGap: 1 / 8, cpuMs: 30 });
    expect(summarizeOutcomes(outcomes, undefined).meanObjectiveGap).toBeNull();
    expect(summarizeOutcomes([], -8)).toEqual({ solves: 0, feasibilityRate: 0, meanViolation: 0, meanObjectiveGap: null, cpuMs: 0 });
  });

  it('folds day sums to the same figures as the outcomes they sum', () => {
    const day = { id: 'c:2026-12-01', tenantId: 't', problemId: 'p', constraintId: 'c', kind: 'ONE_HOT', day: '2026-12-01', penaltyWeight: 1, lastRecordedAt: '' };
    const days = [
      { ...day, solves: 2, satisfiedSolves: 2, violationSum: 0, objectiveSum: -14, objectiveCount: 2, cpuMsSum: 20 },
      { ...day, id: 'c:2026-12-02', day: '2026-12-02', solves: 1, satisfiedSolves: 0, violationSum: 2, objectiveSum: 0, objectiveCount: 0, cpuMsSum: 10 },
    ];
    expect(summarizeDays(days, -8)).toEqual({ solves: 3, feasibilityRate: 2 / 3, meanViolation: 2 / 3, meanObjectiveGap: 1 / 8, cpuMs: 30 });
  });

  it('calls a trend only with enough solves, from the earlier half to the later half', () => {
    const infeasibleThenFeasible = ['01', '02', '03', '04'].map((hour, index) => outcome(`2026-12-01T${hour}:00:00Z`, index >= 2, null));
    expect(feasibilityTrend(infeasibleThenFeasible)).toEqual({ direction: 'IMPROVING', feasibilityRateChange: 1 });
    expect(feasibilityTrend([...infeasibleThenFeasible].reverse().map((o, i) => ({ ...o, recordedAt: `2026-12-01T0${i}:00:00Z` })))).toEqual({ direction: 'DECLINING', feasibilityRateChange: -1 });
    expect(feasibilityTrend(infeasibleThenFeasible.slice(0, 3))).toBeNull();
  });
});
