import { ROLES, type Role } from '../../../../platform/auth/auth-context';
import { permit, SHARED_CONTENT, type PermissionTable } from '../../../../platform/graphql/permissions/permission-table';

/** Those who take part: every role but VIEWER posts, flags, RSVPs and appeals. */
const PARTICIPANTS: readonly Role[] = ROLES.filter((role) => role !== 'VIEWER');
/** Those who moderate the shared content of every tenant (held only in the operators' tenant). */
const MODERATORS: readonly Role[] = ['MODERATOR', 'PLATFORM_ADMIN'];

/**
 * Who may call each operation of the community's forum (forums, threads, posts, moderation,
 * community events). All of it is shared content: read by every signed-in role, acted on in the
 * caller's own tenant's name (moderators' actions thus in the operators' tenant's trail).
 */
export const FORUM_PERMISSIONS = {
  'Query.forums': permit(ROLES, SHARED_CONTENT),
  'Query.forum': permit(ROLES, SHARED_CONTENT),
  'Query.threads': permit(ROLES, SHARED_CONTENT),
  'Query.thread': permit(ROLES, SHARED_CONTENT),
  'Mutation.createForum': permit(MODERATORS, SHARED_CONTENT),
  'Mutation.createThread': permit(PARTICIPANTS, SHARED_CONTENT),
  'Mutation.reply': permit(PARTICIPANTS, SHARED_CONTENT),
  // The decider lets only the thread's starter (or a moderator) accept.
  'Mutation.acceptAnswer': permit(PARTICIPANTS, SHARED_CONTENT),
  'Mutation.flagContent': permit(PARTICIPANTS, SHARED_CONTENT),
  // The decider lets only the content's author appeal.
  'Mutation.appealModeration': permit(PARTICIPANTS, SHARED_CONTENT),
  'Query.moderationQueue': permit(MODERATORS, SHARED_CONTENT),
  'Query.moderationAppeals': permit(MODERATORS, SHARED_CONTENT),
  'Mutation.moderateContent': permit(MODERATORS, SHARED_CONTENT),
  'Mutation.resolveAppeal': permit(MODERATORS, SHARED_CONTENT),
  'Query.communityEvents': permit(ROLES, SHARED_CONTENT),
  'Query.communityEvent': permit(ROLES, SHARED_CONTENT),
  'Mutation.organizeEvent': permit(MODERATORS, SHARED_CONTENT),
  'Mutation.rsvp': permit(PARTICIPANTS, SHARED_CONTENT),
  'Mutation.cancelRsvp': permit(PARTICIPANTS, SHARED_CONTENT),
} satisfies PermissionTable;
