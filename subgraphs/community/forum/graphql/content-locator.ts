import { notFound } from '../../../../platform/errors';
import type { ReadStore } from '../../../../platform/readstore/port';
import type { ModeratedContent, ModeratedContentType } from '../../../../schema/events';
import { FORUM_POSTS_COLLECTION, FORUM_THREADS_COLLECTION, type ForumPostDocument, type ForumThreadDocument } from '../../../../schema/read-models/forum';
import { ALGORITHM_LISTINGS_COLLECTION, type AlgorithmListingDocument } from '../../../../schema/read-models/marketplace';
import { TUTORIALS_COLLECTION, type TutorialDocument } from '../../../../schema/read-models/portal';

type Locate = (readStore: ReadStore, contentId: string) => Promise<ModeratedContent | undefined>;

const none = { forumId: null, threadId: null, algorithmId: null };

/** Where each kind of content is read, and what moderation needs of it: its author and its place. */
const LOCATORS: Readonly<Record<ModeratedContentType, Locate>> = {
  async POST(readStore, contentId) {
    const post = await readStore.collection<ForumPostDocument>(FORUM_POSTS_COLLECTION).get(contentId);
    return post && { contentId, contentType: 'POST', authorId: post.authorId, authorTenantId: post.authorTenantId, ...none, forumId: post.forumId, threadId: post.threadId };
  },
  async THREAD(readStore, contentId) {
    const thread = await readStore.collection<ForumThreadDocument>(FORUM_THREADS_COLLECTION).get(contentId);
    return thread && { contentId, contentType: 'THREAD', authorId: thread.authorId, authorTenantId: thread.authorTenantId, ...none, forumId: thread.forumId, threadId: thread.id };
  },
  async ALGORITHM(readStore, contentId) {
    const listing = await readStore.collection<AlgorithmListingDocument>(ALGORITHM_LISTINGS_COLLECTION).get(contentId);
    return listing && { contentId, contentType: 'ALGORITHM', authorId: listing.authorId, authorTenantId: listing.tenantId, ...none, algorithmId: listing.id };
  },
  async TUTORIAL(readStore, contentId) {
    const tutorial = await readStore.collection<TutorialDocument>(TUTORIALS_COLLECTION).get(contentId);
    return tutorial && { contentId, contentType: 'TUTORIAL', authorId: tutorial.authorId, authorTenantId: tutorial.tenantId, ...none };
  },
};

/** The content a flag or an action names: of the given type, or whichever type has that id. NOT_FOUND otherwise. */
export async function locateContent(readStore: ReadStore, contentId: string, contentType?: ModeratedContentType): Promise<ModeratedContent> {
  const types = contentType ? [contentType] : (Object.keys(LOCATORS) as ModeratedContentType[]);
  for (const type of types) {
    const content = await LOCATORS[type](readStore, contentId);
    if (content) return content;
  }
  throw notFound('Content', contentId);
}
