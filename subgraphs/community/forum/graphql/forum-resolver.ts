import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { loadState } from '../../../../platform/commands/command-handler';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { derivedId } from '../../../../platform/derived-id';
import { badUserInput, notFound } from '../../../../platform/errors';
import { connectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireAuth, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { communityMemberStreamId, moderationStreamId } from '../../../../schema/events';
import { FORUM_POSTS_COLLECTION, FORUM_THREADS_COLLECTION, FORUMS_COLLECTION, type ForumDocument, type ForumPostDocument, type ForumThreadDocument } from '../../../../schema/read-models/forum';
import { plainText, renderMarkdown } from '../../content/markdown';
import { requireForum } from '../../../../platform/feature-flags';
import { communityMemberDecider } from '../domain/community-member-decider';
import { forums, threads } from '../domain/command-handlers';
import { memberKey, type Member } from '../domain/member';
import { isHidden, moderationDecider } from '../domain/moderation-decider';
import { actingTenantOf, isModerator, memberOf, seesHidden } from '../../graphql/community-member';
import { CreateForumInput, CreateThreadInput, Forum, ForumPost, ForumPostConnection, ForumThread, ForumThreadConnection, ReplyInput } from './forum-types';
import { ModerationStatus } from './moderation-status';
import { MAX_BODY, MAX_TITLE, requireText } from './text-limits';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const MAX_FORUMS = 100;

@Resolver(() => ForumThread)
export class ForumResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => Forum, { description: "Creates a forum (the seed's create_forum); its slug is unique." })
  async createForum(@Arg('input', () => CreateForumInput) input: CreateForumInput, @Ctx() context: SubgraphContext): Promise<Forum> {
    requireForum(this.deps.config);
    const auth = requireAuth(context);
    const name = plainText(requireText(input.name, 'input.name', MAX_TITLE));
    const slug = input.slug ?? slugOf(name);
    if (!SLUG.test(slug)) throw badUserInput('slug is 1 to 64 lower-case letters, digits and dashes, starting and ending with a letter or digit.', 'input.slug');
    const forumId = derivedId('forum', slug);
    const command = { type: 'CreateForum' as const, forumId, name, slug, description: renderMarkdown(input.description), by: auth.subject, at: this.deps.clock().toISOString() };
    await executeCommand(this.deps, callerOf(context), forums, command, { tenantId: actingTenantOf(auth, this.deps.config), target: forumId });
    return this.forumById(forumId);
  }

  @Mutation(() => ForumThread, { description: 'Starts a thread in a forum with its opening post (markdown, sanitised).' })
  async createThread(@Arg('input', () => CreateThreadInput) input: CreateThreadInput, @Ctx() context: SubgraphContext): Promise<ForumThread> {
    requireForum(this.deps.config);
    const auth = requireAuth(context);
    const title = plainText(requireText(input.title, 'input.title', MAX_TITLE));
    const bodyHtml = renderMarkdown(requireText(input.body, 'input.body', MAX_BODY));
    await this.forumById(input.forumId);
    const author = memberOf(auth, this.deps.config);
    const threadId = randomUUID();
    const command = { type: 'StartThread' as const, threadId, forumId: input.forumId, title, postId: randomUUID(), bodyHtml, author, ban: await this.banOf(author), at: this.deps.clock().toISOString() };
    await executeCommand(this.deps, callerOf(context), threads, command, { tenantId: author.tenantId, target: threadId });
    return this.thread(threadId, context);
  }

  @Mutation(() => ForumPost, { description: 'Replies to a thread (markdown, sanitised). A locked thread refuses with CONFLICT; a banned member with FORBIDDEN.' })
  async reply(@Arg('input', () => ReplyInput) input: ReplyInput, @Ctx() context: SubgraphContext): Promise<ForumPost> {
    requireForum(this.deps.config);
    const auth = requireAuth(context);
    const bodyHtml = renderMarkdown(requireText(input.body, 'input.body', MAX_BODY));
    const author = memberOf(auth, this.deps.config);
    const threadModeration = await loadState(this.deps, moderationDecider, moderationStreamId(input.threadId));
    const postId = randomUUID();
    const command = {
      type: 'Reply' as const,
      threadId: input.threadId,
      postId,
      bodyHtml,
      author,
      ban: await this.banOf(author),
      moderation: { locked: threadModeration.locked, hidden: isHidden(threadModeration) },
      at: this.deps.clock().toISOString(),
    };
    await executeCommand(this.deps, callerOf(context), threads, command, { tenantId: author.tenantId, target: postId });
    return this.post(postId, context);
  }

  @Mutation(() => ForumThread, { description: "Marks a reply as the thread's answer: by the thread's starter, or a moderator." })
  async acceptAnswer(@Arg('threadId', () => ID) threadId: string, @Arg('postId', () => ID) postId: string, @Ctx() context: SubgraphContext): Promise<ForumThread> {
    requireForum(this.deps.config);
    const auth = requireAuth(context);
    const by = memberOf(auth, this.deps.config);
    const command = { type: 'AcceptAnswer' as const, threadId, postId, by, byModerator: isModerator(auth), at: this.deps.clock().toISOString() };
    await executeCommand(this.deps, callerOf(context), threads, command, { tenantId: by.tenantId, target: threadId });
    return this.thread(threadId, context);
  }

  @Query(() => [Forum], { description: 'Every forum, by name.' })
  async forums(): Promise<Forum[]> {
    requireForum(this.deps.config);
    const page = await this.deps.readStore.collection<ForumDocument>(FORUMS_COLLECTION).find({ sort: [{ field: 'name', direction: 'asc' }], first: MAX_FORUMS });
    return page.items;
  }

  @Query(() => Forum)
  async forum(@Arg('id', () => ID) id: string): Promise<Forum> {
    requireForum(this.deps.config);
    return this.forumById(id);
  }

  @Query(() => ForumThreadConnection, { description: "A forum's threads, latest activity first." })
  async threads(
    @Arg('forumId', () => ID) forumId: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: SubgraphContext,
  ): Promise<ForumThreadConnection> {
    requireForum(this.deps.config);
    assertPageSize(first);
    await this.forumById(forumId);
    const page = await this.threadCollection().find({ where: { forumId }, sort: [{ field: 'lastPostAt', direction: 'desc' }], first, after });
    return connectionOf(page, (document) => this.toThread(document, context));
  }

  @Query(() => ForumThread, { description: 'A thread; its posts are paged in `posts`.' })
  async thread(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext): Promise<ForumThread> {
    requireForum(this.deps.config);
    const document = await this.threadCollection().get(id);
    if (!document) throw notFound('Thread', id);
    return this.toThread(document, context);
  }

  @FieldResolver(() => ForumPostConnection, { description: 'Oldest first, the opening post first.' })
  async posts(
    @Root() thread: ForumThread,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: SubgraphContext,
  ): Promise<ForumPostConnection> {
    assertPageSize(first);
    const page = await this.postCollection().find({ where: { threadId: thread.id }, sort: [{ field: 'sequence', direction: 'asc' }], first, after });
    return connectionOf(page, (document) => this.toPost(document, context, thread.hidden));
  }

  private async post(id: string, context: SubgraphContext): Promise<ForumPost> {
    const document = await this.postCollection().get(id);
    if (!document) throw notFound('Post', id);
    return this.toPost(document, context, false);
  }

  private async forumById(id: string): Promise<Forum> {
    const document = await this.deps.readStore.collection<ForumDocument>(FORUMS_COLLECTION).get(id);
    if (!document) throw notFound('Forum', id);
    return document;
  }

  private async banOf(member: Member) {
    return (await loadState(this.deps, communityMemberDecider, communityMemberStreamId(memberKey(member)))).ban;
  }

  private toThread(document: ForumThreadDocument, context: SubgraphContext): ForumThread {
    const hidden = document.moderationStatus !== 'VISIBLE';
    const shown = !hidden || seesHidden(requireAuth(context), this.deps.config, document);
    return { ...document, title: shown ? document.title : null, moderationStatus: document.moderationStatus as ModerationStatus, hidden };
  }

  /** A post hidden by moderation, or in a hidden thread, keeps its body for its author and the moderators. */
  private toPost(document: ForumPostDocument, context: SubgraphContext, threadHidden: boolean): ForumPost {
    const hidden = threadHidden || document.moderationStatus !== 'VISIBLE';
    const shown = !hidden || seesHidden(requireAuth(context), this.deps.config, document);
    return { ...document, bodyHtml: shown ? document.bodyHtml : null, moderationStatus: document.moderationStatus as ModerationStatus, hidden };
  }

  private threadCollection() {
    return this.deps.readStore.collection<ForumThreadDocument>(FORUM_THREADS_COLLECTION);
  }

  private postCollection() {
    return this.deps.readStore.collection<ForumPostDocument>(FORUM_POSTS_COLLECTION);
  }
}

function slugOf(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}
