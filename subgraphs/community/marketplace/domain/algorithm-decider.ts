import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { ErrorCode } from '../../../../platform/errors';
import type { AlgorithmEvent, AlgorithmVersionSubmission } from '../../../../schema/events/algorithm-events';
import type { AlgorithmVersionStatus } from '../../../../schema/read-models/marketplace';

export interface AlgorithmState {
  readonly exists: boolean;
  readonly tenantId: string;
  readonly authorId: string;
  readonly latestVersion: number;
  /** Each version's review status, by version number. */
  readonly versions: Readonly<Record<number, AlgorithmVersionStatus>>;
  readonly deprecated: boolean;
}

export type ReviewDecision = 'APPROVE' | 'REJECT';

export type AlgorithmCommand =
  | {
      readonly type: 'SubmitAlgorithmVersion';
      /** A new listing (version 1), or a new version of an existing one of the same tenant. */
      readonly newListing: boolean;
      readonly submission: Omit<AlgorithmVersionSubmission, 'version'>;
    }
  | { readonly type: 'ReviewAlgorithmVersion'; readonly algorithmId: string; readonly version?: number; readonly decision: ReviewDecision; readonly reason: string; readonly reviewerId: string; readonly at: string }
  | { readonly type: 'DeprecateAlgorithm'; readonly algorithmId: string; readonly reason: string; readonly by: string; readonly at: string }
  | { readonly type: 'RateAlgorithm'; readonly algorithmId: string; readonly version: number; readonly raterTenantId: string; readonly raterId: string; readonly stars: number; readonly text: string; readonly at: string };

export const MAX_REVIEW_REASON = 2_000;
export const MAX_RATING_TEXT = 2_000;

/**
 * A marketplace listing (`algorithm-<algorithmId>`): versions submitted by its author's tenant,
 * each approved or rejected once by a moderator; deprecation ends discovery for good; licence
 * holders rate approved versions. Content checks happen before a submission gets here
 * (validation/check-submission.ts): they need Ajv, the renderer and the read model.
 */
export const algorithmDecider: Decider<AlgorithmState, AlgorithmCommand, AlgorithmEvent> = {
  initialState: () => ({ exists: false, tenantId: '', authorId: '', latestVersion: 0, versions: {}, deprecated: false }),

  evolve(state, event) {
    switch (event.type) {
      case 'AlgorithmVersionSubmitted':
        return {
          ...state,
          exists: true,
          tenantId: event.data.tenantId,
          authorId: state.exists ? state.authorId : event.data.authorId,
          latestVersion: event.data.version,
          versions: { ...state.versions, [event.data.version]: 'SUBMITTED' },
        };
      case 'AlgorithmVersionApproved':
        return { ...state, versions: { ...state.versions, [event.data.version]: 'APPROVED' } };
      case 'AlgorithmVersionRejected':
        return { ...state, versions: { ...state.versions, [event.data.version]: 'REJECTED' } };
      case 'AlgorithmDeprecated':
        return { ...state, deprecated: true };
      case 'AlgorithmRated':
        return state;
    }
  },

  decide(command, state) {
    if (command.type === 'SubmitAlgorithmVersion') return submit(command, state);
    if (!state.exists) throw new DomainError(ErrorCode.NotFound, `Algorithm ${command.algorithmId} does not exist.`);
    switch (command.type) {
      case 'ReviewAlgorithmVersion':
        return review(command, state);
      case 'DeprecateAlgorithm': {
        if (state.deprecated) return [];
        const reason = requiredText(command.reason, 'reason', MAX_REVIEW_REASON);
        return [{ type: 'AlgorithmDeprecated', data: { algorithmId: command.algorithmId, tenantId: state.tenantId, deprecatedBy: command.by, reason, deprecatedAt: command.at } }];
      }
      case 'RateAlgorithm':
        return rate(command, state);
    }
  },
};

function submit(command: Extract<AlgorithmCommand, { type: 'SubmitAlgorithmVersion' }>, state: AlgorithmState): AlgorithmEvent[] {
  const { submission } = command;
  if (command.newListing && state.exists) throw new DomainError(ErrorCode.Conflict, `Algorithm ${submission.algorithmId} already exists: submit a new version of it with its algorithmId.`);
  // Another tenant's listing answers as a missing one: no one learns which ids exist elsewhere.
  if (!command.newListing && (!state.exists || state.tenantId !== submission.tenantId)) throw new DomainError(ErrorCode.NotFound, `Algorithm ${submission.algorithmId} does not exist.`);
  if (state.deprecated) throw new DomainError(ErrorCode.Conflict, `Algorithm ${submission.algorithmId} is deprecated and takes no new versions: submit a new listing instead.`);
  return [{ type: 'AlgorithmVersionSubmitted', data: { ...submission, version: state.latestVersion + 1 } }];
}

function review(command: Extract<AlgorithmCommand, { type: 'ReviewAlgorithmVersion' }>, state: AlgorithmState): AlgorithmEvent[] {
  const version = command.version ?? state.latestVersion;
  const status = state.versions[version];
  if (status === undefined) throw new DomainError(ErrorCode.NotFound, `Algorithm ${command.algorithmId} has no version ${version}.`);
  if (status !== 'SUBMITTED') throw new DomainError(ErrorCode.Conflict, `Version ${version} of algorithm ${command.algorithmId} was already ${status.toLowerCase()}: only a submitted version can be reviewed.`);
  if (state.deprecated) throw new DomainError(ErrorCode.Conflict, `Algorithm ${command.algorithmId} is deprecated: there is nothing left to review.`);
  const reason = command.decision === 'REJECT' ? requiredText(command.reason, 'input.reason', MAX_REVIEW_REASON) : optionalText(command.reason, 'input.reason', MAX_REVIEW_REASON);
  const data = { algorithmId: command.algorithmId, version, tenantId: state.tenantId, authorId: state.authorId, reviewerId: command.reviewerId, reason, reviewedAt: command.at };
  return [command.decision === 'APPROVE' ? { type: 'AlgorithmVersionApproved', data } : { type: 'AlgorithmVersionRejected', data }];
}

function rate(command: Extract<AlgorithmCommand, { type: 'RateAlgorithm' }>, state: AlgorithmState): AlgorithmEvent[] {
  if (state.versions[command.version] !== 'APPROVED') throw new DomainError(ErrorCode.NotFound, `Algorithm ${command.algorithmId} has no approved version ${command.version}.`);
  if (!Number.isInteger(command.stars) || command.stars < 1 || command.stars > 5) throw new DomainError(ErrorCode.BadUserInput, 'stars is a whole number from 1 to 5.', { field: 'input.stars' });
  const text = optionalText(command.text, 'input.text', MAX_RATING_TEXT);
  const { algorithmId, version, raterTenantId, raterId, stars, at } = command;
  return [{ type: 'AlgorithmRated', data: { algorithmId, version, raterTenantId, raterId, stars, text, ratedAt: at } }];
}

/** `field` is the argument's path (`input.reason`), as BAD_USER_INPUT names it. */
function requiredText(value: string, field: string, max: number): string {
  const text = optionalText(value, field, max);
  if (text.length === 0) throw new DomainError(ErrorCode.BadUserInput, `${field} is required: say why.`, { field });
  return text;
}

function optionalText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text.length > max) throw new DomainError(ErrorCode.BadUserInput, `${field} has at most ${max} characters.`, { field });
  return text;
}
