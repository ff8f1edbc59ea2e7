import { tutorialStreamId, type TutorialContent, type TutorialEvent } from '../schema/events';
import { TUTORIAL_LINKS_COLLECTION, TUTORIALS_COLLECTION } from '../schema/read-models/portal';
import { describeProjection, stream } from '../test/support/projection-spec';
import { tutorialsProjection } from './tutorials';

const at = '2026-03-02T10:00:00.000Z';
const later = '2026-03-03T10:00:00.000Z';
const content: TutorialContent = { title: 'QUBO basics', summary: 'First steps', body: '# Hi', bodyHtml: '<h1>Hi</h1>', algorithmIds: ['a1'], tags: ['qubo', 'intro'] };
const created: TutorialEvent = { type: 'TutorialCreated', data: { tutorialId: 't1', tenantId: 'acme', authorId: 'ada', ...content, version: 1, createdAt: at } };
const updated: TutorialEvent = { type: 'TutorialUpdated', data: { tutorialId: 't1', tenantId: 'acme', ...content, title: 'QUBO basics, revised', tags: ['qubo'], algorithmIds: ['a2'], version: 2, updatedBy: 'grace', updatedAt: later } };

describeProjection(tutorialsProjection, (spec) => {
  const tutorial = stream<TutorialEvent>(tutorialStreamId('t1'), 'acme');

  it('keeps the latest version with every version listed, and links it to its listings and tags', () =>
    spec
      .given(tutorial(created))
      .when(tutorial(updated))
      .then({
        [TUTORIALS_COLLECTION]: [
          {
            id: 't1',
            tenantId: 'acme',
            authorId: 'ada',
            ...content,
            title: 'QUBO basics, revised',
            tags: ['qubo'],
            algorithmIds: ['a2'],
            version: 2,
            versions: [
              { version: 1, title: 'QUBO basics', updatedAt: at, updatedBy: 'ada' },
              { version: 2, title: 'QUBO basics, revised', updatedAt: later, updatedBy: 'grace' },
            ],
            createdAt: at,
            updatedAt: later,
          },
        ],
        [TUTORIAL_LINKS_COLLECTION]: [
          { id: 't1|algorithm:a2', tutorialId: 't1', link: 'algorithm:a2', updatedAt: later },
          { id: 't1|tag:qubo', tutorialId: 't1', link: 'tag:qubo', updatedAt: later },
        ],
      }));
});
