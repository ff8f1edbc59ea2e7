import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { notFound } from '../../../../platform/errors';
import { connectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireAuth, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import type { FindQuery, Page } from '../../../../platform/readstore/port';
import { MAX_PAGE_SIZE } from '../../../../platform/readstore/query-shape';
import {
  TUTORIAL_LINKS_COLLECTION,
  TUTORIALS_COLLECTION,
  tutorialAlgorithmLink,
  tutorialTagLink,
  type TutorialDocument,
  type TutorialLinkDocument,
} from '../../../../schema/read-models/portal';
import { renderMarkdown } from '../../content/markdown';
import { tutorials } from '../domain/command-handlers';
import type { TutorialChanges } from '../domain/tutorial-decider';
import { requireKnownAlgorithms } from './known-algorithms';
import { actingTenantOf } from '../../graphql/community-member';
import { CreateTutorialInput, Tutorial, TutorialConnection, TutorialSearchInput, UpdateTutorialInput } from './tutorial-types';

@Resolver()
export class TutorialResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => Tutorial, { description: "Writes a tutorial (version 1) in the caller's tenant, its markdown rendered and sanitised; every signed-in user reads it from then on." })
  async createTutorial(@Arg('input', () => CreateTutorialInput) input: CreateTutorialInput, @Ctx() context: SubgraphContext): Promise<Tutorial> {
    const auth = requireAuth(context);
    await requireKnownAlgorithms(this.deps.readStore, auth, input.algorithmIds ?? [], 'input.algorithmIds');
    const tutorialId = randomUUID();
    const tenantId = actingTenantOf(auth, this.deps.config);
    const content = { title: input.title, summary: input.summary ?? '', body: input.body, bodyHtml: renderMarkdown(input.body), algorithmIds: input.algorithmIds ?? [], tags: input.tags ?? [] };
    const caller = callerOf(context);
    await executeCommand(this.deps, caller, tutorials, { type: 'CreateTutorial', tutorialId, tenantId, content, by: caller.actor, at: this.deps.clock().toISOString() }, { tenantId, target: tutorialId });
    return this.tutorialNamed(tutorialId);
  }

  @Mutation(() => Tutorial, { description: "Writes the tutorial's next version from the fields given; only its author's tenant (or a platform admin) may." })
  async updateTutorial(@Arg('input', () => UpdateTutorialInput) input: UpdateTutorialInput, @Ctx() context: SubgraphContext): Promise<Tutorial> {
    const auth = requireAuth(context);
    const current = await this.collection().get(input.tutorialId);
    if (!current) throw notFound('Tutorial', input.tutorialId);
    if (input.algorithmIds) await requireKnownAlgorithms(this.deps.readStore, auth, input.algorithmIds, 'input.algorithmIds');
    const changes: TutorialChanges = {
      title: input.title ?? undefined,
      summary: input.summary ?? undefined,
      ...(input.body != null && { body: input.body, bodyHtml: renderMarkdown(input.body) }),
      algorithmIds: input.algorithmIds ?? undefined,
      tags: input.tags ?? undefined,
    };
    const caller = callerOf(context);
    await executeCommand(this.deps, caller, tutorials, { type: 'UpdateTutorial', tutorialId: current.id, changes, by: caller.actor, at: this.deps.clock().toISOString() }, { tenantId: current.tenantId, target: current.id });
    return this.tutorialNamed(current.id);
  }

  @Query(() => TutorialConnection, { description: 'Tutorials of every tenant: with text, best match first; without, the latest updated first. The filters combine.' })
  async tutorials(@Arg('search', () => TutorialSearchInput, { nullable: true }) search: TutorialSearchInput | undefined, @Ctx() context: SubgraphContext): Promise<TutorialConnection> {
    requireAuth(context);
    const { text, algorithmId, tag, authorId, first = 20, after } = search ?? {};
    assertPageSize(first);
    const where: Record<string, NonNullable<FindQuery['where']>[string]> = {};
    if (authorId) where.authorId = authorId;
    const links = [algorithmId ? tutorialAlgorithmLink(algorithmId) : undefined, tag ? tutorialTagLink(tag.trim().toLowerCase()) : undefined].filter((link): link is string => link !== undefined);
    if (links.length > 0) {
      const linked = await this.linkedTutorials(links);
      if (linked.length === 0) return { edges: [], pageInfo: { hasNextPage: false } };
      where.id = { in: linked };
    }
    const page: Page<TutorialDocument> = text?.trim()
      ? await this.collection().search(text, { where, first, after })
      : await this.collection().find({ where, sort: [{ field: 'updatedAt', direction: 'desc' }], first, after });
    return connectionOf(page, toTutorial);
  }

  @Query(() => Tutorial, { description: 'A tutorial at its latest version, with its versions.' })
  async tutorial(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Tutorial> {
    requireAuth(context);
    return this.tutorialNamed(id);
  }

  /**
   * The tutorials carrying every link, the latest linked first; a filter narrows to the
   * MAX_PAGE_SIZE latest tutorials of an algorithm or tag (the read store filters on scalars only).
   */
  private async linkedTutorials(links: readonly string[]): Promise<string[]> {
    const collection = this.deps.readStore.collection<TutorialLinkDocument>(TUTORIAL_LINKS_COLLECTION);
    const pages = await Promise.all(links.map((link) => collection.find({ where: { link }, sort: [{ field: 'updatedAt', direction: 'desc' }], first: MAX_PAGE_SIZE })));
    const [firstIds, ...others] = pages.map((page) => page.items.map((item) => item.tutorialId));
    return firstIds.filter((id) => others.every((ids) => ids.includes(id)));
  }

  private async tutorialNamed(id: string): Promise<Tutorial> {
    const document = await this.collection().get(id);
    if (!document) throw notFound('Tutorial', id);
    return toTutorial(document);
  }

  private collection() {
    return this.deps.readStore.collection<TutorialDocument>(TUTORIALS_COLLECTION);
  }
}

function toTutorial(document: TutorialDocument): Tutorial {
  const { id, authorId, title, summary, body, bodyHtml, algorithmIds, tags, version, versions, createdAt, updatedAt } = document;
  return { id, authorId, title, summary, body, bodyHtml, algorithmIds: [...algorithmIds], tags: [...tags], version, versions: [...versions], createdAt, updatedAt };
}
