import { hasRole } from '../../../../platform/auth/auth-context';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { notFound } from '../../../../platform/errors';
import { connectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireAuth, requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { actingTenantOf } from '../../graphql/community-member';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import type { LicenseDocument } from '../../../../schema/read-models/licensing';
import { requireMarketplace } from '../../../../platform/feature-flags';
import { licenses } from '../domain/command-handlers';
import { invoicing } from '../payment/invoicing';
import { licenseCollection, licenseNamed, toLicense } from './license-reads';
import { License, LicenseConnection, LicenseStatus } from './license-types';

@Resolver()
export class LicenseResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => LicenseConnection, { description: "The tenant's licences, newest first, ended ones included: what its members may run." })
  async licenses(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('status', () => LicenseStatus, { nullable: true }) status: LicenseStatus | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: SubgraphContext,
  ): Promise<LicenseConnection> {
    requireMarketplace(this.deps.config);
    requireTenantAccess(context, tenantId);
    assertPageSize(first);
    const page = await licenseCollection(this.deps.readStore).find({ where: { tenantId, ...(status && { status }) }, sort: [{ field: 'issuedAt', direction: 'desc' }], first, after });
    return connectionOf(page, toLicense);
  }

  @Query(() => License, { description: "A licence of the caller's tenant; another tenant's answers NOT_FOUND." })
  async license(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext): Promise<License> {
    requireMarketplace(this.deps.config);
    return toLicense(await this.visibleLicense(id, context));
  }

  @Mutation(() => License, { description: "Refunds a licence: its invoice is credited in full and the tenant's entitlement ends at once." })
  async refundLicense(@Arg('licenseId', () => ID) licenseId: string, @Arg('reason', () => String) reason: string, @Ctx() context: SubgraphContext): Promise<License> {
    requireMarketplace(this.deps.config);
    const license = await this.visibleLicense(licenseId, context);
    const { creditNote } = invoicing.refund({ invoiceId: invoiceOf(license), total: license.price, currency: license.currency });
    const caller = callerOf(context);
    await executeCommand(this.deps, caller, licenses, { type: 'RefundLicense', licenseId, reason, creditNote, anyTime: hasRole(requireAuth(context), 'PLATFORM_ADMIN'), by: caller.actor, at: this.deps.clock().toISOString() }, { tenantId: license.tenantId, target: licenseId });
    return licenseNamed(this.deps.readStore, licenseId);
  }

  @Mutation(() => License, { description: "Revokes a licence whose terms were broken (moderators): the tenant's entitlement ends at once, nothing is refunded." })
  async revokeLicense(@Arg('licenseId', () => ID) licenseId: string, @Arg('reason', () => String) reason: string, @Ctx() context: SubgraphContext): Promise<License> {
    requireMarketplace(this.deps.config);
    // Moderators act from the operators' tenant on a licence of any tenant: the change is the licence's tenant's, and both trails record it.
    const license = await licenseCollection(this.deps.readStore).get(licenseId);
    if (!license) throw notFound('License', licenseId);
    const caller = callerOf(context);
    await executeCommand(this.deps, caller, licenses, { type: 'RevokeLicense', licenseId, reason, by: caller.actor, at: this.deps.clock().toISOString() }, {
      tenantId: license.tenantId,
      target: licenseId,
      alsoAuditedIn: actingTenantOf(requireAuth(context), this.deps.config),
    });
    return licenseNamed(this.deps.readStore, licenseId);
  }

  private async visibleLicense(licenseId: string, context: SubgraphContext): Promise<LicenseDocument> {
    const license = await licenseCollection(this.deps.readStore).get(licenseId);
    if (!license) throw notFound('License', licenseId);
    requireVisibleItem(context, license.tenantId, () => notFound('License', licenseId));
    return license;
  }
}

/** A licence's invoice is written in the same append as the licence, so a licence read after its purchase has one. */
function invoiceOf(license: LicenseDocument): string {
  if (license.invoiceId === null) throw new Error(`License ${license.id} has no invoice in the licences read model.`);
  return license.invoiceId;
}
