import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';
import { ModerationStatus } from './moderation-status';

export enum ModeratedContentType {
  THREAD = 'THREAD',
  POST = 'POST',
  ALGORITHM = 'ALGORITHM',
  TUTORIAL = 'TUTORIAL',
}
registerEnumType(ModeratedContentType, { name: 'ModeratedContentType', description: 'What a flag or a moderation action is about.' });

export enum FlagReason {
  SPAM = 'SPAM',
  OFFENSIVE = 'OFFENSIVE',
  OFF_TOPIC = 'OFF_TOPIC',
  OTHER = 'OTHER',
}
registerEnumType(FlagReason, { name: 'FlagReason' });

export enum ModerationAction {
  HIDE = 'HIDE',
  REMOVE = 'REMOVE',
  LOCK = 'LOCK',
  RESTORE = 'RESTORE',
  BAN_AUTHOR = 'BAN_AUTHOR',
}
registerEnumType(ModerationAction, {
  name: 'ModerationAction',
  description: "HIDE or REMOVE: only its author and the moderators see it; LOCK: a thread takes no more replies; BAN_AUTHOR: its author may not post; RESTORE: lifts all of these (a ban too, when it was imposed through this content).",
});

export enum AppealDecision {
  UPHOLD = 'UPHOLD',
  OVERTURN = 'OVERTURN',
}
registerEnumType(AppealDecision, { name: 'AppealDecision', description: 'OVERTURN restores the content.' });

export enum AppealStatus {
  OPEN = 'OPEN',
  UPHELD = 'UPHELD',
  OVERTURNED = 'OVERTURNED',
}
registerEnumType(AppealStatus, { name: 'AppealStatus' });

@ObjectType({ description: 'Community content as moderation sees it.' })
export class ModeratedContentRef {
  @Field(() => ID)
  contentId!: string;
  @Field(() => ModeratedContentType)
  contentType!: ModeratedContentType;
  @Field(() => String)
  authorId!: string;
  @Field(() => ID)
  authorTenantId!: string;
  @Field(() => ID, { nullable: true })
  forumId!: string | null;
  @Field(() => ID, { nullable: true })
  threadId!: string | null;
  @Field(() => ID, { nullable: true })
  algorithmId!: string | null;
}

@ObjectType()
export class FlagReasonCount {
  @Field(() => FlagReason)
  reason!: FlagReason;
  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class ContentFlag {
  @Field(() => String)
  flaggedBy!: string;
  @Field(() => ID)
  flaggerTenantId!: string;
  @Field(() => FlagReason)
  reason!: FlagReason;
  @Field(() => String)
  note!: string;
  @Field(() => DateTimeScalar)
  flaggedAt!: string;
}

@ObjectType({ description: 'A moderator action, with the appeal against it if any.' })
export class Moderation {
  @Field(() => ID)
  id!: string;
  @Field(() => ModeratedContentRef)
  content!: ModeratedContentRef;
  @Field(() => ModerationAction)
  action!: ModerationAction;
  @Field(() => String)
  reason!: string;
  @Field(() => String)
  moderatorId!: string;
  @Field(() => DateTimeScalar)
  moderatedAt!: string;
  @Field(() => ID, { nullable: true })
  appealId!: string | null;
}

@ObjectType({ description: "An author's appeal against a moderator action." })
export class ModerationAppeal {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  moderationId!: string;
  @Field(() => ModeratedContentRef)
  content!: ModeratedContentRef;
  @Field(() => ModerationAction)
  action!: ModerationAction;
  @Field(() => String)
  statement!: string;
  @Field(() => DateTimeScalar)
  appealedAt!: string;
  @Field(() => AppealStatus)
  status!: AppealStatus;
  @Field(() => String, { nullable: true })
  resolvedBy!: string | null;
  @Field(() => String, { nullable: true, description: "The moderator's reason for the decision." })
  resolution!: string | null;
  @Field(() => DateTimeScalar, { nullable: true })
  resolvedAt!: string | null;
}

@ObjectType()
export class ModerationAppealConnection extends Connection(ModerationAppeal) {}

@ObjectType({ description: 'Content waiting for a moderator: flags no one reviewed yet, or an open appeal.' })
export class ModerationCase {
  @Field(() => ModeratedContentRef)
  content!: ModeratedContentRef;
  @Field(() => ModerationStatus)
  moderationStatus!: ModerationStatus;
  @Field(() => Boolean)
  locked!: boolean;
  @Field(() => Boolean)
  authorBanned!: boolean;
  @Field(() => Int, { description: 'Flags not reviewed yet.' })
  flagCount!: number;
  @Field(() => [FlagReasonCount], { description: 'The unreviewed flags per reason, most frequent first.' })
  reasons!: FlagReasonCount[];
  @Field(() => [ContentFlag], { description: 'Oldest first.' })
  flags!: ContentFlag[];
  @Field(() => Int, { description: 'Every flag ever, reviewed ones included.' })
  totalFlags!: number;
  @Field(() => ModerationAppeal, { nullable: true })
  openAppeal!: ModerationAppeal | null;
  @Field(() => ID, { nullable: true })
  lastModerationId!: string | null;
}

@ObjectType()
export class ModerationCaseConnection extends Connection(ModerationCase) {}

@ObjectType({ description: "What flagging did: the content's standing now." })
export class FlagResult {
  @Field(() => ID)
  contentId!: string;
  @Field(() => ModeratedContentType)
  contentType!: ModeratedContentType;
  @Field(() => Boolean, { description: 'False when you had flagged it already (one flag per member).' })
  recorded!: boolean;
  @Field(() => Boolean, { description: 'Hidden from others, pending review or by a moderator.' })
  hidden!: boolean;
}

@InputType()
export class FlagContentInput {
  @Field(() => ID)
  contentId!: string;
  @Field(() => ModeratedContentType, { nullable: true, description: 'Found from the id when absent.' })
  contentType?: ModeratedContentType;
  @Field(() => FlagReason)
  reason!: FlagReason;
  @Field(() => String, { defaultValue: '' })
  note!: string;
}

@InputType()
export class AppealModerationInput {
  @Field(() => ID)
  moderationId!: string;
  @Field(() => String)
  statement!: string;
}
