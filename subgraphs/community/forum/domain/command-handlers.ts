import { commandHandler } from '../../../../platform/commands/command-handler';
import { communityEventStreamId, communityMemberStreamId, eventSchemaVersion, forumStreamId, moderationStreamId, threadStreamId } from '../../../../schema/events';
import { communityEventDecider } from './community-event-decider';
import { communityMemberDecider } from './community-member-decider';
import { forumDecider } from './forum-decider';
import { memberKey } from './member';
import { moderationDecider } from './moderation-decider';
import { threadDecider } from './thread-decider';

/** The community's forum aggregates, each bound once to its decider, its stream and its event versions. */
export const forums = commandHandler(forumDecider, (command) => forumStreamId(command.forumId), eventSchemaVersion);
export const threads = commandHandler(threadDecider, (command) => threadStreamId(command.threadId), eventSchemaVersion);
export const moderations = commandHandler(moderationDecider, (command) => moderationStreamId('content' in command ? command.content.contentId : command.contentId), eventSchemaVersion);
export const communityMembers = commandHandler(communityMemberDecider, (command) => communityMemberStreamId(memberKey(command.member)), eventSchemaVersion);
export const communityEvents = commandHandler(communityEventDecider, (command) => communityEventStreamId(command.eventId), eventSchemaVersion);
