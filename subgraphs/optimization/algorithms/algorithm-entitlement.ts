import type { GraphQLError } from 'graphql';
import { badUserInput, ErrorCode, notFound, platformError } from '../../../platform/errors';
import type { PlatformConfig } from '../../../platform/config';
import { requireMarketplace } from '../../../platform/feature-flags';
import { readAll } from '../../../platform/readstore/read-all';
import type { ReadStore } from '../../../platform/readstore/port';
import type { AlgorithmRecipe, AlgorithmRunReference } from '../../../schema/events';
import {
  algorithmRecipeId,
  OPTIMIZATION_ALGORITHM_ENTITLEMENTS_COLLECTION,
  OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION,
  OPTIMIZATION_ALGORITHMS_COLLECTION,
  type AlgorithmEntitlementDocument,
  type AlgorithmRecipeDocument,
  type OptimizationAlgorithmDocument,
} from '../../../schema/read-models/algorithm-runs';
import { decideRun, type RunDecision } from './entitlement-rule';

/** A run of a marketplace algorithm the runner's tenant may make: which version, whose, and its recipe. */
export interface AlgorithmRun {
  readonly listing: Omit<AlgorithmRunReference, 'parameters'>;
  readonly recipe: AlgorithmRecipe;
}

/**
 * The check at use: the recipe of the version `runnerTenantId` may run, from the optimization
 * subgraph's own read models of the community's listing and licence events; throws
 * FEATURE_DISABLED while the marketplace is switched off, LICENSE_REQUIRED (with the remedy), NOT_FOUND or BAD_USER_INPUT otherwise, before anything is
 * stored or run.
 */
export async function requireAlgorithmRun(deps: { readonly readStore: Pick<ReadStore, 'collection'>; readonly config: PlatformConfig }, runnerTenantId: string, algorithmId: string, requestedVersion?: number): Promise<AlgorithmRun> {
  requireMarketplace(deps.config);
  const { readStore } = deps;
  const listing = await readStore.collection<OptimizationAlgorithmDocument>(OPTIMIZATION_ALGORITHMS_COLLECTION).get(algorithmId);
  const entitlements = await readAll(readStore.collection<AlgorithmEntitlementDocument>(OPTIMIZATION_ALGORITHM_ENTITLEMENTS_COLLECTION), { where: { tenantId: runnerTenantId, algorithmId, active: true } });
  const decision = decideRun(runnerTenantId, listing, requestedVersion, entitlements.map((entitlement) => entitlement.version));
  if (decision.kind !== 'run') throw refusal(decision, runnerTenantId, algorithmId);
  const recipe = await readStore.collection<AlgorithmRecipeDocument>(OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION).get(algorithmRecipeId(algorithmId, decision.version));
  if (!listing || !recipe) throw notFound('Algorithm', algorithmId);
  return { listing: { algorithmId, version: decision.version, authorTenantId: listing.tenantId, authorId: recipe.authorId }, recipe: recipe.recipe };
}

function refusal(decision: Exclude<RunDecision, { kind: 'run' }>, tenantId: string, algorithmId: string): GraphQLError {
  switch (decision.kind) {
    case 'unknown-algorithm':
      return notFound('Algorithm', algorithmId);
    case 'version-not-approved':
      return badUserInput(
        `Version ${decision.version} of algorithm ${algorithmId} is not approved, and only approved versions run: ${decision.latestApprovedVersion === null ? 'wait for its review' : `run version ${decision.latestApprovedVersion} (the newest approved), or wait for the review`}.`,
        'input.algorithmVersion',
      );
    case 'license-required': {
      const what = decision.version === undefined ? `algorithm ${algorithmId}` : `version ${decision.version} of algorithm ${algorithmId}`;
      return platformError(ErrorCode.LicenseRequired, `Tenant ${tenantId} holds no active licence for ${what}: purchase a licence with purchaseAlgorithm, then run it again.`, {
        algorithmId,
        ...(decision.version !== undefined && { version: decision.version }),
      });
    }
  }
}
