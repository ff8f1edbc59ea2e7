import { ALGORITHM_CATEGORY, type AlgorithmEvent } from '../schema/events';
import {
  algorithmRecipeId,
  OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION,
  OPTIMIZATION_ALGORITHMS_COLLECTION,
  type AlgorithmRecipeDocument,
  type OptimizationAlgorithmDocument,
} from '../schema/read-models/algorithm-runs';
import type { Projection } from './projection';

/**
 * The optimization subgraph's view of marketplace listings: each version's recipe and review
 * status, and per listing its owner, its newest approved version and whether it is deprecated.
 * What a run with `algorithmId` reads to find the recipe and the author.
 */
export const algorithmRecipesProjection: Projection = {
  name: 'algorithm-recipes',
  collections: [
    { name: OPTIMIZATION_ALGORITHMS_COLLECTION, indexes: ['tenantId'] },
    { name: OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION, indexes: ['algorithmId'] },
  ],
  filter: { categories: [ALGORITHM_CATEGORY], eventTypes: ['AlgorithmVersionSubmitted', 'AlgorithmVersionApproved', 'AlgorithmVersionRejected', 'AlgorithmDeprecated'] },
  async handle(recorded, context) {
    const event = recorded as unknown as AlgorithmEvent;
    const listing = await context.get<OptimizationAlgorithmDocument>(OPTIMIZATION_ALGORITHMS_COLLECTION, event.data.algorithmId);
    switch (event.type) {
      case 'AlgorithmVersionSubmitted': {
        const { algorithmId, version, tenantId, authorId, recipe } = event.data;
        const recipeDocument: AlgorithmRecipeDocument = { id: algorithmRecipeId(algorithmId, version), algorithmId, version, tenantId, authorId, recipe, status: 'SUBMITTED', deprecated: listing?.deprecated ?? false };
        context.upsert(OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION, recipeDocument);
        const versions = [...(listing?.versions ?? []).filter((known) => known !== version), version];
        const listingDocument: OptimizationAlgorithmDocument = {
          id: algorithmId,
          tenantId,
          authorId,
          versions,
          approvedVersions: listing?.approvedVersions ?? [],
          latestApprovedVersion: listing?.latestApprovedVersion ?? null,
          deprecated: listing?.deprecated ?? false,
        };
        context.upsert(OPTIMIZATION_ALGORITHMS_COLLECTION, listingDocument);
        return;
      }
      case 'AlgorithmVersionApproved': {
        const { algorithmId, version } = event.data;
        context.patch(OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION, algorithmRecipeId(algorithmId, version), { status: 'APPROVED' });
        if (!listing) return;
        const approvedVersions = [...new Set([...listing.approvedVersions, version])].sort((a, b) => a - b);
        context.patch(OPTIMIZATION_ALGORITHMS_COLLECTION, algorithmId, { approvedVersions, latestApprovedVersion: approvedVersions[approvedVersions.length - 1] });
        return;
      }
      case 'AlgorithmVersionRejected':
        context.patch(OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION, algorithmRecipeId(event.data.algorithmId, event.data.version), { status: 'REJECTED' });
        return;
      case 'AlgorithmDeprecated': {
        if (!listing) return;
        context.patch(OPTIMIZATION_ALGORITHMS_COLLECTION, listing.id, { deprecated: true });
        for (const version of listing.versions) context.patch(OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION, algorithmRecipeId(listing.id, version), { deprecated: true });
        return;
      }
      case 'AlgorithmRated':
        return;
    }
  },
};
