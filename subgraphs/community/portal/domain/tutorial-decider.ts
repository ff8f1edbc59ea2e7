import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { ErrorCode } from '../../../../platform/errors';
import type { TutorialContent, TutorialEvent } from '../../../../schema/events';

export type TutorialState =
  | { readonly exists: false }
  | { readonly exists: true; readonly tenantId: string; readonly version: number; readonly content: TutorialContent };

export type TutorialChanges = Partial<TutorialContent>;

export type TutorialCommand =
  | { readonly type: 'CreateTutorial'; readonly tutorialId: string; readonly tenantId: string; readonly content: TutorialContent; readonly by: string; readonly at: string }
  | { readonly type: 'UpdateTutorial'; readonly tutorialId: string; readonly changes: TutorialChanges; readonly by: string; readonly at: string };

export const TUTORIAL_LIMITS = { title: 200, summary: 500, body: 100_000, tags: 10, tagLength: 40, algorithms: 20 } as const;
const TAG = /^[a-z0-9][a-z0-9-]*$/;

/**
 * A tutorial's versions: created as version 1, and every update that changes something is the next
 * version, holding the whole content. Updates are refused once a field breaks its limit, so every
 * stored version is one that could have been created.
 */
export const tutorialDecider: Decider<TutorialState, TutorialCommand, TutorialEvent> = {
  initialState: () => ({ exists: false }),

  evolve(_state, event) {
    const { title, summary, body, bodyHtml, algorithmIds, tags } = event.data;
    return { exists: true, tenantId: event.data.tenantId, version: event.data.version, content: { title, summary, body, bodyHtml, algorithmIds, tags } };
  },

  decide(command, state) {
    if (command.type === 'CreateTutorial') {
      if (state.exists) throw new DomainError(ErrorCode.Conflict, `Tutorial ${command.tutorialId} already exists.`);
      const content = validContent(command.content);
      return [{ type: 'TutorialCreated', data: { tutorialId: command.tutorialId, tenantId: command.tenantId, authorId: command.by, ...content, version: 1, createdAt: command.at } }];
    }
    if (!state.exists) throw new DomainError(ErrorCode.NotFound, `Tutorial ${command.tutorialId} does not exist.`);
    const content = validContent({ ...state.content, ...definedOnly(command.changes) });
    if (sameContent(content, state.content)) return [];
    return [{ type: 'TutorialUpdated', data: { tutorialId: command.tutorialId, tenantId: state.tenantId, ...content, version: state.version + 1, updatedBy: command.by, updatedAt: command.at } }];
  },
};

/** The content trimmed, its tags lower-cased and both lists without repeats; refused when a field breaks its limit. */
function validContent(content: TutorialContent): TutorialContent {
  const title = content.title.trim();
  const summary = content.summary.trim();
  const tags = unique(content.tags.map((tag) => tag.trim().toLowerCase()));
  const algorithmIds = unique(content.algorithmIds.map((id) => id.trim()));
  if (title.length === 0 || title.length > TUTORIAL_LIMITS.title) refuse(`title needs 1 to ${TUTORIAL_LIMITS.title} characters.`, 'input.title');
  if (summary.length > TUTORIAL_LIMITS.summary) refuse(`summary has at most ${TUTORIAL_LIMITS.summary} characters.`, 'input.summary');
  if (content.body.trim().length === 0 || content.body.length > TUTORIAL_LIMITS.body) refuse(`body needs 1 to ${TUTORIAL_LIMITS.body} characters of markdown.`, 'input.body');
  if (tags.length > TUTORIAL_LIMITS.tags) refuse(`A tutorial has at most ${TUTORIAL_LIMITS.tags} tags.`, 'input.tags');
  const badTag = tags.find((tag) => !TAG.test(tag) || tag.length > TUTORIAL_LIMITS.tagLength);
  if (badTag !== undefined) refuse(`Tag "${badTag}" is not a tag: use lower-case letters, digits and dashes, at most ${TUTORIAL_LIMITS.tagLength}.`, 'input.tags');
  if (algorithmIds.length > TUTORIAL_LIMITS.algorithms) refuse(`A tutorial links at most ${TUTORIAL_LIMITS.algorithms} algorithms.`, 'input.algorithmIds');
  if (algorithmIds.includes('')) refuse('algorithmIds may not contain an empty id.', 'input.algorithmIds');
  return { ...content, title, summary, tags, algorithmIds };
}

function sameContent(a: TutorialContent, b: TutorialContent): boolean {
  return a.title === b.title && a.summary === b.summary && a.body === b.body && a.bodyHtml === b.bodyHtml && sameList(a.tags, b.tags) && sameList(a.algorithmIds, b.algorithmIds);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function definedOnly(changes: TutorialChanges): TutorialChanges {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined && value !== null));
}

function refuse(message: string, field: string): never {
  throw new DomainError(ErrorCode.BadUserInput, message, { field });
}
