import { deciderSpec } from '../../../../test/support/decider-spec';
import type { TutorialContent, TutorialEvent } from '../../../../schema/events';
import { tutorialDecider, type TutorialCommand } from './tutorial-decider';

const spec = deciderSpec(tutorialDecider);
const at = '2026-03-02T10:00:00.000Z';
const later = '2026-03-03T10:00:00.000Z';
const content: TutorialContent = { title: 'QUBO in ten minutes', summary: 'A first model', body: '# Hello', bodyHtml: '<h1>Hello</h1>', algorithmIds: ['a1'], tags: ['qubo'] };
const create = (over: Partial<TutorialContent> = {}): TutorialCommand => ({ type: 'CreateTutorial', tutorialId: 't1', tenantId: 'acme', content: { ...content, ...over }, by: 'ada', at });
const update = (changes: Partial<TutorialContent>): TutorialCommand => ({ type: 'UpdateTutorial', tutorialId: 't1', changes, by: 'grace', at: later });
const created: TutorialEvent = { type: 'TutorialCreated', data: { tutorialId: 't1', tenantId: 'acme', authorId: 'ada', ...content, version: 1, createdAt: at } };

describe('tutorial decider', () => {
  it('creates version 1, written by the caller, in the caller’s tenant', () => {
    spec.given([]).when(create()).then([created]);
  });

  it('trims the title, lower-cases tags and drops repeated tags and algorithms', () => {
    spec
      .given([])
      .when(create({ title: '  QUBO in ten minutes ', tags: ['QUBO', 'qubo'], algorithmIds: ['a1', 'a1'] }))
      .then([created]);
  });

  it('refuses an empty title, an empty body, a tag that is not one, and too many links', () => {
    spec.given([]).when(create({ title: ' ' })).thenRejects('BAD_USER_INPUT', /title/);
    spec.given([]).when(create({ body: '' })).thenRejects('BAD_USER_INPUT', /body/);
    spec.given([]).when(create({ tags: ['no spaces'] })).thenRejects('BAD_USER_INPUT', /no spaces/);
    spec.given([]).when(create({ algorithmIds: Array.from({ length: 21 }, (_, i) => `a${i}`) })).thenRejects('BAD_USER_INPUT', /at most 20/);
  });

  it('refuses to create a tutorial twice', () => {
    spec.given([created]).when(create()).thenRejects('CONFLICT');
  });

  it('makes each update the next version with the whole content, by whoever updated it', () => {
    const second: TutorialEvent = { type: 'TutorialUpdated', data: { tutorialId: 't1', tenantId: 'acme', ...content, body: '# Hi', bodyHtml: '<h1>Hi</h1>', version: 2, updatedBy: 'grace', updatedAt: later } };
    spec.given([created]).when(update({ body: '# Hi', bodyHtml: '<h1>Hi</h1>' })).then([second]);
    spec.given([created, second]).when(update({ title: 'QUBO in five minutes' })).then([
      { type: 'TutorialUpdated', data: { ...second.data, title: 'QUBO in five minutes', version: 3 } },
    ]);
  });

  it('records no version for an update that changes nothing', () => {
    spec.given([created]).when(update({ title: content.title, tags: ['qubo'] })).then([]);
  });

  it('refuses to update a tutorial that does not exist, or to break a limit', () => {
    spec.given([]).when(update({ title: 'x' })).thenRejects('NOT_FOUND');
    spec.given([created]).when(update({ summary: 'x'.repeat(501) })).thenRejects('BAD_USER_INPUT', /summary/);
  });
});
