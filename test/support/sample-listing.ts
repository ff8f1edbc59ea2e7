import { randomUUID } from 'node:crypto';
import { algorithmStreamId, type AlgorithmEvent, type AlgorithmVersionSubmission } from '../../schema/events';
import type { TestPlatform } from './test-platform';

/** A listing version as the marketplace stores it after validation; `overrides` change any field. */
export function sampleSubmission(overrides: Partial<AlgorithmVersionSubmission> = {}): AlgorithmVersionSubmission {
  return {
    algorithmId: randomUUID(),
    version: 1,
    tenantId: 'acme',
    authorId: 'ada',
    name: 'Tabu for Max-Cut',
    description: 'Tabu search tuned for sparse Max-Cut graphs.',
    category: 'Graph',
    complexity: 'Intermediate',
    currency: 'EUR',
    licensePrices: { PERSONAL: 50, COMMERCIAL: 250, ENTERPRISE: 1000 },
    licenseTerms: 'Use inside the licensed tenant only.',
    recipe: { strategy: 'TABU', timeLimitMs: 2000 },
    documentation: '# Tabu for Max-Cut',
    documentationHtml: '<h1>Tabu for Max-Cut</h1>',
    sourceHash: null,
    sourceBytes: null,
    contentHash: randomUUID(),
    submittedAt: new Date().toISOString(),
    ...overrides,
  };
}

/**
 * An approved listing of `tenantId`, written as the marketplace's submit and review would write it
 * but through a second connection (as another process), so a suite about licences, runs or the
 * portal does not depend on the marketplace's mutations. Answers the listing's id.
 */
export async function publishListingFromAnotherProcess(goliath: TestPlatform, tenantId: string, overrides: Partial<AlgorithmVersionSubmission> = {}): Promise<string> {
  const submission = sampleSubmission({ tenantId, ...overrides });
  const { algorithmId, authorId } = submission;
  const events: AlgorithmEvent[] = [
    { type: 'AlgorithmVersionSubmitted', data: submission },
    { type: 'AlgorithmVersionApproved', data: { algorithmId, version: 1, tenantId, authorId, reviewerId: 'mo', reason: 'Recipe and documentation are complete.', reviewedAt: submission.submittedAt } },
  ];
  await goliath.recordFromAnotherProcess(algorithmStreamId(algorithmId), events, { tenantId, actor: authorId, action: 'community.submitAlgorithm' });
  return algorithmId;
}
