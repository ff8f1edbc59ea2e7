import type { Decider } from '../../../../platform/commands/decider';
import type { CommunityMemberEvent } from '../../../../schema/events';
import type { Member } from './member';
import type { Ban } from './standing';

export interface CommunityMemberState {
  readonly ban: Ban | null;
}

interface MemberModeration {
  readonly member: Member;
  readonly moderationId: string;
  readonly contentId: string;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export type CommunityMemberCommand = ({ readonly type: 'BanMember' } & MemberModeration) | ({ readonly type: 'LiftBan' } & MemberModeration);

/**
 * A member's standing in the forums: banned by a moderator's BAN_AUTHOR on one of their posts, and
 * free again once that content is restored (directly or by an overturned appeal). A ban imposed
 * through other content stays until that content is restored.
 */
export const communityMemberDecider: Decider<CommunityMemberState, CommunityMemberCommand, CommunityMemberEvent> = {
  initialState: () => ({ ban: null }),

  evolve(_state, event) {
    if (event.type === 'CommunityMemberUnbanned') return { ban: null };
    return { ban: { reason: event.data.reason, moderationId: event.data.moderationId, contentId: event.data.contentId } };
  },

  decide(command, state) {
    const moderation = { memberId: command.member.id, memberTenantId: command.member.tenantId, moderationId: command.moderationId, contentId: command.contentId, reason: command.reason };
    if (command.type === 'BanMember') {
      if (state.ban) return [];
      return [{ type: 'CommunityMemberBanned', data: { ...moderation, bannedBy: command.by, bannedAt: command.at } }];
    }
    if (state.ban?.contentId !== command.contentId) return [];
    return [{ type: 'CommunityMemberUnbanned', data: { ...moderation, unbannedBy: command.by, unbannedAt: command.at } }];
  },
};
