import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { hasRole, type AuthContext } from '../../../../platform/auth/auth-context';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { ErrorCode, notFound, platformError } from '../../../../platform/errors';
import { connectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireAuth, requireTenantAccess, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { JSONScalar } from '../../../../schema/graphql/scalars';
import { actingTenantOf } from '../../graphql/community-member';
import { requireMarketplace } from '../../../../platform/feature-flags';
import { algorithms } from '../domain/command-handlers';
import { AlgorithmSourceStore } from '../storage/source-store';
import type { ListingContent } from '../validation/check-submission';
import { RECIPE_SCHEMA } from '../validation/recipe-validator';
import { validateSubmission } from '../validation/validate-submission';
import { isError } from '../validation/validation-problem';
import { Algorithm, AlgorithmConnection, AlgorithmRating, AlgorithmValidation, AlgorithmVersion, AlgorithmVersionConnection, ReviewAlgorithmInput, SubmitAlgorithmInput } from './algorithm-types';
import { listingCollection, ratingCollection, seesUnapproved, toAlgorithm, toVersion, versionCollection, visibleListing } from './listing-reads';

const MAX_VERSIONS = 1_000;

/** Listings: submission and validation, review, deprecation, and reading one listing, a tenant's listings or the review queue. */
@Resolver(() => Algorithm)
export class ListingResolver {
  private readonly sources: AlgorithmSourceStore;

  constructor(private readonly deps: SubgraphDependencies) {
    this.sources = new AlgorithmSourceStore(deps.config.community.algorithmStoragePath);
  }

  @Query(() => AlgorithmValidation, { description: "Every problem a submission has, at once, without storing anything (the seed's validate_algorithm)." })
  async validateAlgorithm(@Arg('input', () => SubmitAlgorithmInput) input: SubmitAlgorithmInput): Promise<AlgorithmValidation> {
    requireMarketplace(this.deps.config);
    const { problems } = await this.validate(input);
    return { valid: !problems.some(isError), problems: problems.map((problem) => ({ ...problem })) };
  }

  // The seed's validate_algorithm sits beside submit_algorithm, so clients reach for it as a mutation too: the same check, storing nothing.
  @Mutation(() => AlgorithmValidation, { name: 'validateAlgorithm', description: 'The same check as Query.validateAlgorithm, for clients that send it beside submitAlgorithm; stores nothing.' })
  validateAlgorithmBeforeSubmitting(@Arg('input', () => SubmitAlgorithmInput) input: SubmitAlgorithmInput): Promise<AlgorithmValidation> {
    return this.validateAlgorithm(input);
  }

  @Mutation(() => Algorithm, { description: "Submits a listing in your tenant's name, or with algorithmId a new version of one; a moderator reviews it before anyone else sees it. Invalid input answers ALGORITHM_VALIDATION_FAILED with every problem in `extensions.problems`, and stores nothing." })
  async submitAlgorithm(@Arg('input', () => SubmitAlgorithmInput) input: SubmitAlgorithmInput, @Ctx() context: SubgraphContext): Promise<Algorithm> {
    requireMarketplace(this.deps.config);
    const auth = requireAuth(context);
    const tenantId = actingTenantOf(auth, this.deps.config);
    if (input.algorithmId) {
      const listing = await listingCollection(this.deps.readStore).get(input.algorithmId);
      if (!listing || listing.tenantId !== tenantId) throw notFound('Algorithm', input.algorithmId);
    }
    const { problems, content } = await this.validate(input);
    if (!content) {
      const errors = problems.filter(isError);
      throw platformError(ErrorCode.AlgorithmValidationFailed, `The submission has ${errors.length} problem(s), first ${errors[0].field}: ${errors[0].message}. Fix every one listed in extensions.problems (validateAlgorithm lists them too) and submit again.`, { problems });
    }
    const algorithmId = input.algorithmId ?? randomUUID();
    const command = { type: 'SubmitAlgorithmVersion' as const, newListing: !input.algorithmId, submission: { algorithmId, tenantId, authorId: auth.subject, ...(await this.stored(content)), submittedAt: this.deps.clock().toISOString() } };
    await executeCommand(this.deps, callerOf(context), algorithms, command, { tenantId, target: algorithmId });
    return this.listing(algorithmId, true);
  }

  @Mutation(() => Algorithm, { description: 'Approves or rejects a submitted version (moderators). An approved version becomes what discovery shows; a rejection needs a reason, which the author reads.' })
  async reviewAlgorithm(@Arg('input', () => ReviewAlgorithmInput) input: ReviewAlgorithmInput, @Ctx() context: SubgraphContext): Promise<Algorithm> {
    requireMarketplace(this.deps.config);
    const auth = requireAuth(context);
    await this.listing(input.algorithmId, true);
    const command = { type: 'ReviewAlgorithmVersion' as const, algorithmId: input.algorithmId, version: input.version ?? undefined, decision: input.decision, reason: input.reason, reviewerId: auth.subject, at: this.deps.clock().toISOString() };
    await executeCommand(this.deps, callerOf(context), algorithms, command, { tenantId: actingTenantOf(auth, this.deps.config), target: input.algorithmId });
    return this.listing(input.algorithmId, true);
  }

  @Mutation(() => Algorithm, { description: "Takes a listing out of discovery and sale for good (its author's tenant admins and developers, or a moderator); licences already sold keep working." })
  async deprecateAlgorithm(@Arg('algorithmId', () => ID) algorithmId: string, @Arg('reason', () => String) reason: string, @Ctx() context: SubgraphContext): Promise<Algorithm> {
    requireMarketplace(this.deps.config);
    const auth = requireAuth(context);
    const listing = await visibleListing(this.deps.readStore, auth, this.deps.config, algorithmId);
    // Another tenant's listing is not theirs to change: answered as for any item of another tenant (README, "One rule for every lookup by id").
    if (!mayDeprecate(auth, actingTenantOf(auth, this.deps.config), listing.tenantId)) throw notFound('Algorithm', algorithmId);
    const command = { type: 'DeprecateAlgorithm' as const, algorithmId, reason, by: auth.subject, at: this.deps.clock().toISOString() };
    await executeCommand(this.deps, callerOf(context), algorithms, command, { tenantId: actingTenantOf(auth, this.deps.config), target: algorithmId });
    return this.listing(algorithmId, true);
  }

  @Query(() => Algorithm, { description: "A listing: every signed-in user sees an approved (or deprecated) one; one never approved only its author's tenant and the moderators, and for everyone else it does not exist (NOT_FOUND)." })
  async algorithm(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Algorithm> {
    requireMarketplace(this.deps.config);
    const auth = requireAuth(context);
    const listing = await visibleListing(this.deps.readStore, auth, this.deps.config, id);
    return toAlgorithm(listing, seesUnapproved(auth, this.deps.config, listing));
  }

  @Query(() => AlgorithmConnection, { description: "A tenant's own listings, approved or not, most recently changed first." })
  async algorithms(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: SubgraphContext,
  ): Promise<AlgorithmConnection> {
    requireMarketplace(this.deps.config);
    requireTenantAccess(context, tenantId);
    assertPageSize(first);
    const page = await listingCollection(this.deps.readStore).find({ where: { tenantId }, sort: [{ field: 'updatedAt', direction: 'desc' }], first, after: after ?? undefined });
    return connectionOf(page, (listing) => toAlgorithm(listing, true));
  }

  @Query(() => AlgorithmVersionConnection, { description: 'Versions waiting for review, oldest first (moderators).' })
  async algorithmReviewQueue(@Arg('first', () => Int, { defaultValue: 20 }) first: number, @Arg('after', () => String, { nullable: true }) after: string | undefined): Promise<AlgorithmVersionConnection> {
    requireMarketplace(this.deps.config);
    assertPageSize(first);
    const page = await versionCollection(this.deps.readStore).find({ where: { status: 'SUBMITTED' }, sort: [{ field: 'submittedAt', direction: 'asc' }], first, after: after ?? undefined });
    return connectionOf(page, toVersion);
  }

  @Query(() => JSONScalar, { description: 'The JSON Schema (draft 2020-12) every recipe is validated against, for validating locally.' })
  algorithmRecipeSchema(): unknown {
    requireMarketplace(this.deps.config);
    return RECIPE_SCHEMA;
  }

  @FieldResolver(() => [AlgorithmVersion], { description: 'Oldest first: every version for its author\'s tenant and the moderators, approved ones for everyone else.' })
  async versions(@Root() algorithm: Algorithm, @Ctx() context: SubgraphContext): Promise<AlgorithmVersion[]> {
    const privileged = seesUnapproved(requireAuth(context), this.deps.config, algorithm);
    // By listing only, the status checked here: SQLite keeps no statistics, and given `status` too it may walk
    // that index (one value for nearly every version) through all listings' versions: 50 ms at 10,000 listings.
    const page = await versionCollection(this.deps.readStore).find({ where: { algorithmId: algorithm.id }, sort: [{ field: 'submittedAt', direction: 'asc' }], first: MAX_VERSIONS });
    return page.items.filter((version) => privileged || version.status === 'APPROVED').map(toVersion);
  }

  @FieldResolver(() => [AlgorithmRating], { description: 'The newest ratings first.' })
  async ratings(@Root() algorithm: Algorithm, @Arg('first', () => Int, { defaultValue: 10 }) first: number): Promise<AlgorithmRating[]> {
    assertPageSize(first);
    const page = await ratingCollection(this.deps.readStore).find({ where: { algorithmId: algorithm.id }, sort: [{ field: 'ratedAt', direction: 'desc' }], first });
    return page.items.map(({ version, stars, text, ratedAt }) => ({ version, stars, text, ratedAt }));
  }

  private async validate(input: SubmitAlgorithmInput) {
    return validateSubmission(input, async (contentHash) => (await versionCollection(this.deps.readStore).count({ contentHash })) > 0);
  }

  /** The content as the event records it, its source code stored first (once, by its hash). */
  private async stored({ source, ...content }: ListingContent) {
    if (source) await this.sources.put(source);
    return { ...content, sourceBytes: source?.length ?? null };
  }

  private async listing(algorithmId: string, privileged: boolean): Promise<Algorithm> {
    const listing = await listingCollection(this.deps.readStore).get(algorithmId);
    if (!listing) throw notFound('Algorithm', algorithmId);
    return toAlgorithm(listing, privileged);
  }
}

function mayDeprecate(auth: AuthContext, actingTenant: string, ownerTenant: string): boolean {
  if (hasRole(auth, 'MODERATOR') || hasRole(auth, 'PLATFORM_ADMIN')) return true;
  return actingTenant === ownerTenant && (hasRole(auth, 'TENANT_ADMIN') || hasRole(auth, 'DEVELOPER'));
}
