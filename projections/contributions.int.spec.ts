import { algorithmStreamId, optimizationRunStreamId, threadStreamId, tutorialStreamId, type AlgorithmEvent, type AlgorithmRunEvent, type ThreadEvent, type TutorialEvent } from '../schema/events';
import { CONTRIBUTION_TOTALS_COLLECTION, CONTRIBUTIONS_COLLECTION } from '../schema/read-models/portal';
import { describeProjection, stream } from '../test/support/projection-spec';
import { contributionsProjection } from './contributions';

const monday = '2026-03-02T10:00:00.000Z';
const nextMonday = '2026-03-09T10:00:00.000Z';
const approved: AlgorithmEvent = { type: 'AlgorithmVersionApproved', data: { algorithmId: 'a1', version: 1, tenantId: 'acme', authorId: 'ada', reviewerId: 'mod', reason: 'fine', reviewedAt: monday } };
const tutorialCreated: TutorialEvent = {
  type: 'TutorialCreated',
  data: { tutorialId: 't1', tenantId: 'acme', authorId: 'ada', title: 'T', summary: '', body: 'b', bodyHtml: '<p>b</p>', algorithmIds: [], tags: [], version: 1, createdAt: nextMonday },
};
const tutorialUpdated: TutorialEvent = { type: 'TutorialUpdated', data: { ...tutorialCreated.data, version: 2, updatedBy: 'ada', updatedAt: nextMonday } } as TutorialEvent;
const answerAccepted: ThreadEvent = { type: 'AnswerAccepted', data: { forumId: 'f1', threadId: 'th1', postId: 'post1', answerAuthorId: 'grace', answerAuthorTenantId: 'globex', acceptedBy: 'ada', acceptedAt: nextMonday } };
const run: AlgorithmRunEvent = {
  type: 'AlgorithmRunMetered',
  data: { algorithmId: 'a1', version: 1, runnerTenantId: 'globex', authorTenantId: 'acme', authorId: 'ada', solveId: 'r1', solveKind: 'OPTIMIZE_QUBO', cpuMs: 10, wallMs: 10, at: nextMonday },
};

describeProjection(contributionsProjection, (spec) => {
  const algorithm = stream<AlgorithmEvent>(algorithmStreamId('a1'), 'acme');
  const tutorial = stream<TutorialEvent>(tutorialStreamId('t1'), 'acme');
  const thread = stream<ThreadEvent>(threadStreamId('th1'), 'globex');
  const solve = stream<AlgorithmRunEvent>(optimizationRunStreamId('r1'), 'globex');

  it('scores an approved version 50, a tutorial 20 (its updates nothing), an accepted answer 15 and a run 1, per developer and period', () =>
    spec
      .given(algorithm(approved), tutorial(tutorialCreated), tutorial(tutorialUpdated))
      .when(thread(answerAccepted), solve(run))
      .then({
        [CONTRIBUTION_TOTALS_COLLECTION]: {
          'ALL_TIME|ada': {
            id: 'ALL_TIME|ada',
            bucket: 'ALL_TIME',
            developerId: 'ada',
            points: 71,
            byKind: { ALGORITHM_APPROVED: { count: 1, points: 50 }, TUTORIAL_PUBLISHED: { count: 1, points: 20 }, ALGORITHM_RUN: { count: 1, points: 1 } },
          },
          'WEEK:2026-W10|ada': { id: 'WEEK:2026-W10|ada', bucket: 'WEEK:2026-W10', developerId: 'ada', points: 50, byKind: { ALGORITHM_APPROVED: { count: 1, points: 50 } } },
          'WEEK:2026-W11|ada': expect.objectContaining({ points: 21 }),
          'MONTH:2026-03|ada': expect.objectContaining({ points: 71 }),
          'YEAR:2026|ada': expect.objectContaining({ points: 71 }),
          'ALL_TIME|grace': { id: 'ALL_TIME|grace', bucket: 'ALL_TIME', developerId: 'grace', points: 15, byKind: { ANSWER_ACCEPTED: { count: 1, points: 15 } } },
        },
      }));

  it('scores nothing one grants oneself: accepting one\'s own answer, running one\'s own tenant\'s algorithm', () =>
    spec
      .when(thread({ ...answerAccepted, data: { ...answerAccepted.data, acceptedBy: 'grace' } }), solve({ ...run, data: { ...run.data, runnerTenantId: 'acme' } }))
      .then({ [CONTRIBUTIONS_COLLECTION]: [], [CONTRIBUTION_TOTALS_COLLECTION]: [] }));

  it('keeps one fact per scoring event, without the tenant of anyone', () =>
    spec.when(algorithm(approved)).then({
      [CONTRIBUTIONS_COLLECTION]: [{ id: expect.any(String), developerId: 'ada', kind: 'ALGORITHM_APPROVED', points: 50, at: monday, subjectId: 'a1' }],
    }));
});
