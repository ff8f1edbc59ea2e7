import { algorithmStreamId, type AlgorithmEvent, type AlgorithmRecipe } from '../schema/events';
import { OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION, OPTIMIZATION_ALGORITHMS_COLLECTION } from '../schema/read-models/algorithm-runs';
import { describeProjection, stream } from '../test/support/projection-spec';
import { sampleSubmission } from '../test/support/sample-listing';
import { algorithmRecipesProjection } from './algorithm-recipes';

const at = '2026-11-26T10:00:00.000Z';
const annealer: AlgorithmRecipe = { strategy: 'SA', timeLimitMs: 500, parameters: { sweeps: 2_000, schedule: 'linear' } };
const tabu: AlgorithmRecipe = { strategy: 'TABU', timeLimitMs: 800 };
const submission = (version: number, recipe: AlgorithmRecipe) => sampleSubmission({ algorithmId: 'a1', version, tenantId: 'author-co', authorId: 'grace', recipe, contentHash: `hash-${version}`, submittedAt: at });
const review = { tenantId: 'author-co', authorId: 'grace', reviewerId: 'mo', reason: 'fine', reviewedAt: at };
const submitted = (version: number, recipe: AlgorithmRecipe): AlgorithmEvent => ({ type: 'AlgorithmVersionSubmitted', data: submission(version, recipe) });
const approved = (version: number): AlgorithmEvent => ({ type: 'AlgorithmVersionApproved', data: { algorithmId: 'a1', version, ...review } });
const rejected = (version: number): AlgorithmEvent => ({ type: 'AlgorithmVersionRejected', data: { algorithmId: 'a1', version, ...review } });
const recipeDocument = (version: number, recipe: AlgorithmRecipe, status: string, deprecated = false) => ({ id: `a1:${version}`, algorithmId: 'a1', version, tenantId: 'author-co', authorId: 'grace', recipe, status, deprecated });

describeProjection(algorithmRecipesProjection, (spec) => {
  const listing = stream<AlgorithmEvent>(algorithmStreamId('a1'), 'author-co');

  it('keeps each version’s recipe and review status, and the newest approved version of the listing', () =>
    spec
      .given(listing(submitted(1, annealer)), listing(approved(1)), listing(submitted(2, tabu)))
      .when(listing(approved(2)), listing(submitted(3, annealer)), listing(rejected(3)))
      .then({
        [OPTIMIZATION_ALGORITHMS_COLLECTION]: [{ id: 'a1', tenantId: 'author-co', authorId: 'grace', versions: [1, 2, 3], approvedVersions: [1, 2], latestApprovedVersion: 2, deprecated: false }],
        [OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION]: [recipeDocument(1, annealer, 'APPROVED'), recipeDocument(2, tabu, 'APPROVED'), recipeDocument(3, annealer, 'REJECTED')],
      }));

  it('marks the listing and every version deprecated, versions still runnable by their buyers', () =>
    spec
      .given(listing(submitted(1, annealer)), listing(approved(1)), listing(submitted(2, tabu)))
      .when(listing({ type: 'AlgorithmDeprecated', data: { algorithmId: 'a1', tenantId: 'author-co', deprecatedBy: 'grace', reason: 'superseded', deprecatedAt: at } }))
      .then({
        [OPTIMIZATION_ALGORITHMS_COLLECTION]: [{ id: 'a1', tenantId: 'author-co', authorId: 'grace', versions: [1, 2], approvedVersions: [1], latestApprovedVersion: 1, deprecated: true }],
        [OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION]: [recipeDocument(1, annealer, 'APPROVED', true), recipeDocument(2, tabu, 'SUBMITTED', true)],
      }));
});
