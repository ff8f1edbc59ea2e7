import { moderationStreamId, type ModerationEvent } from '../schema/events';
import { MODERATION_ACTIONS_COLLECTION, MODERATION_APPEALS_COLLECTION, MODERATION_CASES_COLLECTION } from '../schema/read-models/forum';
import { describeProjection, stream } from '../test/support/projection-spec';
import { moderationProjection } from './moderation';

const at = '2026-05-01T10:00:00.000Z';
const post = { contentId: 'p2', contentType: 'POST' as const, authorId: 'bob', authorTenantId: 'globex', forumId: 'f1', threadId: 't1', algorithmId: null };
const moderation = (tenantId: string) => stream<ModerationEvent>(moderationStreamId('p2'), tenantId);
const flagged = (by: string, reason: 'SPAM' | 'OFFENSIVE'): ModerationEvent => ({ type: 'ContentFlagged', data: { ...post, flaggedBy: by, flaggerTenantId: 'acme', reason, note: '', flaggedAt: at } });
const hidden: ModerationEvent = { type: 'ContentModerated', data: { ...post, moderationId: 'm1', action: 'HIDE', reason: 'spam', moderatorId: 'mo', moderatedAt: at } };
const appealed: ModerationEvent = { type: 'ModerationAppealed', data: { ...post, appealId: 'a1', moderationId: 'm1', action: 'HIDE', statement: 'not spam', appealedAt: at } };

describeProjection(moderationProjection, (spec) => {
  it('queues flagged content with its flags, from the first unreviewed flag on', () =>
    spec
      .given(moderation('acme')(flagged('ada', 'SPAM')))
      .when(moderation('acme')(flagged('cy', 'OFFENSIVE')))
      .then({
        [MODERATION_CASES_COLLECTION]: {
          p2: expect.objectContaining({
            inQueue: true,
            queuedSince: 1,
            totalFlags: 2,
            moderationStatus: 'VISIBLE',
            pendingFlags: [
              { flaggedBy: 'ada', flaggerTenantId: 'acme', reason: 'SPAM', note: '', flaggedAt: at },
              { flaggedBy: 'cy', flaggerTenantId: 'acme', reason: 'OFFENSIVE', note: '', flaggedAt: at },
            ],
          }),
        },
      }));

  it("takes reviewed content out of the queue, records the action, and queues it again with the author's appeal", () =>
    spec
      .given(moderation('acme')(flagged('ada', 'SPAM')), moderation('ops')(hidden))
      .when(moderation('globex')(appealed))
      .then({
        [MODERATION_CASES_COLLECTION]: { p2: expect.objectContaining({ inQueue: true, queuedSince: 3, pendingFlags: [], hidden: true, moderationStatus: 'HIDDEN', openAppealId: 'a1', lastModerationId: 'm1' }) },
        [MODERATION_ACTIONS_COLLECTION]: [{ id: 'm1', ...post, action: 'HIDE', reason: 'spam', moderatorId: 'mo', moderatedAt: at, appealId: 'a1' }],
        [MODERATION_APPEALS_COLLECTION]: [{ id: 'a1', ...post, moderationId: 'm1', action: 'HIDE', statement: 'not spam', appealedAt: at, status: 'OPEN', resolvedBy: null, resolution: null, resolvedAt: null }],
      }));

  it('closes an overturned appeal and restores the content', () =>
    spec
      .given(moderation('ops')(hidden), moderation('globex')(appealed))
      .when(
        moderation('ops')({ type: 'AppealResolved', data: { ...post, appealId: 'a1', moderationId: 'm1', decision: 'OVERTURN', reason: 'fair point', resolvedBy: 'mo', resolvedAt: at } }),
        moderation('ops')({ type: 'ContentModerated', data: { ...post, moderationId: 'm2', action: 'RESTORE', reason: 'Appeal a1 overturned: fair point', moderatorId: 'mo', moderatedAt: at } }),
      )
      .then({
        [MODERATION_CASES_COLLECTION]: { p2: expect.objectContaining({ inQueue: false, hidden: false, moderationStatus: 'VISIBLE', openAppealId: null, lastModerationId: 'm2' }) },
        [MODERATION_APPEALS_COLLECTION]: { a1: expect.objectContaining({ status: 'OVERTURNED', resolvedBy: 'mo', resolution: 'fair point' }) },
      }));
});
