import type { CommunityMemberEvent } from '../../../../schema/events';
import { deciderSpec } from '../../../../test/support/decider-spec';
import { communityMemberDecider, type CommunityMemberCommand } from './community-member-decider';

const spec = deciderSpec(communityMemberDecider);
const at = '2026-05-01T10:00:00.000Z';
const bob = { id: 'bob', tenantId: 'globex' };
const command = (type: CommunityMemberCommand['type'], contentId = 'p2'): CommunityMemberCommand => ({ type, member: bob, moderationId: 'm1', contentId, reason: 'spam', by: 'mo', at });
const fields = { memberId: 'bob', memberTenantId: 'globex', moderationId: 'm1', contentId: 'p2', reason: 'spam' };
const banned: CommunityMemberEvent = { type: 'CommunityMemberBanned', data: { ...fields, bannedBy: 'mo', bannedAt: at } };

describe('community member decider', () => {
  it('bans a member once', () => {
    spec.given([]).when(command('BanMember')).then([banned]);
    spec.given([banned]).when(command('BanMember')).then([]);
  });

  it('lifts a ban only when the content it was imposed through is restored', () => {
    spec.given([banned]).when(command('LiftBan')).then([{ type: 'CommunityMemberUnbanned', data: { ...fields, unbannedBy: 'mo', unbannedAt: at } }]);
    spec.given([banned]).when(command('LiftBan', 'p7')).then([]);
    spec.given([]).when(command('LiftBan')).then([]);
  });
});
