import type { RecordedEvent } from '../platform/eventstore/port';
import { ALGORITHM_CATEGORY, OPTIMIZATION_RUN_CATEGORY, SOLVE_JOB_CATEGORY, THREAD_CATEGORY, TUTORIAL_CATEGORY, type AlgorithmRunMetered, type AlgorithmVersionApproved, type AnswerAccepted, type TutorialCreated } from '../schema/events';
import {
  CONTRIBUTION_POINTS,
  CONTRIBUTION_TOTALS_COLLECTION,
  CONTRIBUTIONS_COLLECTION,
  LEADERBOARD_PERIODS,
  contributionTotalId,
  periodBucket,
  type ContributionDocument,
  type ContributionKind,
  type ContributionTotalDocument,
} from '../schema/read-models/portal';
import type { Projection, ProjectionContext } from './projection';

type ScoringEvent = AlgorithmVersionApproved | TutorialCreated | AnswerAccepted | AlgorithmRunMetered;

/**
 * Developers' contributions, every figure derived from events: one fact per scoring event (its id
 * is the event's), and each developer's totals per week, month, year and all time, folded from the
 * same event. Redelivery adds nothing twice: a document already holding an event's position drops
 * that event's writes (projections/unit-of-work.ts).
 */
export const contributionsProjection: Projection = {
  name: 'contributions',
  collections: [
    { name: CONTRIBUTIONS_COLLECTION, indexes: ['developerId', 'at'] },
    { name: CONTRIBUTION_TOTALS_COLLECTION, indexes: ['bucket', 'developerId', 'points'] },
  ],
  filter: {
    categories: [ALGORITHM_CATEGORY, TUTORIAL_CATEGORY, THREAD_CATEGORY, OPTIMIZATION_RUN_CATEGORY, SOLVE_JOB_CATEGORY],
    eventTypes: ['AlgorithmVersionApproved', 'TutorialCreated', 'AnswerAccepted', 'AlgorithmRunMetered'],
  },
  async handle(recorded, context) {
    const contribution = contributionOf(recorded);
    if (!contribution?.developerId) return;
    context.upsert(CONTRIBUTIONS_COLLECTION, contribution);
    for (const period of LEADERBOARD_PERIODS) await addToTotal(context, periodBucket(period, new Date(contribution.at)), contribution);
  },
};

/** The event's contribution; none for what one grants oneself (accepting one's own answer, running one's own tenant's algorithm), which would buy points. */
function contributionOf(recorded: RecordedEvent): ContributionDocument | undefined {
  const event = recorded as unknown as ScoringEvent;
  const fact = (kind: ContributionKind, developerId: string, subjectId: string, at: string): ContributionDocument => ({ id: recorded.id, developerId, kind, points: CONTRIBUTION_POINTS[kind], at, subjectId });
  switch (event.type) {
    case 'AlgorithmVersionApproved':
      return fact('ALGORITHM_APPROVED', event.data.authorId, event.data.algorithmId, event.data.reviewedAt);
    case 'TutorialCreated':
      return fact('TUTORIAL_PUBLISHED', event.data.authorId, event.data.tutorialId, event.data.createdAt);
    case 'AnswerAccepted':
      if (event.data.acceptedBy === event.data.answerAuthorId) return undefined;
      return fact('ANSWER_ACCEPTED', event.data.answerAuthorId, event.data.postId, event.data.acceptedAt);
    case 'AlgorithmRunMetered':
      if (event.data.runnerTenantId === event.data.authorTenantId) return undefined;
      return fact('ALGORITHM_RUN', event.data.authorId, event.data.algorithmId, event.data.at);
  }
}

async function addToTotal(context: ProjectionContext, bucket: string, contribution: ContributionDocument): Promise<void> {
  const id = contributionTotalId(bucket, contribution.developerId);
  const total = await context.get<ContributionTotalDocument>(CONTRIBUTION_TOTALS_COLLECTION, id);
  const kind = total?.byKind[contribution.kind] ?? { count: 0, points: 0 };
  context.upsert(CONTRIBUTION_TOTALS_COLLECTION, {
    id,
    bucket,
    developerId: contribution.developerId,
    points: (total?.points ?? 0) + contribution.points,
    byKind: { ...total?.byKind, [contribution.kind]: { count: kind.count + 1, points: kind.points + contribution.points } },
  } satisfies ContributionTotalDocument);
}
