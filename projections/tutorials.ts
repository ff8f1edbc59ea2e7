import { TUTORIAL_CATEGORY, type TutorialEvent } from '../schema/events';
import {
  TUTORIAL_LINKS_COLLECTION,
  TUTORIALS_COLLECTION,
  tutorialAlgorithmLink,
  tutorialLinkId,
  tutorialTagLink,
  type TutorialDocument,
  type TutorialLinkDocument,
} from '../schema/read-models/portal';
import type { Projection } from './projection';

/** Each tutorial at its latest version with the list of its versions, and its links to listings and tags. */
export const tutorialsProjection: Projection = {
  name: 'tutorials',
  collections: [
    { name: TUTORIALS_COLLECTION, indexes: ['authorId', 'tenantId', 'updatedAt'], textFields: ['title', 'summary', 'body'] },
    { name: TUTORIAL_LINKS_COLLECTION, indexes: ['link', 'tutorialId', 'updatedAt'] },
  ],
  filter: { categories: [TUTORIAL_CATEGORY], eventTypes: ['TutorialCreated', 'TutorialUpdated'] },
  async handle(recorded, context) {
    const event = recorded as unknown as TutorialEvent;
    const previous = await context.get<TutorialDocument>(TUTORIALS_COLLECTION, event.data.tutorialId);
    const { title, summary, body, bodyHtml, algorithmIds, tags, version } = event.data;
    const entry = event.type === 'TutorialCreated' ? { version, title, updatedAt: event.data.createdAt, updatedBy: event.data.authorId } : { version, title, updatedAt: event.data.updatedAt, updatedBy: event.data.updatedBy };
    const document: TutorialDocument = {
      id: event.data.tutorialId,
      tenantId: event.data.tenantId,
      authorId: event.type === 'TutorialCreated' ? event.data.authorId : (previous?.authorId ?? event.data.updatedBy),
      title,
      summary,
      body,
      bodyHtml,
      algorithmIds,
      tags,
      version,
      versions: [...(previous?.versions ?? []).filter((known) => known.version < version), entry],
      createdAt: previous?.createdAt ?? entry.updatedAt,
      updatedAt: entry.updatedAt,
    };
    context.upsert(TUTORIALS_COLLECTION, document);
    const links = [...algorithmIds.map(tutorialAlgorithmLink), ...tags.map(tutorialTagLink)];
    for (const link of links) context.upsert(TUTORIAL_LINKS_COLLECTION, { id: tutorialLinkId(document.id, link), tutorialId: document.id, link, updatedAt: document.updatedAt } satisfies TutorialLinkDocument);
    const dropped = [...(previous?.algorithmIds ?? []).map(tutorialAlgorithmLink), ...(previous?.tags ?? []).map(tutorialTagLink)].filter((link) => !links.includes(link));
    for (const link of dropped) context.delete(TUTORIAL_LINKS_COLLECTION, tutorialLinkId(document.id, link));
  },
};
