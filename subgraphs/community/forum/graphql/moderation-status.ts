import { registerEnumType } from 'type-graphql';

export enum ModerationStatus {
  VISIBLE = 'VISIBLE',
  PENDING_REVIEW = 'PENDING_REVIEW',
  HIDDEN = 'HIDDEN',
  REMOVED = 'REMOVED',
}
registerEnumType(ModerationStatus, {
  name: 'ModerationStatus',
  description: 'VISIBLE; PENDING_REVIEW: hidden because enough members flagged it, until a moderator reviews it; HIDDEN or REMOVED by a moderator. Only its author and the moderators see the content of what is not VISIBLE.',
});
