import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { ErrorCode } from '../../../../platform/errors';
import type { ForumEvent } from '../../../../schema/events';

export type ForumState = { readonly created: false } | { readonly created: true; readonly slug: string };

export type ForumCommand = {
  readonly type: 'CreateForum';
  /** Derived from the slug, so two forums with one slug meet on one stream and the second is refused. */
  readonly forumId: string;
  readonly name: string;
  readonly slug: string;
  readonly description: string;
  readonly by: string;
  readonly at: string;
};

/** A forum: created once by a moderator, then a place for threads. */
export const forumDecider: Decider<ForumState, ForumCommand, ForumEvent> = {
  initialState: () => ({ created: false }),

  evolve: (_state, event) => ({ created: true, slug: event.data.slug }),

  decide(command, state) {
    if (state.created) throw new DomainError(ErrorCode.Conflict, `A forum with the slug "${command.slug}" exists already (${command.forumId}); choose another slug.`, { forumId: command.forumId });
    const { forumId, name, slug, description } = command;
    return [{ type: 'ForumCreated', data: { forumId, name, slug, description, createdBy: command.by, createdAt: command.at } }];
  },
};
