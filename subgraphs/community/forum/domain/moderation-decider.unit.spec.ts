import type { ModeratedContent, ModerationEvent } from '../../../../schema/events';
import { deciderSpec } from '../../../../test/support/decider-spec';
import { FLAGS_TO_HIDE, moderationDecider, type ModerationCommand } from './moderation-decider';

const spec = deciderSpec(moderationDecider);
const at = '2026-05-01T10:00:00.000Z';
const post: ModeratedContent = { contentId: 'p2', contentType: 'POST', authorId: 'bob', authorTenantId: 'globex', forumId: 'f1', threadId: 't1', algorithmId: null };
const member = (id: string) => ({ id, tenantId: 'acme' });
const flag = (by: string): ModerationCommand => ({ type: 'FlagContent', content: post, flagger: member(by), reason: 'SPAM', note: '', at });
const flagged = (by: string): ModerationEvent => ({ type: 'ContentFlagged', data: { ...post, flaggedBy: by, flaggerTenantId: 'acme', reason: 'SPAM', note: '', flaggedAt: at } });
const moderate = (action: Extract<ModerationCommand, { type: 'ModerateContent' }>['action'], moderationId = 'm1', content = post): ModerationCommand => ({ type: 'ModerateContent', moderationId, content, action, reason: 'links to a casino', moderatorId: 'mo', at });
const moderated = (action: Extract<ModerationEvent, { type: 'ContentModerated' }>['data']['action'], moderationId = 'm1'): ModerationEvent => ({
  type: 'ContentModerated',
  data: { ...post, moderationId, action, reason: 'links to a casino', moderatorId: 'mo', moderatedAt: at },
});
const appeal = (by = { id: 'bob', tenantId: 'globex' }, moderationId = 'm1'): ModerationCommand => ({ type: 'AppealModeration', contentId: 'p2', appealId: 'a1', moderationId, appellant: by, statement: 'It is a benchmark link.', at });
const appealed: ModerationEvent = { type: 'ModerationAppealed', data: { ...post, appealId: 'a1', moderationId: 'm1', action: 'HIDE', statement: 'It is a benchmark link.', appealedAt: at } };
const resolve = (decision: 'UPHOLD' | 'OVERTURN'): ModerationCommand => ({ type: 'ResolveAppeal', contentId: 'p2', appealId: 'a1', decision, reason: 'checked the link', resolvedBy: 'mo2', restoreModerationId: 'm2', at });
const resolved = (decision: 'UPHOLD' | 'OVERTURN'): ModerationEvent => ({ type: 'AppealResolved', data: { ...post, appealId: 'a1', moderationId: 'm1', decision, reason: 'checked the link', resolvedBy: 'mo2', resolvedAt: at } });

describe('moderation decider', () => {
  it('records one flag per member', () => {
    spec.given([]).when(flag('ada')).then([flagged('ada')]);
    spec.given([flagged('ada')]).when(flag('ada')).then([]);
  });

  it(`hides the content pending review at the ${FLAGS_TO_HIDE}rd flag`, () => {
    spec.given([flagged('ada'), flagged('cy')]).when(flag('di')).then([flagged('di'), { type: 'ContentHiddenPendingReview', data: { ...post, flagCount: 3, hiddenAt: at } }]);
  });

  it("counts flags again after a moderator's review", () => {
    spec.given([flagged('ada'), flagged('cy'), moderated('HIDE', 'm0'), moderated('RESTORE', 'm1')]).when(flag('di')).then([flagged('di')]);
  });

  it("records a moderator's action", () => {
    spec.given([flagged('ada')]).when(moderate('HIDE')).then([moderated('HIDE')]);
  });

  it('locks threads only, and restores only what is in force', () => {
    spec.given([]).when(moderate('LOCK')).thenRejects('BAD_USER_INPUT', /threads/);
    spec.given([]).when(moderate('RESTORE')).thenRejects('CONFLICT', /Nothing to restore/);
  });

  it("records the author's appeal, once, and no one else's", () => {
    spec.given([moderated('HIDE')]).when(appeal()).then([appealed]);
    spec.given([moderated('HIDE'), appealed]).when(appeal()).thenRejects('CONFLICT');
    spec.given([moderated('HIDE')]).when(appeal({ id: 'bob', tenantId: 'acme' })).thenRejects('FORBIDDEN');
    spec.given([moderated('HIDE')]).when(appeal(undefined, 'nope')).thenRejects('NOT_FOUND');
  });

  it('upholds an appeal, or overturns it and restores the content', () => {
    spec.given([moderated('HIDE'), appealed]).when(resolve('UPHOLD')).then([resolved('UPHOLD')]);
    spec
      .given([moderated('HIDE'), appealed])
      .when(resolve('OVERTURN'))
      .then([resolved('OVERTURN'), { type: 'ContentModerated', data: { ...post, moderationId: 'm2', action: 'RESTORE', reason: 'Appeal a1 overturned: checked the link', moderatorId: 'mo2', moderatedAt: at } }]);
    spec.given([moderated('HIDE'), appealed, resolved('UPHOLD')]).when(resolve('OVERTURN')).thenRejects('CONFLICT');
  });
});
