import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { badUserInput } from '../../../../platform/errors';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireAuth, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import {
  CONTRIBUTION_KINDS,
  CONTRIBUTION_TOTALS_COLLECTION,
  CONTRIBUTIONS_COLLECTION,
  contributionTotalId,
  periodBucket,
  type ContributionDocument,
  type ContributionTotalDocument,
} from '../../../../schema/read-models/portal';
import { ContributionKind, ContributionSummary, LeaderboardEntry, LeaderboardPeriod } from './contribution-types';

const RECENT = 10;

@Resolver()
export class ContributionResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => ContributionSummary, { description: "A developer's points and contributions (the seed's track_contributions): a public profile every signed-in user may read." })
  async trackContributions(@Arg('developerId', () => String) developerId: string, @Ctx() context: SubgraphContext): Promise<ContributionSummary> {
    requireAuth(context);
    if (developerId.trim().length === 0) throw badUserInput('developerId is a user id (the subject of their token).', 'developerId');
    const [total, recent] = await Promise.all([
      this.deps.readStore.collection<ContributionTotalDocument>(CONTRIBUTION_TOTALS_COLLECTION).get(contributionTotalId(periodBucket('ALL_TIME', this.deps.clock()), developerId)),
      this.deps.readStore.collection<ContributionDocument>(CONTRIBUTIONS_COLLECTION).find({ where: { developerId }, sort: [{ field: 'at', direction: 'desc' }], first: RECENT }),
    ]);
    const byKind = CONTRIBUTION_KINDS.map((kind) => ({ kind: kind as ContributionKind, count: total?.byKind[kind]?.count ?? 0, points: total?.byKind[kind]?.points ?? 0 }));
    const countOf = (kind: ContributionKind) => byKind.find((entry) => entry.kind === kind)?.count ?? 0;
    return {
      developerId,
      points: total?.points ?? 0,
      approvedAlgorithms: countOf(ContributionKind.ALGORITHM_APPROVED),
      tutorials: countOf(ContributionKind.TUTORIAL_PUBLISHED),
      acceptedAnswers: countOf(ContributionKind.ANSWER_ACCEPTED),
      algorithmRuns: countOf(ContributionKind.ALGORITHM_RUN),
      byKind,
      recent: recent.items.map(({ kind, points, at, subjectId }) => ({ kind: kind as ContributionKind, points, at, subjectId })),
    };
  }

  @Query(() => [LeaderboardEntry], { description: 'Developers by points earned in the current period, most first: one indexed read of the period’s totals.' })
  async leaderboard(
    @Arg('period', () => LeaderboardPeriod, { defaultValue: LeaderboardPeriod.ALL_TIME }) period: LeaderboardPeriod,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<LeaderboardEntry[]> {
    requireAuth(context);
    assertPageSize(first);
    const bucket = periodBucket(period, this.deps.clock());
    const page = await this.deps.readStore.collection<ContributionTotalDocument>(CONTRIBUTION_TOTALS_COLLECTION).find({ where: { bucket }, sort: [{ field: 'points', direction: 'desc' }], first });
    return ranked(page.items);
  }
}

/** Standard competition ranking (1, 2, 2, 4): equal points share a rank. */
function ranked(totals: readonly ContributionTotalDocument[]): LeaderboardEntry[] {
  return totals.map((total) => ({
    rank: totals.findIndex((other) => other.points === total.points) + 1,
    developerId: total.developerId,
    points: total.points,
  }));
}
