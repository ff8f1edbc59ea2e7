import { inBatches } from '../support/in-batches';
import { eventually } from '../support/eventually';
import { evolutionStreamId, scalingScheduleStreamId } from '../../schema/events';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import type { Role } from '../../platform/auth/auth-context';
import { errorCodes, type GraphQLResponse } from '../support/gateway-client';
import { startOidcIssuer, type TestOidcIssuer } from '../support/oidc-issuer';
import { poisonWriter, type PoisonWriter } from '../support/poison-events';
import { createSigningKey } from '../support/saml-identity-provider';
import { useTestPlatform } from '../support/test-platform';

// The matrix makes about 1,700 calls; on a loaded machine it takes over a minute.
jest.setTimeout(180_000);

/** The columns of the matrix, in order. */
const ROLE_COLUMNS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'ANALYST', 'DEVELOPER', 'AUDITOR', 'VIEWER', 'MODERATOR'];

type Outcome = 'allowed' | 'forbidden' | 'not-found';
interface Expectation {
  /** Per role (ROLE_COLUMNS order), called by a user of tenant A on tenant A's data. */
  readonly ownTenant: readonly Outcome[];
  /** The same call on tenant B's data; absent when the operation names no tenant. */
  readonly otherTenant?: readonly Outcome[];
}

/**
 * `'+ + F N …'`: one cell per role, `+` allowed, `F` forbidden, `N` not found. The rule for lookups
 * by id (README, "Roles"): an item of another tenant answers exactly as a missing item (`N`), while
 * a call that names another tenant (`tenantId`) is `F`; a role that may not call the operation at
 * all is `F` before anything is looked up.
 */
function row(ownTenant: string, otherTenant?: string): Expectation {
  const cells = (text: string) => {
    const outcomes = text.trim().split(/\s+/).map((cell): Outcome => {
      if (cell !== '+' && cell !== 'F' && cell !== 'N') throw new Error(`"${cell}" is none of +, F and N`);
      return cell === '+' ? 'allowed' : cell === 'F' ? 'forbidden' : 'not-found';
    });
    if (outcomes.length !== ROLE_COLUMNS.length) throw new Error(`"${text}" needs ${ROLE_COLUMNS.length} cells`);
    return outcomes;
  };
  return { ownTenant: cells(ownTenant), ...(otherTenant !== undefined && { otherTenant: cells(otherTenant) }) };
}

/**
 * THE expectations: every Query and Mutation of the composed supergraph, written from the
 * policy (README, "Roles"), not copied from the subgraphs' permission tables. Every caller holds
 * a token of tenant A; "other tenant" runs the same call against tenant B's data.
 */
// prettier-ignore
const EXPECTED: Record<string, Expectation> = {
  //                                  own tenant (A)          other tenant (B)
  //                                  pa ta an de au vi mo       pa ta an de au vi mo
  // enterprise: tenants
  'Query.tenant':                 row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Query.tenants':                row('+  +  +  +  +  +  +'),
  'Mutation.createTenant':        row('+  F  F  F  F  F  F'),
  'Mutation.renameTenant':        row('+  +  F  F  F  F  F',    '+  F  F  F  F  F  F'),
  // enterprise: audit trail
  'Query.auditTrail':             row('+  +  F  F  +  F  F',    '+  F  F  F  F  F  F'),
  'Query.verifyAuditChain':       row('+  +  F  F  +  F  F',    '+  F  F  F  F  F  F'),
  'Mutation.recordAuditEntry':    row('+  +  +  +  +  F  F',    '+  F  F  F  F  F  F'),
  // optimization: reads
  'Query.problem':                row('+  +  +  +  +  +  +',    '+  N  N  N  N  N  N'),
  'Query.problems':               row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Query.constraints':            row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Query.solveJob':               row('+  +  +  +  +  +  +',    '+  N  N  N  N  N  N'),
  'Query.solveJobs':              row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Query.constraintPerformance':  row('+  +  +  +  +  +  +',    '+  N  N  N  N  N  N'),
  'Query.tenantPerformance':      row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Mutation.measureConstraintPrice': row('+  +  +  +  F  F  F', '+  N  N  N  F  F  F'),
  'Mutation.evolveConstraints':   row('+  +  +  +  F  F  F',    '+  F  F  F  F  F  F'),
  'Query.constraintEvolutionHistory': row('+  +  +  +  +  +  +', '+  F  F  F  F  F  F'),
  'Query.evolutions':             row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Mutation.approveEvolution':    row('+  +  F  F  F  F  F',    '+  N  F  F  F  F  F'),
  'Mutation.rejectEvolution':     row('+  +  F  F  F  F  F',    '+  N  F  F  F  F  F'),
  'Mutation.createEvolutionTrigger': row('+  +  +  +  F  F  F', '+  F  F  F  F  F  F'),
  'Mutation.updateEvolutionTrigger': row('+  +  +  +  F  F  F', '+  N  N  N  F  F  F'),
  'Query.evolutionTriggers':      row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Mutation.recordMarketChange':  row('+  +  +  +  F  F  F',    '+  F  F  F  F  F  F'),
  'Mutation.trainModels':         row('+  +  +  +  F  F  F',    '+  F  F  F  F  F  F'),
  'Query.constraintEvolutionModels': row('+  +  +  +  +  +  +', '+  F  F  F  F  F  F'),
  'Query.predictConstraintPerformance': row('+  +  +  +  +  +  +', '+  N  N  N  N  N  N'),
  // optimization: writes and solves
  'Mutation.createProblem':       row('+  +  +  +  F  F  F',    '+  F  F  F  F  F  F'),
  'Mutation.createProblemFromTemplate': row('+  +  +  +  F  F  F', '+  F  F  F  F  F  F'),
  'Mutation.createProblemFromFile': row('+  +  +  +  F  F  F', '+  F  F  F  F  F  F'),
  'Mutation.addConstraint':       row('+  +  +  +  F  F  F',    '+  N  N  N  F  F  F'),
  'Mutation.updateConstraint':    row('+  +  +  +  F  F  F',    '+  N  N  N  F  F  F'),
  'Mutation.removeConstraint':    row('+  +  +  +  F  F  F',    '+  N  N  N  F  F  F'),
  'Mutation.optimizeQubo':        row('+  +  +  +  F  F  F',    '+  F  F  F  F  F  F'),
  'Mutation.optimizeMultiObjective': row('+  +  +  +  F  F  F', '+  F  F  F  F  F  F'),
  'Mutation.submitSolveJob':      row('+  +  +  +  F  F  F',    '+  F  F  F  F  F  F'),
  'Mutation.cancelSolveJob':      row('+  +  +  +  F  F  F',    '+  N  N  N  F  F  F'),
  // scaling: metering
  'Mutation.recordUsage':         row('+  +  F  +  F  F  F',    '+  F  F  F  F  F  F'),
  'Query.usageSeries':            row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Mutation.createScalingPolicy': row('+  +  F  F  F  F  F',    '+  F  F  F  F  F  F'),
  'Mutation.updateScalingPolicy': row('+  +  F  F  F  F  F',    '+  N  F  F  F  F  F'),
  'Query.scalingPolicies':        row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Query.calendarExceptions':     row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Mutation.addCalendarException': row('+  +  F  F  F  F  F',   '+  F  F  F  F  F  F'),
  'Mutation.removeCalendarException': row('+  +  F  F  F  F  F', '+  N  F  F  F  F  F'),
  'Mutation.predictResourceDemand': row('+  +  +  +  +  +  +',  '+  F  F  F  F  F  F'),
  'Mutation.retrainModels':       row('+  +  F  F  F  F  F',    '+  F  F  F  F  F  F'),
  'Query.resourceDemandPredictions': row('+  +  +  +  +  +  +', '+  F  F  F  F  F  F'),
  'Query.scalingPredictionModels': row('+  +  +  +  +  +  +',   '+  F  F  F  F  F  F'),
  'Mutation.optimizeScalingSchedule': row('+  +  F  F  F  F  F', '+  F  F  F  F  F  F'),
  'Mutation.approveScalingSchedule': row('+  +  F  F  F  F  F', '+  N  F  F  F  F  F'),
  'Mutation.applyScalingSchedule': row('+  +  F  F  F  F  F',   '+  N  F  F  F  F  F'),
  'Query.scalingSchedule':        row('+  +  +  +  +  +  +',    '+  N  N  N  N  N  N'),
  'Query.scalingSchedules':       row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  // enterprise: sign-in and sessions (public: a token is neither needed nor looked at)
  'Mutation.authenticate':        row('+  +  +  +  +  +  +',    '+  +  +  +  +  +  +'),
  'Mutation.refreshSession':      row('+  +  +  +  +  +  +',    '+  +  +  +  +  +  +'),
  'Mutation.logout':              row('+  +  +  +  +  +  +'),
  'Mutation.revokeSession':       row('+  +  F  F  F  F  F',    '+  N  F  F  F  F  F'),
  'Query.sessions':               row('+  +  F  F  +  F  F',    '+  F  F  F  F  F  F'),
  // enterprise: identity providers, users and roles
  'Query.identityProviders':      row('+  +  F  F  +  F  F',    '+  F  F  F  F  F  F'),
  'Query.validateSamlConfig':     row('+  +  F  F  +  F  F',    '+  N  F  F  N  F  F'),
  'Mutation.configureIdentityProvider': row('+  +  F  F  F  F  F', '+  F  F  F  F  F  F'),
  'Mutation.removeIdentityProvider': row('+  +  F  F  F  F  F', '+  N  F  F  F  F  F'),
  'Query.users':                  row('+  +  F  F  +  F  F',    '+  F  F  F  F  F  F'),
  'Mutation.grantRole':           row('+  +  F  F  F  F  F',    '+  N  F  F  F  F  F'),
  'Mutation.revokeRole':          row('+  +  F  F  F  F  F',    '+  N  F  F  F  F  F'),
  // enterprise: service accounts (the token exchange is public: the client credentials are the proof)
  'Query.serviceAccounts':        row('+  +  F  F  +  F  F',    '+  F  F  F  F  F  F'),
  'Mutation.createServiceAccount': row('+  +  F  F  F  F  F',   '+  F  F  F  F  F  F'),
  'Mutation.rotateServiceAccountSecret': row('+  +  F  F  F  F  F', '+  N  F  F  F  F  F'),
  'Mutation.revokeServiceAccount': row('+  +  F  F  F  F  F',   '+  N  F  F  F  F  F'),
  'Mutation.requestServiceAccountToken': row('+  +  +  +  +  +  +', '+  +  +  +  +  +  +'),
  // enterprise: replay of the audit trail
  'Query.replayAudit':            row('+  +  F  F  +  F  F',    '+  F  F  F  F  F  F'),
  // enterprise: compliance
  'Query.complianceFrameworks':   row('+  +  F  F  +  F  F',    '+  F  F  F  F  F  F'),
  'Query.complianceProfile':      row('+  +  F  F  +  F  F',    '+  F  F  F  F  F  F'),
  'Query.changeApprovals':        row('+  +  +  +  +  F  F',    '+  F  F  F  F  F  F'),
  'Mutation.enableComplianceFramework': row('+  +  F  F  F  F  F', '+  F  F  F  F  F  F'),
  'Mutation.updateComplianceFramework': row('+  +  F  F  F  F  F', '+  F  F  F  F  F  F'),
  'Mutation.recordComplianceAudit': row('+  +  F  F  +  F  F',  '+  F  F  F  F  F  F'),
  'Mutation.updateComplianceProfile': row('+  +  F  F  F  F  F', '+  F  F  F  F  F  F'),
  'Mutation.recordErasureRequest': row('+  +  F  F  F  F  F',   '+  F  F  F  F  F  F'),
  'Mutation.requestChangeApproval': row('+  +  +  +  F  F  F',  '+  F  F  F  F  F  F'),
  'Mutation.approveChange':       row('+  +  +  +  F  F  F',    '+  F  F  F  F  F  F'),
  'Mutation.checkCompliance':     row('+  +  +  +  +  F  F',    '+  F  F  F  F  F  F'),
  // enterprise: platform operations (events the projections parked)
  'Query.parkedEvents':           row('+  F  F  F  F  F  F'),
  'Mutation.retryParkedEvent':    row('+  F  F  F  F  F  F'),
  'Mutation.skipParkedEvent':     row('+  F  F  F  F  F  F'),
  // community, shared by every tenant (issue 12): approved listings, tutorials, forums, threads,
  // posts and events are read by every signed-in role, tenant B's included; "other" names B's item.
  // community: marketplace listings
  'Mutation.submitAlgorithm':     row('+  +  F  +  F  F  F'),
  'Query.validateAlgorithm':      row('+  +  F  +  F  F  F'),
  'Mutation.validateAlgorithm':   row('+  +  F  +  F  F  F'),
  'Mutation.reviewAlgorithm':     row('+  F  F  F  F  F  +',    '+  F  F  F  F  F  +'),
  'Mutation.deprecateAlgorithm':  row('+  +  F  +  F  F  +',    '+  N  F  N  F  F  +'),
  // On tenant B's listing that tenant A holds a licence for: rating takes a licence of the caller's tenant.
  'Mutation.rateAlgorithm':       row('+  +  +  +  F  F  F'),
  'Query.algorithm':              row('+  +  +  +  +  +  +',    '+  +  +  +  +  +  +'),
  'Query.algorithms':             row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Query.algorithmReviewQueue':   row('+  F  F  F  F  F  +'),
  'Query.algorithmRecipeSchema':  row('+  +  +  +  +  +  +'),
  'Query.discoverAlgorithms':     row('+  +  +  +  +  +  +'),
  // Own: the author's tenant's listing; other: tenant B's listing that tenant A holds a licence for.
  'Query.algorithmSource':        row('+  +  +  +  F  F  +',    '+  +  +  +  F  F  +'),
  // community: purchases, licences and invoices (the buyer's tenant's alone)
  'Mutation.purchaseAlgorithm':   row('+  +  F  F  F  F  F'),
  'Mutation.refundLicense':       row('+  +  F  F  F  F  F',    '+  N  F  F  F  F  F'),
  'Mutation.revokeLicense':       row('+  F  F  F  F  F  +',    '+  F  F  F  F  F  +'),
  'Query.licenses':               row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Query.license':                row('+  +  +  +  +  +  +',    '+  N  N  N  N  N  N'),
  'Query.invoices':               row('+  +  F  F  +  F  F',    '+  F  F  F  F  F  F'),
  'Query.invoice':                row('+  +  F  F  +  F  F',    '+  N  F  F  N  F  F'),
  'Query.algorithmSales':         row('+  +  F  +  F  F  F',    '+  N  F  N  F  F  F'),
  // optimization: marketplace algorithms' runs and benchmarks
  'Query.algorithmUsage':         row('+  +  +  +  +  +  +',    '+  N  N  N  N  N  N'),
  'Query.algorithmBenchmarks':    row('+  +  +  +  +  +  +',    '+  +  +  +  +  +  +'),
  'Mutation.benchmarkAlgorithm':  row('+  +  F  +  F  F  +',    '+  N  F  N  F  F  +'),
  // community: developer portal (a PRIVATE project of B answers as a missing one)
  'Mutation.createTutorial':      row('+  +  F  +  F  F  F'),
  'Mutation.updateTutorial':      row('+  +  F  +  F  F  F',    '+  N  F  N  F  F  F'),
  'Query.tutorials':              row('+  +  +  +  +  +  +'),
  'Query.tutorial':               row('+  +  +  +  +  +  +',    '+  +  +  +  +  +  +'),
  'Mutation.createProject':       row('+  +  F  +  F  F  F'),
  'Mutation.updateProject':       row('+  +  F  +  F  F  F',    '+  N  F  N  F  F  F'),
  'Mutation.addProjectMember':    row('+  +  F  +  F  F  F',    '+  N  F  N  F  F  F'),
  'Mutation.removeProjectMember': row('+  +  F  +  F  F  F',    '+  N  F  N  F  F  F'),
  'Mutation.linkProjectAlgorithm': row('+  +  F  +  F  F  F',   '+  N  F  N  F  F  F'),
  'Mutation.unlinkProjectAlgorithm': row('+  +  F  +  F  F  F', '+  N  F  N  F  F  F'),
  'Query.projects':               row('+  +  +  +  +  +  +',    '+  F  F  F  F  F  F'),
  'Query.project':                row('+  +  +  +  +  +  +',    '+  N  N  N  N  N  N'),
  'Query.trackContributions':     row('+  +  +  +  +  +  +'),
  'Query.leaderboard':            row('+  +  +  +  +  +  +'),
  // community: forums, posts and moderation (acceptAnswer and appealModeration on the caller's own thread)
  'Query.forums':                 row('+  +  +  +  +  +  +'),
  'Query.forum':                  row('+  +  +  +  +  +  +',    '+  +  +  +  +  +  +'),
  'Query.threads':                row('+  +  +  +  +  +  +',    '+  +  +  +  +  +  +'),
  'Query.thread':                 row('+  +  +  +  +  +  +',    '+  +  +  +  +  +  +'),
  'Mutation.createForum':         row('+  F  F  F  F  F  +'),
  'Mutation.createThread':        row('+  +  +  +  +  F  +'),
  'Mutation.reply':               row('+  +  +  +  +  F  +',    '+  +  +  +  +  F  +'),
  'Mutation.acceptAnswer':        row('+  +  +  +  +  F  +'),
  'Mutation.flagContent':         row('+  +  +  +  +  F  +',    '+  +  +  +  +  F  +'),
  'Mutation.appealModeration':    row('+  +  +  +  +  F  +'),
  'Mutation.moderateContent':     row('+  F  F  F  F  F  +',    '+  F  F  F  F  F  +'),
  'Mutation.resolveAppeal':       row('+  F  F  F  F  F  +',    '+  F  F  F  F  F  +'),
  'Query.moderationQueue':        row('+  F  F  F  F  F  +'),
  'Query.moderationAppeals':      row('+  F  F  F  F  F  +'),
  // community: events (cancelRsvp on the caller's own RSVP)
  'Query.communityEvents':        row('+  +  +  +  +  +  +'),
  'Query.communityEvent':         row('+  +  +  +  +  +  +',    '+  +  +  +  +  +  +'),
  'Mutation.organizeEvent':       row('+  F  F  F  F  F  +'),
  'Mutation.rsvp':                row('+  +  +  +  +  F  +'),
  'Mutation.cancelRsvp':          row('+  +  +  +  +  F  +'),
};

/** What a platform-admin set up for each tenant before the matrix runs. */
interface TenantFixture {
  readonly tenantId: string;
  readonly problemId: string;
  readonly constraintId: string;
  readonly solveJobId: string;
  /** A SAML identity provider (validateSamlConfig) and an OIDC one (sign-ins). */
  readonly samlProviderId: string;
  /** The tenant's SOC2 framework. */
  readonly frameworkId: string;
  /** A (switched off) evolution trigger of the tenant. */
  readonly triggerId: string;
  /** A (switched off) scaling policy of the tenant. */
  readonly scalingPolicyId: string;
  /** A (switched off) FORECAST_AND_SCALE policy of the tenant, whose schedules may be applied. */
  readonly scalingPolicyToApply: string;
  /** A forecast of the tenant's COMPUTE (four days of recorded usage). */
  readonly predictionId: string;
  /** A schedule of the tenant, proposed by someone else. */
  readonly scheduleId: string;
  /** An approved listing of the tenant, with source code (submitted by its developer, approved by its moderator). */
  readonly algorithmId: string;
  /** Another approved listing of the tenant, for deprecation only (a second deprecation changes nothing). */
  readonly algorithmToDeprecate: string;
  /** The other tenant's approved listing (its `algorithmId`), which this tenant's admin bought a licence for. */
  readonly licensedAlgorithmId: string;
  /** That licence and its invoice. */
  readonly licenseId: string;
  readonly invoiceId: string;
  readonly tutorialId: string;
  /** A PRIVATE project of the tenant. */
  readonly projectId: string;
  /** A forum the tenant's moderator created, and a thread the tenant's developer started in it. */
  readonly forumId: string;
  readonly threadId: string;
  /** Threads of the tenant's developer that only flags, or only moderators' actions, touch (enough flags hide a thread). */
  readonly flaggedThreadId: string;
  readonly moderatedThreadId: string;
  /** Community events the tenant's moderator organised: one to RSVP to, one whose RSVPs are cancelled. */
  readonly eventId: string;
  readonly cancelEventId: string;
}

/** A tenant's fixture before the tenants buy each other's listing. */
type TenantFixtureBeforePurchase = Omit<TenantFixture, 'licensedAlgorithmId' | 'licenseId' | 'invoiceId'>;

interface Request {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

/** What the calls need from the running platform: fixtures made as a platform-admin or as users of the tenant. */
interface Fixtures {
  /** A constraint of the tenant's problem that only this call will use (removing it consumes it). */
  freshConstraint(tenant: TenantFixture): Promise<string>;
  /** A queued solve job that only this call will use (cancelling it consumes it). */
  freshSolveJob(tenant: TenantFixture): Promise<string>;
  /** An id token of a new user of the tenant's OIDC provider. */
  freshIdToken(tenant: TenantFixture): Promise<string>;
  /** A signed-in session of a new user: its refresh token, id and user. */
  freshSession(tenant: TenantFixture): Promise<{ refreshToken: string; sessionId: string; userId: string }>;
  /** A user who holds a granted auditor role. */
  freshUserWithGrant(tenant: TenantFixture): Promise<string>;
  freshIdentityProvider(tenant: TenantFixture): Promise<string>;
  /** A change approval requested by the platform-admin, for someone else to approve. */
  freshChangeApproval(tenant: TenantFixture): Promise<string>;
  /** A framework type the tenant has not enabled, taken in turn (only the allowed calls enable one). */
  nextFrameworkType(tenant: TenantFixture): string;
  /** An event of the tenant that a projection parked, for one retry or skip. */
  freshParkedEvent(tenant: TenantFixture): Promise<string>;
  /** A new service account's client credentials (revoking consumes an account). */
  freshServiceAccount(tenant: TenantFixture): Promise<{ clientId: string; clientSecret: string }>;
  /** A service-account name not used yet. */
  nextServiceAccountName(): string;
  /** An evolution of the tenant proposed by someone else, waiting for approval (approving or rejecting consumes it). */
  freshProposal(tenant: TenantFixture): Promise<string>;
  /** A calendar exception of the tenant (removing consumes it). */
  freshCalendarException(tenant: TenantFixture): Promise<string>;
  /** A scaling schedule proposed by someone else: waiting for approval, or approved (approving or applying consumes it). */
  freshScalingSchedule(tenant: Pick<TenantFixture, 'tenantId' | 'scalingPolicyToApply' | 'predictionId'>, approved: boolean): Promise<string>;
  /** A listing's input with content no submission has had yet (a repeated content hash is refused). */
  nextListing(): Record<string, unknown>;
  /** A new listing of the tenant waiting for review (reviewing consumes it). */
  freshSubmission(tenant: TenantFixture): Promise<string>;
  nextIdempotencyKey(): string;
  /** A new active licence of the tenant, of the other tenant's listing (refunding or revoking ends it). */
  freshLicense(tenant: TenantFixture): Promise<string>;
  /** A member added to the tenant's project (removing consumes one). */
  freshProjectMember(tenant: TenantFixture): Promise<string>;
  /** A new project of the tenant with the tenant's listing linked (unlinking consumes the link). */
  freshLinkedProject(tenant: TenantFixture): Promise<string>;
  nextForumName(): string;
  /** A thread the role's user of the tenant started, and a reply in it to accept (accepting consumes it). */
  freshAnswer(tenant: TenantFixture, role: Role): Promise<{ threadId: string; postId: string }>;
  /** A moderator's HIDE of a thread the role's user of the tenant started (only its author appeals, once). */
  freshModerationOf(tenant: TenantFixture, role: Role): Promise<string>;
  /** An open appeal of the tenant's developer (resolving consumes it). */
  freshAppeal(tenant: TenantFixture): Promise<string>;
  /** The tenant's event the role's user holds an RSVP to (cancelling consumes the RSVP). */
  rsvpOf(tenant: TenantFixture, role: Role): Promise<string>;
}

const QUBO = {
  variables: ['a', 'b', 'c'],
  linear: [{ variable: 'a', coefficient: -1 }, { variable: 'b', coefficient: -2 }],
  quadratic: [{ u: 'a', v: 'b', coefficient: 3 }],
};
const ONE_HOT = { kind: 'ONE_HOT', penaltyWeight: 4, variables: ['a', 'b', 'c'] };
const SUBMIT_ALGORITHM = 'mutation ($input: SubmitAlgorithmInput!) { submitAlgorithm(input: $input) { id status } }';
const REVIEW_ALGORITHM = 'mutation ($input: ReviewAlgorithmInput!) { reviewAlgorithm(input: $input) { id status } }';
const PURCHASE_ALGORITHM = 'mutation ($input: PurchaseAlgorithmInput!) { purchaseAlgorithm(input: $input) { id invoiceId } }';
const CREATE_THREAD = 'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id } }';
const REPLY = 'mutation ($input: ReplyInput!) { reply(input: $input) { id } }';
const HIDE_CONTENT = 'mutation ($id: ID!) { moderateContent(contentId: $id, action: HIDE, reason: "role matrix") { id } }';
const APPEAL_MODERATION = 'mutation ($id: ID!) { appealModeration(input: { moderationId: $id, statement: "Please look again." }) { id } }';
const RSVP = 'mutation ($id: ID!) { rsvp(eventId: $id) { status } }';
/** A week ahead: RSVPs close when an event starts. */
const NEXT_WEEK = new Date(Date.now() + 7 * 86_400_000).toISOString();

/** A minimal valid call of each operation, against one tenant's data, made by a user holding `role`. */
const CALLS: Record<string, (tenant: TenantFixture, fixtures: Fixtures, role: Role) => Request | Promise<Request>> = {
  'Query.tenant': (t) => ({ query: 'query ($id: ID!) { tenant(id: $id) { id name } }', variables: { id: t.tenantId } }),
  'Query.tenants': () => ({ query: '{ tenants { edges { node { id } } } }' }),
  'Mutation.createTenant': () => ({ query: 'mutation { createTenant(input: { name: "Made by the matrix" }) { id } }' }),
  'Mutation.renameTenant': (t) => ({ query: 'mutation ($id: ID!) { renameTenant(id: $id, name: "Renamed by the matrix") { id } }', variables: { id: t.tenantId } }),
  'Query.auditTrail': (t) => ({ query: 'query ($t: ID!) { auditTrail(tenantId: $t) { edges { node { sequence } } } }', variables: { t: t.tenantId } }),
  'Query.verifyAuditChain': (t) => ({ query: 'query ($t: ID!) { verifyAuditChain(tenantId: $t) { valid } }', variables: { t: t.tenantId } }),
  'Mutation.recordAuditEntry': (t) => ({
    query: 'mutation ($input: RecordAuditEntryInput!) { recordAuditEntry(input: $input) { sequence } }',
    variables: { input: { tenantId: t.tenantId, action: 'matrix.checked', target: 'role-matrix' } },
  }),
  'Query.problem': (t) => ({ query: 'query ($id: ID!) { problem(id: $id) { id } }', variables: { id: t.problemId } }),
  'Query.problems': (t) => ({ query: 'query ($t: ID!) { problems(tenantId: $t) { edges { node { id } } } }', variables: { t: t.tenantId } }),
  'Query.constraints': (t) => ({ query: 'query ($t: ID!, $p: ID) { constraints(tenantId: $t, problemId: $p) { id } }', variables: { t: t.tenantId, p: t.problemId } }),
  'Query.solveJob': (t) => ({ query: 'query ($id: ID!) { solveJob(id: $id) { id status } }', variables: { id: t.solveJobId } }),
  'Query.solveJobs': (t) => ({ query: 'query ($t: ID!) { solveJobs(tenantId: $t) { edges { node { id } } } }', variables: { t: t.tenantId } }),
  'Query.constraintPerformance': (t) => ({ query: 'query ($id: ID!) { constraintPerformance(constraintId: $id) { solves } }', variables: { id: t.constraintId } }),
  'Mutation.measureConstraintPrice': (t) => ({ query: 'mutation ($id: ID!) { measureConstraintPrice(constraintId: $id) { shadowSolves } }', variables: { id: t.constraintId } }),
  'Query.tenantPerformance': (t) => ({ query: 'query ($t: ID!) { tenantPerformance(tenantId: $t) { constraintId } }', variables: { t: t.tenantId } }),
  // A dry run over a constraint solved once by the fixture (so there is data to evolve from).
  'Mutation.evolveConstraints': (t) => ({
    query: 'mutation ($t: ID!, $c: ID!) { evolveConstraints(input: { tenantId: $t, constraintIds: [$c], dryRun: true }) { evolutionId } }',
    variables: { t: t.tenantId, c: t.constraintId },
  }),
  'Query.evolutions': (t) => ({ query: 'query ($t: ID!) { evolutions(tenantId: $t) { evolutionId } }', variables: { t: t.tenantId } }),
  'Mutation.approveEvolution': async (t, fixtures) => ({ query: 'mutation ($id: ID!) { approveEvolution(evolutionId: $id) { status } }', variables: { id: await fixtures.freshProposal(t) } }),
  'Mutation.rejectEvolution': async (t, fixtures) => ({ query: 'mutation ($id: ID!) { rejectEvolution(evolutionId: $id, reason: "role matrix") { status } }', variables: { id: await fixtures.freshProposal(t) } }),
  'Mutation.createEvolutionTrigger': (t) => ({
    query: 'mutation ($t: ID!) { createEvolutionTrigger(input: { tenantId: $t, triggerType: TIME_BASED, conditions: { everyMinutes: 600 }, actions: [{ type: "EVOLVE_CONSTRAINTS", dryRun: true }] }) { triggerId } }',
    variables: { t: t.tenantId },
  }),
  'Mutation.updateEvolutionTrigger': (t) => ({ query: 'mutation ($id: ID!) { updateEvolutionTrigger(triggerId: $id, input: { priority: 3 }) { triggerId } }', variables: { id: t.triggerId } }),
  'Query.evolutionTriggers': (t) => ({ query: 'query ($t: ID!) { evolutionTriggers(tenantId: $t) { triggerId } }', variables: { t: t.tenantId } }),
  'Mutation.recordMarketChange': (t) => ({ query: 'mutation ($t: ID!) { recordMarketChange(tenantId: $t, factors: { demand: 1.1 }) { changeId } }', variables: { t: t.tenantId } }),
  // The fixture trained each tenant's model on a problem solved five times with four constraints.
  'Mutation.trainModels': (t) => ({ query: 'mutation ($t: ID!) { trainModels(tenantId: $t) { modelId version } }', variables: { t: t.tenantId } }),
  'Query.constraintEvolutionModels': (t) => ({ query: 'query ($t: ID!) { constraintEvolutionModels(tenantId: $t) { modelId } }', variables: { t: t.tenantId } }),
  'Query.predictConstraintPerformance': (t) => ({
    query: 'query ($id: ID!) { predictConstraintPerformance(constraintId: $id, scenario: { penaltyWeight: 2 }) { feasibilityProbability modelVersion } }',
    variables: { id: t.constraintId },
  }),
  'Query.constraintEvolutionHistory': (t) => ({ query: 'query ($t: ID!) { constraintEvolutionHistory(tenantId: $t) { constraintId } }', variables: { t: t.tenantId } }),
  'Mutation.recordUsage': (t) => ({
    query: 'mutation ($t: ID!) { recordUsage(input: { tenantId: $t, resourceType: NETWORK, points: [{ time: "2026-12-01T10:00:00Z", value: 5 }] }) { hours } }',
    variables: { t: t.tenantId },
  }),
  'Query.usageSeries': (t) => ({
    query: 'query ($t: ID!) { usageSeries(tenantId: $t, resourceType: COMPUTE, from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z") { points { value } } }',
    variables: { t: t.tenantId },
  }),
  // Each tenant's fixture policy is inactive, so a create is never a second active one.
  'Mutation.createScalingPolicy': (t) => ({
    query: 'mutation ($t: ID!) { createScalingPolicy(input: { tenantId: $t, resourceType: STORAGE, isActive: false }) { policyId } }',
    variables: { t: t.tenantId },
  }),
  'Mutation.updateScalingPolicy': (t) => ({ query: 'mutation ($id: ID!) { updateScalingPolicy(policyId: $id, input: { autoApproval: false }) { policyId } }', variables: { id: t.scalingPolicyId } }),
  'Query.scalingPolicies': (t) => ({ query: 'query ($t: ID!) { scalingPolicies(tenantId: $t) { policyId } }', variables: { t: t.tenantId } }),
  'Query.calendarExceptions': (t) => ({ query: 'query ($t: ID!) { calendarExceptions(tenantId: $t) { exceptionId } }', variables: { t: t.tenantId } }),
  'Mutation.addCalendarException': (t) => ({
    query: 'mutation ($t: ID!) { addCalendarException(input: { tenantId: $t, start: "2026-12-24T00:00:00Z", end: "2026-12-27T00:00:00Z", kind: HOLIDAY, factor: 0.4 }) { exceptionId } }',
    variables: { t: t.tenantId },
  }),
  'Mutation.removeCalendarException': async (t, fixtures) => ({ query: 'mutation ($id: ID!) { removeCalendarException(exceptionId: $id) }', variables: { id: await fixtures.freshCalendarException(t) } }),
  'Mutation.predictResourceDemand': (t) => ({ query: 'mutation ($t: ID!) { predictResourceDemand(input: { tenantId: $t, timeHorizon: 6, resourceTypes: [COMPUTE] }) { predictionId } }', variables: { t: t.tenantId } }),
  'Mutation.retrainModels': (t) => ({ query: 'mutation ($t: ID!) { retrainModels(tenantId: $t, minAccuracy: 0.01) { modelId } }', variables: { t: t.tenantId } }),
  'Query.resourceDemandPredictions': (t) => ({ query: 'query ($t: ID!) { resourceDemandPredictions(tenantId: $t) { predictionId } }', variables: { t: t.tenantId } }),
  'Query.scalingPredictionModels': (t) => ({ query: 'query ($t: ID!) { scalingPredictionModels(tenantId: $t) { modelId } }', variables: { t: t.tenantId } }),
  'Mutation.optimizeScalingSchedule': (t) => ({
    query: 'mutation ($t: ID!, $p: ID!, $f: ID!) { optimizeScalingSchedule(input: { tenantId: $t, policyId: $p, predictionIds: [$f] }) { scheduleId } }',
    variables: { t: t.tenantId, p: t.scalingPolicyId, f: t.predictionId },
  }),
  'Mutation.approveScalingSchedule': async (t, fixtures) => ({ query: 'mutation ($id: ID!) { approveScalingSchedule(scheduleId: $id) { status } }', variables: { id: await fixtures.freshScalingSchedule(t, false) } }),
  'Mutation.applyScalingSchedule': async (t, fixtures) => ({ query: 'mutation ($id: ID!) { applyScalingSchedule(scheduleId: $id) { status } }', variables: { id: await fixtures.freshScalingSchedule(t, true) } }),
  'Query.scalingSchedule': (t) => ({ query: 'query ($id: ID!) { scalingSchedule(scheduleId: $id) { status } }', variables: { id: t.scheduleId } }),
  'Query.scalingSchedules': (t) => ({ query: 'query ($t: ID!) { scalingSchedules(tenantId: $t) { scheduleId } }', variables: { t: t.tenantId } }),
  'Mutation.createProblem': (t) => ({
    query: 'mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }',
    variables: { input: { tenantId: t.tenantId, name: 'Matrix problem', qubo: QUBO } },
  }),
  'Mutation.createProblemFromTemplate': (t) => ({
    query: 'mutation ($input: CreateProblemFromTemplateInput!) { createProblemFromTemplate(input: $input) { id } }',
    variables: { input: { tenantId: t.tenantId, name: 'Matrix template', template: 'KNAPSACK', knapsack: { values: [3, 2], weights: [1, 1], capacity: 1 } } },
  }),
  'Mutation.createProblemFromFile': (t) => ({
    query: 'mutation ($input: CreateProblemFromFileInput!) { createProblemFromFile(input: $input) { id } }',
    variables: { input: { tenantId: t.tenantId, name: 'Matrix file', format: 'GSET', content: '2 1\n1 2 1\n' } },
  }),
  'Mutation.addConstraint': (t) => ({
    query: 'mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }',
    variables: { input: { problemId: t.problemId, constraint: ONE_HOT } },
  }),
  'Mutation.updateConstraint': (t) => ({
    query: 'mutation ($id: ID!) { updateConstraint(constraintId: $id, newParameters: { penaltyWeight: 6 }, evolutionReason: "role matrix") { id } }',
    variables: { id: t.constraintId },
  }),
  'Mutation.removeConstraint': async (t, fixtures) => ({
    query: 'mutation ($id: ID!) { removeConstraint(constraintId: $id, reason: "role matrix") }',
    variables: { id: await fixtures.freshConstraint(t) },
  }),
  'Mutation.optimizeQubo': (t) => ({
    query: 'mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { runId } }',
    variables: { input: { tenantId: t.tenantId, problemId: t.problemId, timeLimitMs: 20, seed: 1 } },
  }),
  'Mutation.optimizeMultiObjective': (t) => ({
    query: 'mutation ($input: OptimizeMultiObjectiveInput!) { optimizeMultiObjective(input: $input) { runId } }',
    variables: {
      input: {
        tenantId: t.tenantId,
        variables: ['a', 'b'],
        objectives: [
          { name: 'value', weight: 1, linear: [{ variable: 'a', coefficient: 1 }, { variable: 'b', coefficient: 1 }], sense: 'MAXIMIZE' },
          { name: 'cost', weight: 1, linear: [{ variable: 'a', coefficient: 2 }, { variable: 'b', coefficient: 1 }] },
        ],
        timeLimitMs: 20,
        seed: 1,
      },
    },
  }),
  'Mutation.submitSolveJob': (t) => ({
    query: 'mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id } }',
    variables: { input: { tenantId: t.tenantId, problemId: t.problemId, timeLimitMs: 20, seed: 1 } },
  }),
  'Mutation.cancelSolveJob': async (t, fixtures) => ({
    query: 'mutation ($id: ID!) { cancelSolveJob(id: $id) { id status } }',
    variables: { id: await fixtures.freshSolveJob(t) },
  }),
  'Mutation.authenticate': async (t, fixtures) => ({
    query: 'mutation ($input: AuthenticateInput!) { authenticate(input: $input) { userId } }',
    variables: { input: { authType: 'OIDC', tenantId: t.tenantId, idToken: await fixtures.freshIdToken(t) } },
  }),
  'Mutation.refreshSession': async (t, fixtures) => ({
    query: 'mutation ($r: String!) { refreshSession(refreshToken: $r) { sessionId } }',
    variables: { r: (await fixtures.freshSession(t)).refreshToken },
  }),
  'Mutation.logout': () => ({ query: 'mutation { logout }' }),
  'Mutation.revokeSession': async (t, fixtures) => ({
    query: 'mutation ($s: ID!) { revokeSession(sessionId: $s) { id } }',
    variables: { s: (await fixtures.freshSession(t)).sessionId },
  }),
  'Query.sessions': (t) => ({ query: 'query ($t: ID!) { sessions(tenantId: $t) { nodes { id } } }', variables: { t: t.tenantId } }),
  'Query.identityProviders': (t) => ({ query: 'query ($t: ID!) { identityProviders(tenantId: $t) { id } }', variables: { t: t.tenantId } }),
  'Query.validateSamlConfig': (t) => ({ query: 'query ($p: ID!) { validateSamlConfig(providerId: $p) { valid } }', variables: { p: t.samlProviderId } }),
  'Mutation.configureIdentityProvider': (t) => ({
    query: 'mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id } }',
    variables: { input: { tenantId: t.tenantId, name: 'Matrix OIDC', type: 'OIDC', oidc: { issuer: 'https://idp.example.com', clientId: 'goliath' } } },
  }),
  'Mutation.removeIdentityProvider': async (t, fixtures) => ({
    query: 'mutation ($p: ID!) { removeIdentityProvider(providerId: $p) }',
    variables: { p: await fixtures.freshIdentityProvider(t) },
  }),
  'Query.users': (t) => ({ query: 'query ($t: ID!) { users(tenantId: $t) { nodes { id } } }', variables: { t: t.tenantId } }),
  'Mutation.grantRole': async (t, fixtures) => ({
    query: 'mutation ($u: ID!) { grantRole(userId: $u, role: DEVELOPER) { id } }',
    variables: { u: (await fixtures.freshSession(t)).userId },
  }),
  'Mutation.revokeRole': async (t, fixtures) => ({
    query: 'mutation ($u: ID!) { revokeRole(userId: $u, role: AUDITOR) { id } }',
    variables: { u: await fixtures.freshUserWithGrant(t) },
  }),
  'Query.serviceAccounts': (t) => ({ query: 'query ($t: ID!) { serviceAccounts(tenantId: $t) { nodes { id } } }', variables: { t: t.tenantId } }),
  'Mutation.createServiceAccount': (t, fixtures) => ({
    query: 'mutation ($t: ID!, $n: String!) { createServiceAccount(tenantId: $t, name: $n, roles: [VIEWER]) { clientId } }',
    variables: { t: t.tenantId, n: fixtures.nextServiceAccountName() },
  }),
  'Mutation.rotateServiceAccountSecret': async (t, fixtures) => ({
    query: 'mutation ($id: ID!) { rotateServiceAccountSecret(serviceAccountId: $id) { clientId } }',
    variables: { id: (await fixtures.freshServiceAccount(t)).clientId },
  }),
  'Mutation.revokeServiceAccount': async (t, fixtures) => ({
    query: 'mutation ($id: ID!) { revokeServiceAccount(serviceAccountId: $id) { id } }',
    variables: { id: (await fixtures.freshServiceAccount(t)).clientId },
  }),
  'Mutation.requestServiceAccountToken': async (t, fixtures) => {
    const { clientId, clientSecret } = await fixtures.freshServiceAccount(t);
    return { query: 'mutation ($id: ID!, $s: String!) { requestServiceAccountToken(clientId: $id, clientSecret: $s) { tenantId } }', variables: { id: clientId, s: clientSecret } };
  },
  'Query.replayAudit': (t) => ({ query: 'query ($t: ID!) { replayAudit(tenantId: $t, asOfPosition: 1) { eventCount } }', variables: { t: t.tenantId } }),
  'Query.complianceFrameworks': (t) => ({ query: 'query ($t: ID!) { complianceFrameworks(tenantId: $t) { id } }', variables: { t: t.tenantId } }),
  'Query.complianceProfile': (t) => ({ query: 'query ($t: ID!) { complianceProfile(tenantId: $t) { tenantId } }', variables: { t: t.tenantId } }),
  'Query.changeApprovals': (t) => ({ query: 'query ($t: ID!) { changeApprovals(tenantId: $t) { id } }', variables: { t: t.tenantId } }),
  'Mutation.enableComplianceFramework': (t, fixtures) => ({
    query: 'mutation ($input: EnableComplianceFrameworkInput!) { enableComplianceFramework(input: $input) { id } }',
    variables: { input: { tenantId: t.tenantId, frameworkType: fixtures.nextFrameworkType(t), complianceLevel: 'matrix' } },
  }),
  'Mutation.updateComplianceFramework': (t) => ({
    query: 'mutation ($input: UpdateComplianceFrameworkInput!) { updateComplianceFramework(input: $input) { id } }',
    variables: { input: { tenantId: t.tenantId, frameworkId: t.frameworkId, complianceLevel: 'Type II' } },
  }),
  'Mutation.recordComplianceAudit': (t) => ({
    query: 'mutation ($t: ID!, $f: ID!) { recordComplianceAudit(tenantId: $t, frameworkId: $f) { id } }',
    variables: { t: t.tenantId, f: t.frameworkId },
  }),
  'Mutation.updateComplianceProfile': (t) => ({
    query: 'mutation ($input: UpdateComplianceProfileInput!) { updateComplianceProfile(input: $input) { tenantId } }',
    variables: { input: { tenantId: t.tenantId, permittedRegions: ['eu-west-1'] } },
  }),
  'Mutation.recordErasureRequest': (t) => ({
    query: 'mutation ($t: ID!) { recordErasureRequest(tenantId: $t, dataSubjectId: "subject-of-the-matrix") { tenantId } }',
    variables: { t: t.tenantId },
  }),
  'Mutation.requestChangeApproval': (t) => ({
    query: 'mutation ($input: RequestChangeApprovalInput!) { requestChangeApproval(input: $input) { id } }',
    variables: { input: { tenantId: t.tenantId, operation: 'updateConstraint', target: t.constraintId, reason: 'role matrix' } },
  }),
  'Mutation.approveChange': async (t, fixtures) => ({
    query: 'mutation ($t: ID!, $a: ID!) { approveChange(tenantId: $t, approvalId: $a) { id } }',
    variables: { t: t.tenantId, a: await fixtures.freshChangeApproval(t) },
  }),
  'Mutation.checkCompliance': (t) => ({
    query: 'mutation ($t: ID!) { checkCompliance(tenantId: $t, operation: "createProblem", data: { personalData: false }) { isCompliant } }',
    variables: { t: t.tenantId },
  }),
  'Query.parkedEvents': () => ({ query: '{ parkedEvents { id status } }' }),
  'Mutation.retryParkedEvent': async (t, fixtures) => ({
    query: 'mutation ($id: ID!) { retryParkedEvent(id: $id) { id status } }',
    variables: { id: await fixtures.freshParkedEvent(t) },
  }),
  'Mutation.skipParkedEvent': async (t, fixtures) => ({
    query: 'mutation ($id: ID!) { skipParkedEvent(id: $id, reason: "role matrix") { id status } }',
    variables: { id: await fixtures.freshParkedEvent(t) },
  }),
  'Mutation.submitAlgorithm': (_t, fixtures) => ({ query: SUBMIT_ALGORITHM, variables: { input: fixtures.nextListing() } }),
  'Query.validateAlgorithm': (_t, fixtures) => ({ query: 'query ($input: SubmitAlgorithmInput!) { validateAlgorithm(input: $input) { valid } }', variables: { input: fixtures.nextListing() } }),
  'Mutation.validateAlgorithm': (_t, fixtures) => ({ query: 'mutation ($input: SubmitAlgorithmInput!) { validateAlgorithm(input: $input) { valid } }', variables: { input: fixtures.nextListing() } }),
  'Mutation.reviewAlgorithm': async (t, fixtures) => ({ query: REVIEW_ALGORITHM, variables: { input: { algorithmId: await fixtures.freshSubmission(t), decision: 'APPROVE' } } }),
  'Mutation.deprecateAlgorithm': (t) => ({ query: 'mutation ($id: ID!) { deprecateAlgorithm(algorithmId: $id, reason: "role matrix") { status } }', variables: { id: t.algorithmToDeprecate } }),
  'Mutation.rateAlgorithm': (t) => ({
    query: 'mutation ($input: RateAlgorithmInput!) { rateAlgorithm(input: $input) { ratingCount } }',
    variables: { input: { algorithmId: t.licensedAlgorithmId, stars: 4, text: 'Rated by the role matrix' } },
  }),
  'Query.algorithm': (t) => ({ query: 'query ($id: ID!) { algorithm(id: $id) { id status } }', variables: { id: t.algorithmId } }),
  'Query.algorithms': (t) => ({ query: 'query ($t: ID!) { algorithms(tenantId: $t) { edges { node { id } } } }', variables: { t: t.tenantId } }),
  'Query.algorithmReviewQueue': () => ({ query: '{ algorithmReviewQueue { edges { node { algorithmId version } } } }' }),
  'Query.algorithmRecipeSchema': () => ({ query: '{ algorithmRecipeSchema }' }),
  'Query.discoverAlgorithms': () => ({ query: '{ discoverAlgorithms(criteria: { text: "matrix" }) { totalCount edges { node { id } } } }' }),
  // Tenant A holds a licence of tenant B's listing: "other" reads the source as a licence holder.
  'Query.algorithmSource': (t) => ({ query: 'query ($id: ID!) { algorithmSource(algorithmId: $id, version: 1) { sha256 } }', variables: { id: t.algorithmId } }),
  'Mutation.purchaseAlgorithm': (t, fixtures) => ({
    query: PURCHASE_ALGORITHM,
    variables: { input: { algorithmId: t.licensedAlgorithmId, licenseType: 'PERSONAL', idempotencyKey: fixtures.nextIdempotencyKey() } },
  }),
  'Mutation.refundLicense': async (t, fixtures) => ({ query: 'mutation ($id: ID!) { refundLicense(licenseId: $id, reason: "role matrix") { status } }', variables: { id: await fixtures.freshLicense(t) } }),
  'Mutation.revokeLicense': async (t, fixtures) => ({ query: 'mutation ($id: ID!) { revokeLicense(licenseId: $id, reason: "role matrix") { status } }', variables: { id: await fixtures.freshLicense(t) } }),
  'Query.licenses': (t) => ({ query: 'query ($t: ID!) { licenses(tenantId: $t) { edges { node { id } } } }', variables: { t: t.tenantId } }),
  'Query.license': (t) => ({ query: 'query ($id: ID!) { license(id: $id) { id status } }', variables: { id: t.licenseId } }),
  'Query.invoices': (t) => ({ query: 'query ($t: ID!) { invoices(tenantId: $t) { edges { node { id } } } }', variables: { t: t.tenantId } }),
  'Query.invoice': (t) => ({ query: 'query ($id: ID!) { invoice(id: $id) { id total } }', variables: { id: t.invoiceId } }),
  'Query.algorithmSales': (t) => ({ query: 'query ($id: ID!) { algorithmSales(algorithmId: $id) { licenseType sold } }', variables: { id: t.algorithmId } }),
  'Query.algorithmUsage': (t) => ({ query: 'query ($id: ID!) { algorithmUsage(algorithmId: $id) { runs } }', variables: { id: t.algorithmId } }),
  'Query.algorithmBenchmarks': (t) => ({ query: 'query ($id: ID!) { algorithmBenchmarks(algorithmId: $id) { version } }', variables: { id: t.algorithmId } }),
  // The listing's recipe runs 20 ms on each of the seeded instances (no BENCHMARK_INSTANCES_PATH).
  'Mutation.benchmarkAlgorithm': (t) => ({ query: 'mutation ($id: ID!) { benchmarkAlgorithm(algorithmId: $id) { version benchmarkSet } }', variables: { id: t.algorithmId } }),
  'Mutation.createTutorial': () => ({ query: 'mutation { createTutorial(input: { title: "Matrix tutorial", body: "# Steps\\n\\nSolve it." }) { id } }' }),
  'Mutation.updateTutorial': (t) => ({ query: 'mutation ($id: ID!) { updateTutorial(input: { tutorialId: $id, summary: "Updated by the role matrix" }) { version } }', variables: { id: t.tutorialId } }),
  'Query.tutorials': () => ({ query: '{ tutorials { edges { node { id } } } }' }),
  'Query.tutorial': (t) => ({ query: 'query ($id: ID!) { tutorial(id: $id) { id version } }', variables: { id: t.tutorialId } }),
  'Mutation.createProject': () => ({ query: 'mutation { createProject(input: { name: "Matrix project", visibility: PRIVATE }) { id } }' }),
  'Mutation.updateProject': (t) => ({ query: 'mutation ($id: ID!) { updateProject(input: { projectId: $id, description: "Updated by the role matrix" }) { id } }', variables: { id: t.projectId } }),
  'Mutation.addProjectMember': (t) => ({ query: 'mutation ($id: ID!) { addProjectMember(projectId: $id, userId: "matrix-contributor", role: CONTRIBUTOR) { id } }', variables: { id: t.projectId } }),
  'Mutation.removeProjectMember': async (t, fixtures) => ({
    query: 'mutation ($id: ID!, $u: String!) { removeProjectMember(projectId: $id, userId: $u) { id } }',
    variables: { id: t.projectId, u: await fixtures.freshProjectMember(t) },
  }),
  'Mutation.linkProjectAlgorithm': (t) => ({ query: 'mutation ($id: ID!, $a: ID!) { linkProjectAlgorithm(projectId: $id, algorithmId: $a) { id } }', variables: { id: t.projectId, a: t.algorithmId } }),
  'Mutation.unlinkProjectAlgorithm': async (t, fixtures) => ({
    query: 'mutation ($id: ID!, $a: ID!) { unlinkProjectAlgorithm(projectId: $id, algorithmId: $a) { id } }',
    variables: { id: await fixtures.freshLinkedProject(t), a: t.algorithmId },
  }),
  'Query.projects': (t) => ({ query: 'query ($t: ID!) { projects(tenantId: $t) { edges { node { id } } } }', variables: { t: t.tenantId } }),
  // A PRIVATE project: another tenant's answers as a missing one (a PUBLIC one every role would read).
  'Query.project': (t) => ({ query: 'query ($id: ID!) { project(id: $id) { id } }', variables: { id: t.projectId } }),
  'Query.trackContributions': () => ({ query: '{ trackContributions(developerId: "matrix-author") { points } }' }),
  'Query.leaderboard': () => ({ query: '{ leaderboard { developerId points } }' }),
  'Query.forums': () => ({ query: '{ forums { id } }' }),
  'Query.forum': (t) => ({ query: 'query ($id: ID!) { forum(id: $id) { id } }', variables: { id: t.forumId } }),
  'Query.threads': (t) => ({ query: 'query ($id: ID!) { threads(forumId: $id) { edges { node { id } } } }', variables: { id: t.forumId } }),
  'Query.thread': (t) => ({ query: 'query ($id: ID!) { thread(id: $id) { id title } }', variables: { id: t.threadId } }),
  'Mutation.createForum': (_t, fixtures) => ({ query: 'mutation ($n: String!) { createForum(input: { name: $n }) { id } }', variables: { n: fixtures.nextForumName() } }),
  'Mutation.createThread': (t) => ({ query: CREATE_THREAD, variables: { input: { forumId: t.forumId, title: 'Asked by the role matrix', body: 'Which **strategy**?' } } }),
  'Mutation.reply': (t) => ({ query: REPLY, variables: { input: { threadId: t.threadId, body: 'Try SA.' } } }),
  'Mutation.acceptAnswer': async (t, fixtures, role) => {
    const { threadId, postId } = await fixtures.freshAnswer(t, role);
    return { query: 'mutation ($t: ID!, $p: ID!) { acceptAnswer(threadId: $t, postId: $p) { acceptedPostId } }', variables: { t: threadId, p: postId } };
  },
  'Mutation.flagContent': (t) => ({ query: 'mutation ($id: ID!) { flagContent(input: { contentId: $id, contentType: THREAD, reason: SPAM }) { contentId } }', variables: { id: t.flaggedThreadId } }),
  'Mutation.appealModeration': async (t, fixtures, role) => ({ query: APPEAL_MODERATION, variables: { id: await fixtures.freshModerationOf(t, role) } }),
  'Mutation.moderateContent': (t) => ({ query: HIDE_CONTENT, variables: { id: t.moderatedThreadId } }),
  'Mutation.resolveAppeal': async (t, fixtures) => ({
    query: 'mutation ($id: ID!) { resolveAppeal(appealId: $id, decision: UPHOLD, reason: "role matrix") { status } }',
    variables: { id: await fixtures.freshAppeal(t) },
  }),
  'Query.moderationQueue': () => ({ query: '{ moderationQueue { edges { node { flagCount } } } }' }),
  'Query.moderationAppeals': () => ({ query: '{ moderationAppeals { edges { node { id } } } }' }),
  'Query.communityEvents': () => ({ query: '{ communityEvents { edges { node { id } } } }' }),
  'Query.communityEvent': (t) => ({ query: 'query ($id: ID!) { communityEvent(id: $id) { id } }', variables: { id: t.eventId } }),
  'Mutation.organizeEvent': () => ({
    query: 'mutation ($at: DateTime!) { organizeEvent(input: { title: "Matrix meetup", startsAt: $at, capacity: 10, onlineUrl: "https://meet.example.com/matrix" }) { id } }',
    variables: { at: NEXT_WEEK },
  }),
  'Mutation.rsvp': (t) => ({ query: RSVP, variables: { id: t.eventId } }),
  'Mutation.cancelRsvp': async (t, fixtures, role) => ({ query: 'mutation ($id: ID!) { cancelRsvp(eventId: $id) { id } }', variables: { id: await fixtures.rsvpOf(t, role) } }),
};

/** Every Query and Mutation field of the composed supergraph, as `Query.name`. */
function supergraphOperations(): string[] {
  const document = parse(readFileSync(join(__dirname, '../../schema/supergraph.graphql'), 'utf8'));
  return document.definitions
    .filter((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && ['Query', 'Mutation'].includes(definition.name.value))
    .flatMap((type) => (type.fields ?? []).map((field) => `${type.name.value}.${field.name.value}`))
    .sort();
}

describe('role × operation × tenant matrix through the gateway', () => {
  it('has one row (and one call) for every Query and Mutation of the supergraph, and none for operations it no longer has', () => {
    const operations = supergraphOperations();
    expect({ missingRows: operations.filter((operation) => !(operation in EXPECTED)), rowsWithoutOperation: Object.keys(EXPECTED).filter((operation) => !operations.includes(operation)) }).toEqual({
      missingRows: [],
      rowsWithoutOperation: [],
    });
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe('with the platform running', () => {
    const goliath = useTestPlatform({ adminSubject: 'matrix-admin', env: { SOLVER_WORKERS: '1', COMPLIANCE_FRAMEWORKS: 'SOC2,ISO27001,GDPR,HIPAA' } });
    let tenants: { own: TenantFixture; other: TenantFixture };

    /** A fixture call that must succeed, made with the token given (a tenant's user) or as the platform-admin. */
    const asUser = async <T>(token: string | Promise<string>, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const response = await goliath.call<T>(query, variables, await token);
      if (response.errors) throw new Error(`fixture call failed: ${JSON.stringify(response.errors)}`);
      return response.data as T;
    };
    const asAdmin = <T>(query: string, variables: Record<string, unknown> = {}) => asUser<T>(goliath.admin, query, variables);
    const addConstraint = async (problemId: string) =>
      (await asAdmin<{ addConstraint: { id: string } }>('mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }', { input: { problemId, constraint: ONE_HOT } }))
        .addConstraint.id;
    // Cancel targets ask for a minute, so each is still queued (or running) when its cancel arrives.
    const submitJob = async (tenant: Pick<TenantFixture, 'tenantId' | 'problemId'>, timeLimitMs: number) =>
      (
        await asAdmin<{ submitSolveJob: { id: string } }>('mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id } }', {
          input: { tenantId: tenant.tenantId, problemId: tenant.problemId, timeLimitMs, seed: 1 },
        })
      ).submitSolveJob.id;
    let issuer: TestOidcIssuer;
    let poison: PoisonWriter;
    let users = 0;
    let serviceAccounts = 0;
    /** Numbers community fixtures (listings, idempotency keys, members, forums) so none repeats another. */
    let serial = 0;
    const issued = new Map<string, Promise<string>>();
    /** A development token of a user of the tenant, issued once. */
    const tokenOf = (tenantId: string, role: Role, subject: string) => {
      const key = `${tenantId} ${role} ${subject}`;
      if (!issued.has(key)) issued.set(key, goliath.token(role, tenantId, subject));
      return issued.get(key)!;
    };
    // Each tenant's community content is made by its own people: a developer writes, an admin buys, a moderator reviews and moderates.
    const developerOf = (tenantId: string) => tokenOf(tenantId, 'DEVELOPER', 'matrix-author');
    const buyerOf = (tenantId: string) => tokenOf(tenantId, 'TENANT_ADMIN', 'matrix-buyer');
    const moderatorOf = (tenantId: string) => tokenOf(tenantId, 'MODERATOR', 'matrix-moderator');
    /** The user the matrix calls as with this role; a VIEWER takes no part (its call is refused first), so the tenant's developer stands in. */
    const participantOf = (tenantId: string, role: Role) => (role === 'VIEWER' ? developerOf(tenantId) : tokenOf(tenantId, role, `matrix-${role}`));
    const submitListing = async (tenantId: string, extra: Record<string, unknown> = {}) =>
      (await asUser<{ submitAlgorithm: { id: string } }>(developerOf(tenantId), SUBMIT_ALGORITHM, { input: { ...fixtures.nextListing(), ...extra } })).submitAlgorithm.id;
    const approvedListing = async (tenantId: string) => {
      const algorithmId = await submitListing(tenantId, { sourceCode: Buffer.from('def solve(qubo):\n    return anneal(qubo)\n').toString('base64') });
      await asUser(moderatorOf(tenantId), REVIEW_ALGORITHM, { input: { algorithmId, decision: 'APPROVE' } });
      return algorithmId;
    };
    const purchase = async (tenantId: string, algorithmId: string) =>
      (
        await asUser<{ purchaseAlgorithm: { id: string; invoiceId: string } }>(buyerOf(tenantId), PURCHASE_ALGORITHM, {
          input: { algorithmId, licenseType: 'PERSONAL', idempotencyKey: fixtures.nextIdempotencyKey() },
        })
      ).purchaseAlgorithm;
    const createProject = async (tenantId: string) =>
      (await asUser<{ createProject: { id: string } }>(developerOf(tenantId), 'mutation { createProject(input: { name: "Matrix fixture", visibility: PRIVATE }) { id } }')).createProject.id;
    const startThread = async (token: Promise<string>, forumId: string) =>
      (await asUser<{ createThread: { id: string } }>(token, CREATE_THREAD, { input: { forumId, title: 'Matrix fixture', body: 'A question for the matrix.' } })).createThread.id;
    const hide = async (tenantId: string, contentId: string) => (await asUser<{ moderateContent: { id: string } }>(moderatorOf(tenantId), HIDE_CONTENT, { id: contentId })).moderateContent.id;
    const organizeEvent = async (tenantId: string) =>
      (
        await asUser<{ organizeEvent: { id: string } }>(moderatorOf(tenantId), 'mutation ($at: DateTime!) { organizeEvent(input: { title: "Matrix fixture", startsAt: $at, capacity: 50, place: "Utrecht" }) { id } }', {
          at: NEXT_WEEK,
        })
      ).organizeEvent.id;
    const frameworkTurns = new Map<string, number>();
    const freshIdToken = (t: TenantFixture) => issuer.issueIdToken({ sub: `matrix-user-${users++}`, aud: 'goliath', tenant: t.tenantId });
    const freshSession = async (t: TenantFixture) => {
      const response = await goliath.call<{ authenticate: { refreshToken: string; sessionId: string; userId: string } }>(
        'mutation ($input: AuthenticateInput!) { authenticate(input: $input) { refreshToken sessionId userId } }',
        { input: { authType: 'OIDC', tenantId: t.tenantId, idToken: await freshIdToken(t) } },
        null,
      );
      if (response.errors) throw new Error(`fixture sign-in failed: ${JSON.stringify(response.errors)}`);
      return response.data!.authenticate;
    };
    const configureOidc = async (tenantId: string, name: string) =>
      (
        await asAdmin<{ configureIdentityProvider: { id: string } }>('mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id } }', {
          input: { tenantId, name, type: 'OIDC', oidc: { issuer: issuer.url, clientId: 'goliath' }, defaultRoles: ['VIEWER'] },
        })
      ).configureIdentityProvider.id;
    const fixtures: Fixtures = {
      freshConstraint: (t) => addConstraint(t.problemId),
      freshSolveJob: (t) => submitJob(t, 60_000),
      freshIdToken,
      freshSession,
      freshUserWithGrant: async (t) => {
        const { userId } = await freshSession(t);
        await asAdmin('mutation ($u: ID!) { grantRole(userId: $u, role: AUDITOR) { id } }', { u: userId });
        return userId;
      },
      // The issuer URL stays unique per provider, so sign-ins still find the tenant's one OIDC provider.
      freshIdentityProvider: async (t) =>
        (
          await asAdmin<{ configureIdentityProvider: { id: string } }>('mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id } }', {
            input: { tenantId: t.tenantId, name: 'To remove', type: 'OIDC', oidc: { issuer: `https://removable-${users++}.example.com`, clientId: 'goliath' } },
          })
        ).configureIdentityProvider.id,
      freshChangeApproval: async (t) =>
        (
          await asAdmin<{ requestChangeApproval: { id: string } }>('mutation ($input: RequestChangeApprovalInput!) { requestChangeApproval(input: $input) { id } }', {
            input: { tenantId: t.tenantId, operation: 'updateConstraint', target: t.constraintId, reason: 'matrix fixture' },
          })
        ).requestChangeApproval.id,
      freshParkedEvent: async (t) => (await poison.parkPoisonEvent(t.tenantId)).parkedId,
      freshServiceAccount: async (t) =>
        (
          await asAdmin<{ createServiceAccount: { clientId: string; clientSecret: string } }>(
            'mutation ($t: ID!, $n: String!) { createServiceAccount(tenantId: $t, name: $n, roles: [VIEWER]) { clientId clientSecret } }',
            { t: t.tenantId, n: fixtures.nextServiceAccountName() },
          )
        ).createServiceAccount,
      nextServiceAccountName: () => `matrix-${serviceAccounts++}`,
      // Proposed as a SOC2 tenant's evolution would be, written as another process would: the matrix tenants do not require approval.
      freshProposal: async (t) => {
        const evolutionId = randomUUID();
        const evolution = { evolutionId, tenantId: t.tenantId, strategy: 'BALANCED', performanceThreshold: 0.85, dryRun: false, updates: [], unmet: [], measurements: {}, triggeredBy: 'matrix-proposer', evolvedAt: new Date().toISOString() };
        await goliath.recordFromAnotherProcess(evolutionStreamId(evolutionId), [{ type: 'EvolutionProposed', data: evolution }], { tenantId: t.tenantId, actor: 'matrix-proposer', action: 'optimization.evolveConstraints' });
        await eventually(async () => {
          const proposals = await asAdmin<{ evolutions: { evolutionId: string }[] }>('query ($t: ID!) { evolutions(tenantId: $t, status: PROPOSED) { evolutionId } }', { t: t.tenantId });
          expect(proposals.evolutions.map((proposal) => proposal.evolutionId)).toContain(evolutionId);
        });
        return evolutionId;
      },
      freshCalendarException: async (t) =>
        (
          await asAdmin<{ addCalendarException: { exceptionId: string } }>(
            'mutation ($t: ID!) { addCalendarException(input: { tenantId: $t, start: "2026-12-31T00:00:00Z", end: "2027-01-01T00:00:00Z", kind: HOLIDAY }) { exceptionId } }',
            { t: t.tenantId },
          )
        ).addCalendarException.exceptionId,
      freshScalingSchedule: async (t, approved) => {
        const scheduleId = randomUUID();
        const at = new Date().toISOString();
        const schedule = {
          scheduleId, tenantId: t.tenantId, policyId: t.scalingPolicyToApply, resourceType: 'COMPUTE', predictionIds: [t.predictionId], start: at, required: [1], capacities: [1], actions: [],
          cost: 1, coverage: 1, coverageTarget: 0.99, shortfalls: [], costLimitBinding: false, algorithm: 'exact', optimality: { kind: 'EXACT' }, demandQuantile: 0.95, unitSize: 3600, requiresApproval: true,
        };
        const events = [
          { type: 'ScalingScheduleProposed', data: { ...schedule, proposedBy: 'matrix-proposer', proposedAt: at } },
          ...(approved ? [{ type: 'ScalingScheduleApproved', data: { scheduleId, tenantId: t.tenantId, approvedBy: 'matrix-approver', automatically: false, approvedAt: at } }] : []),
        ];
        await goliath.recordFromAnotherProcess(scalingScheduleStreamId(scheduleId), events, { tenantId: t.tenantId, actor: 'matrix-proposer', action: 'scaling.optimizeScalingSchedule' });
        await eventually(async () => {
          const schedules = await asAdmin<{ scalingSchedules: { scheduleId: string }[] }>('query ($t: ID!) { scalingSchedules(tenantId: $t) { scheduleId } }', { t: t.tenantId });
          expect(schedules.scalingSchedules.map((listed) => listed.scheduleId)).toContain(scheduleId);
        });
        return scheduleId;
      },
      nextFrameworkType: (t) => {
        const turn = frameworkTurns.get(t.tenantId) ?? 0;
        frameworkTurns.set(t.tenantId, turn + 1);
        return ['HIPAA', 'GDPR', 'ISO27001'][turn % 3];
      },
      // A recipe of 20 ms: benchmarks run it on each seeded instance.
      nextListing: () => {
        const n = serial++;
        return {
          name: `Matrix optimizer ${n}`,
          description: 'Anneals the role matrix',
          category: 'Finance',
          complexity: 'Beginner',
          price: 10,
          currency: 'USD',
          licenseTerms: 'Use within your organisation.',
          recipe: { strategy: 'SA', timeLimitMs: 20 },
          documentation: `# Matrix optimizer ${n}\n\nAnneals fixture ${n}.`,
        };
      },
      freshSubmission: (t) => submitListing(t.tenantId),
      nextIdempotencyKey: () => `matrix-purchase-${serial++}`,
      freshLicense: async (t) => (await purchase(t.tenantId, t.licensedAlgorithmId)).id,
      freshProjectMember: async (t) => {
        const userId = `matrix-member-${serial++}`;
        await asUser(developerOf(t.tenantId), 'mutation ($id: ID!, $u: String!) { addProjectMember(projectId: $id, userId: $u, role: CONTRIBUTOR) { id } }', { id: t.projectId, u: userId });
        return userId;
      },
      freshLinkedProject: async (t) => {
        const projectId = await createProject(t.tenantId);
        await asUser(developerOf(t.tenantId), 'mutation ($id: ID!, $a: ID!) { linkProjectAlgorithm(projectId: $id, algorithmId: $a) { id } }', { id: projectId, a: t.algorithmId });
        return projectId;
      },
      nextForumName: () => `Matrix forum ${serial++}`,
      freshAnswer: async (t, role) => {
        const threadId = await startThread(participantOf(t.tenantId, role), t.forumId);
        const postId = (await asUser<{ reply: { id: string } }>(developerOf(t.tenantId), REPLY, { input: { threadId, body: 'An answer.' } })).reply.id;
        return { threadId, postId };
      },
      freshModerationOf: async (t, role) => hide(t.tenantId, await startThread(participantOf(t.tenantId, role), t.forumId)),
      freshAppeal: async (t) => {
        const moderationId = await hide(t.tenantId, await startThread(developerOf(t.tenantId), t.forumId));
        return (await asUser<{ appealModeration: { id: string } }>(developerOf(t.tenantId), APPEAL_MODERATION, { id: moderationId })).appealModeration.id;
      },
      rsvpOf: async (t, role) => {
        if (role !== 'VIEWER') await asUser(participantOf(t.tenantId, role), RSVP, { id: t.cancelEventId });
        return t.cancelEventId;
      },
    };

    /** The tenant's community content: its listings, tutorial and project, and a forum, threads and events of its own. */
    const createCommunityFixture = async (tenantId: string) => {
      const [algorithmId, algorithmToDeprecate, forumId, tutorialId, projectId, eventId, cancelEventId] = await Promise.all([
        approvedListing(tenantId),
        approvedListing(tenantId),
        asUser<{ createForum: { id: string } }>(moderatorOf(tenantId), 'mutation ($n: String!) { createForum(input: { name: $n }) { id } }', { n: fixtures.nextForumName() }).then((created) => created.createForum.id),
        asUser<{ createTutorial: { id: string } }>(developerOf(tenantId), 'mutation { createTutorial(input: { title: "Matrix fixture", body: "# Steps" }) { id } }').then((created) => created.createTutorial.id),
        createProject(tenantId),
        organizeEvent(tenantId),
        organizeEvent(tenantId),
      ]);
      const [threadId, flaggedThreadId, moderatedThreadId] = await Promise.all([1, 2, 3].map(() => startThread(developerOf(tenantId), forumId)));
      return { algorithmId, algorithmToDeprecate, forumId, tutorialId, projectId, eventId, cancelEventId, threadId, flaggedThreadId, moderatedThreadId };
    };

    /** The buyer's admin buys a licence of the seller's listing. */
    const withPurchase = async (buyer: TenantFixtureBeforePurchase, seller: TenantFixtureBeforePurchase): Promise<TenantFixture> => {
      const license = await purchase(buyer.tenantId, seller.algorithmId);
      return { ...buyer, licensedAlgorithmId: seller.algorithmId, licenseId: license.id, invoiceId: license.invoiceId };
    };

    /** The tenant's problems, solves, identity providers, compliance and scaling, made by the platform-admin. */
    const createPlatformFixture = async (tenantId: string) => {
      const problemId = (
        await asAdmin<{ createProblem: { id: string } }>('mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }', { input: { tenantId, name: 'Fixture', qubo: QUBO } })
      ).createProblem.id;
      const [constraintId, solveJobId] = await Promise.all([addConstraint(problemId), submitJob({ tenantId, problemId }, 20)]);
      // One solve with the constraint in place: evolveConstraints has a recorded outcome to work from.
      await asAdmin('mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { runId } }', { input: { tenantId, problemId, timeLimitMs: 20, seed: 1 } });
      // Twenty recorded outcomes (four constraints, five solves) and a model trained on them.
      const modelProblemId = (
        await asAdmin<{ createProblem: { id: string } }>('mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }', { input: { tenantId, name: 'Model fixture', qubo: QUBO } })
      ).createProblem.id;
      for (const penaltyWeight of [0.1, 1, 4, 8]) {
        await asAdmin('mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }', { input: { problemId: modelProblemId, constraint: { ...ONE_HOT, penaltyWeight } } });
      }
      for (let seed = 1; seed <= 5; seed++) {
        await asAdmin('mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { runId } }', { input: { tenantId, problemId: modelProblemId, timeLimitMs: 10, seed } });
      }
      await asAdmin('mutation ($t: ID!) { trainModels(tenantId: $t) { modelId } }', { t: tenantId });
      await configureOidc(tenantId, 'Matrix OIDC');
      const samlProviderId = (
        await asAdmin<{ configureIdentityProvider: { id: string } }>('mutation ($input: ConfigureIdentityProviderInput!) { configureIdentityProvider(input: $input) { id } }', {
          input: {
            tenantId,
            name: 'Matrix SAML',
            type: 'SAML',
            saml: { idpEntityId: 'https://idp.example.com/saml', ssoUrl: 'https://idp.example.com/sso', signingCertificates: [(await createSigningKey()).certificatePem] },
          },
        })
      ).configureIdentityProvider.id;
      const frameworkId = (
        await asAdmin<{ enableComplianceFramework: { id: string } }>('mutation ($input: EnableComplianceFrameworkInput!) { enableComplianceFramework(input: $input) { id } }', {
          input: { tenantId, frameworkType: 'SOC2', complianceLevel: 'Type I' },
        })
      ).enableComplianceFramework.id;
      const triggerId = (
        await asAdmin<{ createEvolutionTrigger: { triggerId: string } }>(
          'mutation ($t: ID!) { createEvolutionTrigger(input: { tenantId: $t, triggerType: TIME_BASED, conditions: { everyMinutes: 600 }, actions: [{ type: "EVOLVE_CONSTRAINTS", dryRun: true }], isActive: false }) { triggerId } }',
          { t: tenantId },
        )
      ).createEvolutionTrigger.triggerId;
      const scalingPolicyId = (
        await asAdmin<{ createScalingPolicy: { policyId: string } }>('mutation ($t: ID!) { createScalingPolicy(input: { tenantId: $t, resourceType: COMPUTE, isActive: false }) { policyId } }', { t: tenantId })
      ).createScalingPolicy.policyId;
      const scalingPolicyToApply = (
        await asAdmin<{ createScalingPolicy: { policyId: string } }>('mutation ($t: ID!) { createScalingPolicy(input: { tenantId: $t, resourceType: COMPUTE, isActive: false, scalingRules: { mode: FORECAST_AND_SCALE } }) { policyId } }', { t: tenantId })
      ).createScalingPolicy.policyId;
      // Four days of hourly usage with a daily cycle: enough to forecast, and quickly.
      const firstHour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 96 * 3_600_000;
      const points = Array.from({ length: 96 }, (_, hour) => ({ time: new Date(firstHour + hour * 3_600_000).toISOString(), value: 100 + 50 * Math.sin((2 * Math.PI * hour) / 24) }));
      await asAdmin('mutation ($input: RecordUsageInput!) { recordUsage(input: $input) { hours } }', { input: { tenantId, resourceType: 'COMPUTE', points } });
      const predictionId = (
        await asAdmin<{ predictResourceDemand: { predictionId: string }[] }>('mutation ($t: ID!) { predictResourceDemand(input: { tenantId: $t, timeHorizon: 6 }) { predictionId } }', { t: tenantId })
      ).predictResourceDemand[0].predictionId;
      const fixture = { tenantId, problemId, constraintId, solveJobId, samlProviderId, frameworkId, triggerId, scalingPolicyId, scalingPolicyToApply, predictionId };
      return { ...fixture, scheduleId: await fixtures.freshScalingSchedule(fixture, false) };
    };

    const createTenantFixture = async (name: string): Promise<TenantFixtureBeforePurchase> => {
      const tenantId = (await asAdmin<{ createTenant: { id: string } }>('mutation ($name: String!) { createTenant(input: { name: $name }) { id } }', { name })).createTenant.id;
      const [platform, community] = await Promise.all([createPlatformFixture(tenantId), createCommunityFixture(tenantId)]);
      return { ...platform, ...community };
    };

    beforeAll(async () => {
      poison = poisonWriter(goliath.dataDir, async (id) => (await asAdmin<{ parkedEvents: { id: string }[] }>('{ parkedEvents(first: 100) { id } }')).parkedEvents.some((parked) => parked.id === id));
      issuer = await startOidcIssuer();
      const [a, b] = await Promise.all([createTenantFixture('Tenant A'), createTenantFixture('Tenant B')]);
      // Each tenant holds a licence of the other's listing: "own" purchases, licences and invoices are tenant A's.
      const [own, other] = await Promise.all([withPurchase(a, b), withPurchase(b, a)]);
      tenants = { own, other };
    }, 60_000);

    afterAll(async () => {
      await issuer?.stop();
      await poison?.close();
    });

    it('allows and forbids every operation for each role, on its own tenant and on another, exactly as the table says', async () => {
      const tokens = Object.fromEntries(
        await Promise.all(ROLE_COLUMNS.map(async (role) => [role, await goliath.token(role, tenants.own.tenantId, `matrix-${role}`)])),
      ) as Record<Role, string>;

      const cases = Object.entries(EXPECTED).flatMap(([operation, expectation]) =>
        (['own', 'other'] as const).flatMap((scope) => {
          const outcomes = scope === 'own' ? expectation.ownTenant : expectation.otherTenant;
          return outcomes ? ROLE_COLUMNS.map((role, column) => ({ operation, role, scope, expected: outcomes[column] })) : [];
        }),
      );
      // Fixtures first (some calls consume one), so the matrix itself is only the calls under test.
      const requests = await inBatches(cases.map((entry) => () => Promise.resolve(CALLS[entry.operation](tenants[entry.scope], fixtures, entry.role))), 8);
      const responses = await inBatches(
        cases.map((entry, index) => () => goliath.call(requests[index].query, requests[index].variables, tokens[entry.role])),
        12,
      );

      const mismatches = cases.flatMap((entry, index) => {
        const actual = outcomeOf(responses[index]);
        const expected = entry.expected === 'allowed' ? 'allowed' : entry.expected === 'forbidden' ? 'FORBIDDEN' : 'NOT_FOUND';
        return actual === expected ? [] : [`${entry.operation} as ${entry.role} on ${entry.scope} tenant: expected ${expected}, got ${actual}`];
      });
      expect(mismatches).toEqual([]);
      expect(cases.length).toBeGreaterThan(Object.keys(EXPECTED).length * ROLE_COLUMNS.length);
    });

    it('answers a lookup by id of another tenant\'s item exactly as one of a missing item, so ids cannot be probed', async () => {
      const tenantAdmin = await goliath.token('TENANT_ADMIN', tenants.own.tenantId, 'matrix-prober');
      const other = tenants.other;
      const { sessionId, userId } = await fixtures.freshSession(other);
      const { clientId } = await fixtures.freshServiceAccount(other);
      const byId: Record<string, [query: string, id: string]> = {
        'Query.problem': ['query ($id: ID!) { problem(id: $id) { id } }', other.problemId],
        'Query.solveJob': ['query ($id: ID!) { solveJob(id: $id) { id } }', other.solveJobId],
        'Query.constraintPerformance': ['query ($id: ID!) { constraintPerformance(constraintId: $id) { solves } }', other.constraintId],
        'Query.predictConstraintPerformance': ['query ($id: ID!) { predictConstraintPerformance(constraintId: $id, scenario: {}) { feasibilityProbability } }', other.constraintId],
        'Mutation.updateConstraint': ['mutation ($id: ID!) { updateConstraint(constraintId: $id, newParameters: { penaltyWeight: 6 }, evolutionReason: "probe") { id } }', other.constraintId],
        'Mutation.removeConstraint': ['mutation ($id: ID!) { removeConstraint(constraintId: $id, reason: "probe") }', other.constraintId],
        'Mutation.cancelSolveJob': ['mutation ($id: ID!) { cancelSolveJob(id: $id) { id } }', other.solveJobId],
        'Mutation.revokeSession': ['mutation ($id: ID!) { revokeSession(sessionId: $id) { id } }', sessionId],
        'Query.validateSamlConfig': ['query ($id: ID!) { validateSamlConfig(providerId: $id) { valid } }', other.samlProviderId],
        'Mutation.removeIdentityProvider': ['mutation ($id: ID!) { removeIdentityProvider(providerId: $id) }', other.samlProviderId],
        'Mutation.grantRole': ['mutation ($id: ID!) { grantRole(userId: $id, role: DEVELOPER) { id } }', userId],
        'Mutation.updateEvolutionTrigger': ['mutation ($id: ID!) { updateEvolutionTrigger(triggerId: $id, input: { priority: 3 }) { triggerId } }', other.triggerId],
        'Mutation.rotateServiceAccountSecret': ['mutation ($id: ID!) { rotateServiceAccountSecret(serviceAccountId: $id) { clientId } }', clientId],
        'Mutation.revokeServiceAccount': ['mutation ($id: ID!) { revokeServiceAccount(serviceAccountId: $id) { id } }', clientId],
        'Mutation.optimizeQubo (problemId)': ['mutation ($id: ID) { optimizeQubo(input: { tenantId: "' + tenants.own.tenantId + '", problemId: $id, timeLimitMs: 20 }) { runId } }', other.problemId],
        'Query.license': ['query ($id: ID!) { license(id: $id) { id } }', other.licenseId],
        'Mutation.refundLicense': ['mutation ($id: ID!) { refundLicense(licenseId: $id, reason: "probe") { id } }', other.licenseId],
        'Query.invoice': ['query ($id: ID!) { invoice(id: $id) { id } }', other.invoiceId],
        'Query.algorithmSales': ['query ($id: ID!) { algorithmSales(algorithmId: $id) { sold } }', other.algorithmId],
        'Query.algorithmUsage': ['query ($id: ID!) { algorithmUsage(algorithmId: $id) { runs } }', other.algorithmId],
        'Mutation.benchmarkAlgorithm': ['mutation ($id: ID!) { benchmarkAlgorithm(algorithmId: $id) { version } }', other.algorithmId],
        'Mutation.deprecateAlgorithm': ['mutation ($id: ID!) { deprecateAlgorithm(algorithmId: $id, reason: "probe") { id } }', other.algorithmToDeprecate],
        'Mutation.updateTutorial': ['mutation ($id: ID!) { updateTutorial(input: { tutorialId: $id, summary: "probe" }) { id } }', other.tutorialId],
        // A PRIVATE project (a PUBLIC one every signed-in user reads).
        'Query.project': ['query ($id: ID!) { project(id: $id) { id } }', other.projectId],
        'Mutation.updateProject': ['mutation ($id: ID!) { updateProject(input: { projectId: $id, description: "probe" }) { id } }', other.projectId],
        'Mutation.addProjectMember': ['mutation ($id: ID!) { addProjectMember(projectId: $id, userId: "probe", role: CONTRIBUTOR) { id } }', other.projectId],
        'Mutation.linkProjectAlgorithm': ['mutation ($id: ID!) { linkProjectAlgorithm(projectId: $id, algorithmId: "' + tenants.own.algorithmId + '") { id } }', other.projectId],
      };
      const answers = await Promise.all(
        Object.entries(byId).map(async ([operation, [query, id]]) => {
          const missingId = randomUUID();
          const [ofOther, ofMissing] = await Promise.all([goliath.call(query, { id }, tenantAdmin), goliath.call(query, { id: missingId }, tenantAdmin)]);
          const shape = (response: GraphQLResponse<unknown>, itsId: string) => ({
            data: response.data,
            errors: response.errors?.map((error) => ({ message: error.message.replace(itsId, '<id>'), code: error.extensions?.code })),
          });
          return { operation, ofOther: shape(ofOther, id), ofMissing: shape(ofMissing, missingId) };
        }),
      );
      for (const answer of answers) {
        expect({ operation: answer.operation, answer: answer.ofOther }).toEqual({ operation: answer.operation, answer: answer.ofMissing });
        expect(answer.ofOther.errors?.map((error) => error.code)).toEqual(['NOT_FOUND']);
      }
    });
  });
});

/**
 * `allowed` only for an answer without any error (the calls are valid, so any error is worth
 * seeing), `FORBIDDEN` or `NOT_FOUND` only when that is the one code and the field has no data;
 * anything else is reported as it came.
 */
function outcomeOf(response: GraphQLResponse<unknown>): string {
  const codes = errorCodes(response);
  if (codes.length === 0) return 'allowed';
  const data = response.data as Record<string, unknown> | null | undefined;
  const rootValue = data ? Object.values(data)[0] : null;
  for (const refusal of ['FORBIDDEN', 'NOT_FOUND']) {
    if (codes.every((code) => code === refusal) && rootValue == null) return refusal;
  }
  return `errors ${JSON.stringify(response.errors)}`;
}
