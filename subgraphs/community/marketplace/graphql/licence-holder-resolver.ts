import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { ErrorCode, notFound, platformError } from '../../../../platform/errors';
import { requireAuth, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { LICENSES_COLLECTION, type LicenseDocument } from '../../../../schema/read-models/licensing';
import { algorithmVersionId } from '../../../../schema/read-models/marketplace';
import { plainText } from '../../content/markdown';
import { actingTenantOf } from '../../graphql/community-member';
import { requireMarketplace } from '../../../../platform/feature-flags';
import { algorithms } from '../domain/command-handlers';
import { AlgorithmSourceStore } from '../storage/source-store';
import { Algorithm, AlgorithmSource, RateAlgorithmInput } from './algorithm-types';
import { listingCollection, seesUnapproved, toAlgorithm, versionCollection, visibleListing } from './listing-reads';

/** What a licence gives beyond running: rating the version bought, and downloading its source code. */
@Resolver()
export class LicenceHolderResolver {
  private readonly sources: AlgorithmSourceStore;

  constructor(private readonly deps: SubgraphDependencies) {
    this.sources = new AlgorithmSourceStore(deps.config.community.algorithmStoragePath);
  }

  @Mutation(() => Algorithm, { description: "Rates a version your tenant holds an active licence for (LICENSE_REQUIRED otherwise): 1–5 stars and a plain text. Your second rating of a version replaces the first." })
  async rateAlgorithm(@Arg('input', () => RateAlgorithmInput) input: RateAlgorithmInput, @Ctx() context: SubgraphContext): Promise<Algorithm> {
    requireMarketplace(this.deps.config);
    const auth = requireAuth(context);
    const tenantId = actingTenantOf(auth, this.deps.config);
    const listing = await visibleListing(this.deps.readStore, auth, this.deps.config, input.algorithmId);
    const licensed = await this.licensedVersions(tenantId, input.algorithmId);
    const version = input.version ?? Math.max(0, ...licensed);
    if (!licensed.includes(version)) throw licenseRequired(input.algorithmId, input.version ?? undefined);
    const command = { type: 'RateAlgorithm' as const, algorithmId: input.algorithmId, version, raterTenantId: tenantId, raterId: auth.subject, stars: input.stars, text: plainText(input.text), at: this.deps.clock().toISOString() };
    await executeCommand(this.deps, callerOf(context), algorithms, command, { tenantId, target: input.algorithmId });
    const rated = await listingCollection(this.deps.readStore).get(listing.id);
    if (!rated) throw notFound('Algorithm', listing.id);
    return toAlgorithm(rated, seesUnapproved(auth, this.deps.config, rated));
  }

  @Query(() => AlgorithmSource, { description: "A version's source code, for the tenants holding an active licence for that version (LICENSE_REQUIRED otherwise), its author's tenant and the moderators." })
  async algorithmSource(@Arg('algorithmId', () => ID) algorithmId: string, @Arg('version', () => Int) version: number, @Ctx() context: SubgraphContext): Promise<AlgorithmSource> {
    requireMarketplace(this.deps.config);
    const auth = requireAuth(context);
    const listing = await visibleListing(this.deps.readStore, auth, this.deps.config, algorithmId);
    const privileged = seesUnapproved(auth, this.deps.config, listing);
    const document = await versionCollection(this.deps.readStore).get(algorithmVersionId(algorithmId, version));
    if (!document || (!privileged && document.status !== 'APPROVED')) throw notFound(`Version ${version} of algorithm`, algorithmId);
    if (!privileged && !(await this.licensedVersions(actingTenantOf(auth, this.deps.config), algorithmId)).includes(version)) throw licenseRequired(algorithmId, version);
    const content = document.sourceHash ? await this.sources.get(document.sourceHash) : undefined;
    if (!document.sourceHash || !content) throw notFound(`Source code of version ${version} of algorithm`, algorithmId);
    return { algorithmId, version, sha256: document.sourceHash, bytes: content.length, base64: content.toString('base64') };
  }

  /** The versions of the algorithm the tenant holds an active licence for. */
  private async licensedVersions(tenantId: string, algorithmId: string): Promise<number[]> {
    const page = await this.deps.readStore.collection<LicenseDocument>(LICENSES_COLLECTION).find({ where: { tenantId, algorithmId, status: 'ACTIVE' }, first: 1000 });
    return page.items.map((license) => license.version);
  }
}

function licenseRequired(algorithmId: string, version: number | undefined) {
  const what = version === undefined ? `algorithm ${algorithmId}` : `version ${version} of algorithm ${algorithmId}`;
  return platformError(ErrorCode.LicenseRequired, `Your tenant holds no active licence for ${what}: purchase a licence first (purchaseAlgorithm), then try again.`, { algorithmId, ...(version === undefined ? {} : { version }) });
}
