import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { badUserInput, notFound } from '../../../platform/errors';
import { requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { ConstraintPriceMeasured } from '../../../schema/events';
import { measureConstraintPrice } from '../performance/measure-constraint-price';
import { readAll } from '../../../platform/readstore/read-all';
import { DateTimeScalar } from '../../../schema/graphql/scalars';
import {
  CONSTRAINT_OUTCOMES_COLLECTION,
  CONSTRAINT_PERFORMANCE_DAYS_COLLECTION,
  CONSTRAINT_PRICES_COLLECTION,
  type ConstraintPriceDocument,
  PROBLEM_OBJECTIVE_BESTS_COLLECTION,
  type ConstraintOutcomeDocument,
  type ConstraintPerformanceDayDocument,
  type ProblemObjectiveBestDocument,
} from '../../../schema/read-models/constraint-performance';
import { CONSTRAINTS_COLLECTION, type ConstraintDocument } from '../../../schema/read-models/optimization';
import { feasibilityTrend, summarizeDays, summarizeOutcomes } from '../performance/aggregate-performance';
import { ConstraintPerformance, ConstraintPrice, TenantPerformanceRow, type TrendDirection } from './performance-types';

/** The most solves one `constraintPerformance` folds: the latest ones when a range holds more. */
const MAX_OUTCOMES = 20_000;
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

@Resolver()
export class PerformanceResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => ConstraintPerformance, {
    description: "How a constraint performed in its problem's solves between from and to (default: all of them, the latest 20,000 at most): feasibility rate, mean violation, mean objective gap, trend, CPU cost.",
  })
  async constraintPerformance(
    @Arg('constraintId', () => ID) constraintId: string,
    @Ctx() context: SubgraphContext,
    @Arg('from', () => DateTimeScalar, { nullable: true }) from?: Date | string,
    @Arg('to', () => DateTimeScalar, { nullable: true }) to?: Date | string,
  ): Promise<ConstraintPerformance> {
    const constraint = await this.deps.readStore.collection<ConstraintDocument>(CONSTRAINTS_COLLECTION).get(constraintId);
    if (!constraint) throw notFound('Constraint', constraintId);
    requireVisibleItem(context, constraint.tenantId, () => notFound('Constraint', constraintId));
    const range = { ...(from != null && { gte: isoOf(from) }), ...(to != null && { lte: isoOf(to) }) };
    if (range.gte && range.lte && range.gte > range.lte) throw badUserInput('from must not be after to.', 'from');
    const outcomes = await readAll(
      this.deps.readStore.collection<ConstraintOutcomeDocument>(CONSTRAINT_OUTCOMES_COLLECTION),
      { where: { constraintId, ...(Object.keys(range).length > 0 && { recordedAt: range }) }, sort: [{ field: 'recordedAt', direction: 'desc' }] },
      MAX_OUTCOMES,
    );
    const best = await this.best(constraint.problemId);
    const trend = feasibilityTrend(outcomes);
    return {
      constraintId,
      problemId: constraint.problemId,
      tenantId: constraint.tenantId,
      from: range.gte,
      to: range.lte,
      ...summarizeOutcomes(outcomes, best?.bestFeasibleObjective),
      bestFeasibleObjective: best ? asStated(best.objectiveSense, best.bestFeasibleObjective) : null,
      trend: trend && { direction: trend.direction as TrendDirection, feasibilityRateChange: trend.feasibilityRateChange },
      penaltyWeight: constraint.penaltyWeight,
      price: toPrice(await this.deps.readStore.collection<ConstraintPriceDocument>(CONSTRAINT_PRICES_COLLECTION).get(constraintId)),
    };
  }

  @Mutation(() => ConstraintPrice, {
    description: "Measures what the constraint costs in objective: its problem shadow-solved with every constraint and with this one left out (5 seeds each, at the budget of its recent solves); the latest shows in constraintPerformance.price.",
  })
  async measureConstraintPrice(@Arg('constraintId', () => ID) constraintId: string, @Ctx() context: SubgraphContext): Promise<ConstraintPrice> {
    const constraint = await this.deps.readStore.collection<ConstraintDocument>(CONSTRAINTS_COLLECTION).get(constraintId);
    if (!constraint) throw notFound('Constraint', constraintId);
    requireVisibleItem(context, constraint.tenantId, () => notFound('Constraint', constraintId));
    return toPrice(await measureConstraintPrice(this.deps, callerOf(context), constraint))!;
  }

  @Query(() => [TenantPerformanceRow], {
    description: "The seed's get_tenant_performance / collect_performance_data(time_range): one row per constraint of the tenant's problems solved in the last `days` days (UTC days, today included).",
  })
  async tenantPerformance(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() context: SubgraphContext,
    @Arg('days', () => Int, { nullable: true, defaultValue: 30 }) given: number | null,
  ): Promise<TenantPerformanceRow[]> {
    requireTenantAccess(context, tenantId);
    const days = given ?? 30;
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw badUserInput(`days must be between 1 and ${MAX_DAYS}.`, 'days');
    const since = new Date(this.deps.clock().getTime() - (days - 1) * DAY_MS).toISOString().slice(0, 10);
    const dayDocuments = await readAll(this.deps.readStore.collection<ConstraintPerformanceDayDocument>(CONSTRAINT_PERFORMANCE_DAYS_COLLECTION), { where: { tenantId, day: { gte: since } } });
    const byConstraint = new Map<string, ConstraintPerformanceDayDocument[]>();
    for (const day of dayDocuments) byConstraint.set(day.constraintId, [...(byConstraint.get(day.constraintId) ?? []), day]);
    const rows = await Promise.all(
      [...byConstraint.values()].map(async (constraintDays): Promise<TenantPerformanceRow> => {
        const latest = constraintDays.reduce((a, b) => (a.lastRecordedAt >= b.lastRecordedAt ? a : b));
        const best = await this.best(latest.problemId);
        return {
          constraintId: latest.constraintId,
          problemId: latest.problemId,
          kind: latest.kind,
          ...summarizeDays(constraintDays, best?.bestFeasibleObjective),
          penaltyWeight: latest.penaltyWeight,
          penaltyMethod: latest.penaltyMethod ?? null,
          lastSolvedAt: latest.lastRecordedAt,
        };
      }),
    );
    return rows.sort((a, b) => a.problemId.localeCompare(b.problemId) || a.constraintId.localeCompare(b.constraintId));
  }

  private best(problemId: string): Promise<ProblemObjectiveBestDocument | undefined> {
    return this.deps.readStore.collection<ProblemObjectiveBestDocument>(PROBLEM_OBJECTIVE_BESTS_COLLECTION).get(problemId);
  }
}

/** A measured price as the problem states its objective. */
function toPrice(price: ConstraintPriceMeasured['data'] | undefined): ConstraintPrice | null {
  if (!price) return null;
  const stated = (value: number | null) => (value === null ? null : asStated(price.objectiveSense, value));
  return {
    withConstraint: stated(price.withConstraint),
    withoutConstraint: stated(price.withoutConstraint),
    price: price.price,
    relativePrice: price.price === null || price.withoutConstraint === null ? null : price.price / Math.max(Math.abs(price.withoutConstraint), Number.EPSILON),
    shadowSolves: price.shadowSolves,
    shadowTimeLimitMs: price.shadowTimeLimitMs,
    measuredAt: price.measuredAt,
  };
}

/** An objective as the problem states it (a packed value for a maximisation), not in its minimisation form. */
function asStated(sense: ProblemObjectiveBestDocument['objectiveSense'], objective: number): number {
  return sense === 'MAXIMIZE' ? 0 - objective : objective;
}

function isoOf(value: Date | string): string {
  return new Date(value).toISOString();
}
