import type { DomainEvent } from '../../platform/commands/decider';

/**
 * A developer-portal tutorial, `tutorial-<tutorialId>`: shared content that every signed-in user
 * reads, owned by its author's tenant. Each event holds the whole version it creates: the markdown
 * as written and its sanitised HTML (rendered when the command is decided), so neither readers nor
 * projections ever sanitise again.
 */
export const TUTORIAL_CATEGORY = 'tutorial';
export const tutorialStreamId = (tutorialId: string): string => `${TUTORIAL_CATEGORY}-${tutorialId}`;

/** One version of a tutorial's content. */
export interface TutorialContent {
  readonly title: string;
  readonly summary: string;
  /** Markdown, as the author wrote it. */
  readonly body: string;
  /** The markdown rendered and sanitised: what is shown. */
  readonly bodyHtml: string;
  /** Marketplace listings (`algorithmId`) the tutorial is about. */
  readonly algorithmIds: readonly string[];
  readonly tags: readonly string[];
}

export type TutorialCreated = DomainEvent<'TutorialCreated', TutorialContent & { readonly tutorialId: string; readonly tenantId: string; readonly authorId: string; readonly version: 1; readonly createdAt: string }>;
export type TutorialUpdated = DomainEvent<'TutorialUpdated', TutorialContent & { readonly tutorialId: string; readonly tenantId: string; readonly version: number; readonly updatedBy: string; readonly updatedAt: string }>;

export type TutorialEvent = TutorialCreated | TutorialUpdated;

export const TUTORIAL_EVENT_VERSIONS: Readonly<Record<TutorialEvent['type'], number>> = { TutorialCreated: 1, TutorialUpdated: 1 };
