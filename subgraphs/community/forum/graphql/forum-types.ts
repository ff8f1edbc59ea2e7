import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';
import { ModerationStatus } from './moderation-status';

@ObjectType({ description: 'A forum: shared by every tenant, created by a moderator.' })
export class Forum {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String, { description: 'Unique among forums.' })
  slug!: string;
  @Field(() => String)
  description!: string;
  @Field(() => Int)
  threadCount!: number;
  @Field(() => Int, { description: 'Every post, opening posts included.' })
  postCount!: number;
  @Field(() => String)
  createdBy!: string;
  @Field(() => DateTimeScalar)
  createdAt!: string;
  @Field(() => DateTimeScalar)
  lastActivityAt!: string;
}

@ObjectType({ description: 'A post in a thread. A post hidden or removed by moderation shows its body only to its author and the moderators.' })
export class ForumPost {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  threadId!: string;
  @Field(() => ID)
  forumId!: string;
  @Field(() => String, { nullable: true, description: "The body rendered from markdown and sanitised; null when moderation hides it from you." })
  bodyHtml!: string | null;
  @Field(() => String)
  authorId!: string;
  @Field(() => ID)
  authorTenantId!: string;
  @Field(() => DateTimeScalar)
  postedAt!: string;
  @Field(() => Boolean, { description: "The thread's question." })
  isOpeningPost!: boolean;
  @Field(() => Boolean, { description: "Accepted as the thread's answer." })
  accepted!: boolean;
  @Field(() => ModerationStatus)
  moderationStatus!: ModerationStatus;
  @Field(() => Boolean, { description: 'Moderation hides it from everyone but its author and the moderators.' })
  hidden!: boolean;
}

@ObjectType()
export class ForumPostConnection extends Connection(ForumPost) {}

@ObjectType({ description: 'A thread: a title, an opening post and its replies.' })
export class ForumThread {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  forumId!: string;
  @Field(() => String, { nullable: true, description: 'Null when moderation hides the thread from you.' })
  title!: string | null;
  @Field(() => String)
  authorId!: string;
  @Field(() => ID)
  authorTenantId!: string;
  @Field(() => DateTimeScalar)
  startedAt!: string;
  @Field(() => DateTimeScalar)
  lastPostAt!: string;
  @Field(() => Int)
  replyCount!: number;
  @Field(() => ID, { nullable: true })
  acceptedPostId!: string | null;
  @Field(() => Boolean, { description: 'Locked by a moderator: no more replies.' })
  locked!: boolean;
  @Field(() => ModerationStatus)
  moderationStatus!: ModerationStatus;
  @Field(() => Boolean)
  hidden!: boolean;
}

@ObjectType()
export class ForumThreadConnection extends Connection(ForumThread) {}

@InputType()
export class CreateForumInput {
  @Field(() => String)
  name!: string;
  @Field(() => String, { defaultValue: '' })
  description!: string;
  @Field(() => String, { nullable: true, description: 'Lower-case letters, digits and dashes; derived from the name when absent.' })
  slug?: string;
}

@InputType()
export class CreateThreadInput {
  @Field(() => ID)
  forumId!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String, { description: 'Markdown; rendered and sanitised.' })
  body!: string;
}

@InputType()
export class ReplyInput {
  @Field(() => ID)
  threadId!: string;
  @Field(() => String, { description: 'Markdown; rendered and sanitised.' })
  body!: string;
}
