import { deciderSpec } from '../../../../test/support/decider-spec';
import type { AlgorithmEvent } from '../../../../schema/events';
import { sampleSubmission } from '../../../../test/support/sample-listing';
import { algorithmDecider, type AlgorithmCommand } from './algorithm-decider';

const spec = deciderSpec(algorithmDecider);
const at = '2026-12-01T10:00:00.000Z';
const later = '2026-12-02T10:00:00.000Z';
const { version: _version, ...submission } = sampleSubmission({ algorithmId: 'a1', name: 'Portfolio annealer', category: 'Finance', complexity: 'Advanced', contentHash: 'c1', submittedAt: at });
const submit = (overrides: Partial<AlgorithmCommand & { type: 'SubmitAlgorithmVersion' }> = {}): AlgorithmCommand => ({ type: 'SubmitAlgorithmVersion', newListing: true, submission, ...overrides });
const submitted = (version: number): AlgorithmEvent => ({ type: 'AlgorithmVersionSubmitted', data: { ...submission, version } });
const decision = (version: number, reason = 'fine') => ({ algorithmId: 'a1', version, tenantId: 'acme', authorId: 'ada', reviewerId: 'mod', reason, reviewedAt: later });
const approved = (version: number): AlgorithmEvent => ({ type: 'AlgorithmVersionApproved', data: decision(version) });
const review = (decision: 'APPROVE' | 'REJECT', reason: string, version?: number): AlgorithmCommand => ({ type: 'ReviewAlgorithmVersion', algorithmId: 'a1', version, decision, reason, reviewerId: 'mod', at: later });
const deprecated: AlgorithmEvent = { type: 'AlgorithmDeprecated', data: { algorithmId: 'a1', tenantId: 'acme', deprecatedBy: 'ada', reason: 'superseded', deprecatedAt: later } };
const rate = (stars: number, version = 1, text = ' great '): AlgorithmCommand => ({ type: 'RateAlgorithm', algorithmId: 'a1', version, raterTenantId: 'globex', raterId: 'bob', stars, text, at: later });

describe('algorithm decider', () => {
  describe('submission', () => {
    it('submits a new listing as version 1', () => spec.given([]).when(submit()).then([submitted(1)]));

    it('submits a new version of its own listing as the next number, whatever became of the earlier ones', () =>
      spec.given([submitted(1), approved(1)]).when(submit({ newListing: false })).then([submitted(2)]));

    it("answers NOT_FOUND for a new version of a listing that does not exist or is another tenant's", () => {
      spec.given([]).when(submit({ newListing: false })).thenRejects('NOT_FOUND');
      spec.given([submitted(1)]).when(submit({ newListing: false, submission: { ...submission, tenantId: 'globex' } })).thenRejects('NOT_FOUND');
    });

    it('refuses a new version of a deprecated listing', () => spec.given([submitted(1), approved(1), deprecated]).when(submit({ newListing: false })).thenRejects('CONFLICT', /deprecated/));
  });

  describe('review', () => {
    it('approves the latest version when none is named', () => spec.given([submitted(1)]).when(review('APPROVE', ' fine ')).then([approved(1)]));

    it('rejects a named version, with its reason', () =>
      spec.given([submitted(1), approved(1), submitted(2)]).when(review('REJECT', 'plagiarised', 2)).then([{ type: 'AlgorithmVersionRejected', data: decision(2, 'plagiarised') }]));

    it('approves without a reason, but never rejects without one', () => {
      spec.given([submitted(1)]).when(review('APPROVE', '')).then([{ type: 'AlgorithmVersionApproved', data: decision(1, '') }]);
      spec.given([submitted(1)]).when(review('REJECT', '  ')).thenRejects('BAD_USER_INPUT', /reason/);
    });

    it('reviews only a submitted version (CONFLICT), and only one that exists (NOT_FOUND)', () => {
      spec.given([submitted(1), approved(1)]).when(review('REJECT', 'changed my mind')).thenRejects('CONFLICT', /already approved/);
      spec.given([submitted(1)]).when(review('APPROVE', '', 3)).thenRejects('NOT_FOUND');
      spec.given([]).when(review('APPROVE', '')).thenRejects('NOT_FOUND');
    });
  });

  describe('deprecation', () => {
    it('deprecates once; a second deprecation changes nothing', () => {
      spec.given([submitted(1), approved(1)]).when({ type: 'DeprecateAlgorithm', algorithmId: 'a1', reason: 'superseded', by: 'ada', at: later }).then([deprecated]);
      spec.given([submitted(1), approved(1), deprecated]).when({ type: 'DeprecateAlgorithm', algorithmId: 'a1', reason: 'again', by: 'ada', at: later }).then([]);
    });

    it('wants a reason', () => spec.given([submitted(1)]).when({ type: 'DeprecateAlgorithm', algorithmId: 'a1', reason: '', by: 'ada', at: later }).thenRejects('BAD_USER_INPUT', /reason/));
  });

  describe('rating', () => {
    it('rates an approved version with 1 to 5 stars and a trimmed text', () =>
      spec
        .given([submitted(1), approved(1)])
        .when(rate(4))
        .then([{ type: 'AlgorithmRated', data: { algorithmId: 'a1', version: 1, raterTenantId: 'globex', raterId: 'bob', stars: 4, text: 'great', ratedAt: later } }]));

    it('refuses stars outside 1..5 or not whole, and a version that is not approved', () => {
      for (const stars of [0, 6, 3.5]) spec.given([submitted(1), approved(1)]).when(rate(stars)).thenRejects('BAD_USER_INPUT', /stars/);
      spec.given([submitted(1), approved(1), submitted(2)]).when(rate(5, 2)).thenRejects('NOT_FOUND');
    });

    it('refuses a text over 2,000 characters', () => spec.given([submitted(1), approved(1)]).when(rate(3, 1, 'x'.repeat(2001))).thenRejects('BAD_USER_INPUT', /text/));
  });
});
