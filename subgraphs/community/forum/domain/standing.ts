import { DomainError } from '../../../../platform/commands/decider';
import { ErrorCode } from '../../../../platform/errors';

/** A member's ban, as their `communitymember-` stream holds it; null when they may post. */
export interface Ban {
  readonly reason: string;
  readonly moderationId: string;
  readonly contentId: string;
}

/** Refuses a banned member's post with FORBIDDEN and the moderator's reason. */
export function refuseBanned(ban: Ban | null): void {
  if (ban) {
    throw new DomainError(ErrorCode.Forbidden, `You are banned from posting in the community forums: "${ban.reason}". Appeal moderation ${ban.moderationId} (appealModeration) if you think this is wrong.`, {
      reason: 'MEMBER_BANNED',
      moderationId: ban.moderationId,
    });
  }
}
