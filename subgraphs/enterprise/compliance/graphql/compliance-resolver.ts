import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { runComplianceCheck, type ComplianceVerdict } from '../../../../platform/compliance';
import { badUserInput, notFound } from '../../../../platform/errors';
import { requireTenantAccess, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { erasedSubjectHash } from '../../../../schema/compliance';
import {
  COMPLIANCE_FRAMEWORKS_COLLECTION,
  COMPLIANCE_PROFILES_COLLECTION,
  type ComplianceFrameworkDocument,
  type ComplianceProfileDocument,
} from '../../../../schema/read-models/compliance';
import { JSONScalar, DateTimeScalar } from '../../../../schema/graphql/scalars';
import type { ComplianceCommand } from '../domain/compliance-decider';
import { complianceProfiles } from '../domain/command-handlers';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { toComplianceFramework, toComplianceProfile } from './compliance-documents';
import {
  ComplianceAuditSchedule,
  ComplianceFramework,
  ComplianceProfile,
  ComplianceResult,
  EnableComplianceFrameworkInput,
  UpdateComplianceFrameworkInput,
  UpdateComplianceProfileInput,
} from './compliance-types';

/** The longest time budget a caller may give checkCompliance. */
export const MAX_CHECK_TIMEOUT_MS = 30_000;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

@Resolver()
export class ComplianceResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => [ComplianceFramework], { description: "The tenant's compliance frameworks, in the order they were enabled." })
  async complianceFrameworks(@Arg('tenantId', () => ID) tenantId: string, @Ctx() context: SubgraphContext): Promise<ComplianceFramework[]> {
    requireTenantAccess(context, tenantId);
    const page = await this.deps.readStore
      .collection<ComplianceFrameworkDocument>(COMPLIANCE_FRAMEWORKS_COLLECTION)
      .find({ where: { tenantId }, sort: [{ field: 'enabledAt', direction: 'asc' }], first: 100 });
    return page.items.map(toComplianceFramework);
  }

  @Query(() => ComplianceProfile, { description: "The tenant's compliance profile (the defaults until it is first updated)." })
  async complianceProfile(@Arg('tenantId', () => ID) tenantId: string, @Ctx() context: SubgraphContext): Promise<ComplianceProfile> {
    requireTenantAccess(context, tenantId);
    return this.readProfile(tenantId);
  }

  @Mutation(() => ComplianceFramework, { description: 'Enables a framework for a tenant; refused for frameworks COMPLIANCE_FRAMEWORKS does not offer.' })
  async enableComplianceFramework(@Arg('input', () => EnableComplianceFrameworkInput) input: EnableComplianceFrameworkInput, @Ctx() context: SubgraphContext): Promise<ComplianceFramework> {
    requireTenantAccess(context, input.tenantId);
    const frameworkId = randomUUID();
    await this.execute(context, {
      type: 'EnableFramework',
      tenantId: input.tenantId,
      frameworkId,
      frameworkType: input.frameworkType,
      complianceLevel: input.complianceLevel,
      requirements: input.requirements ?? undefined,
      auditSchedule: input.auditSchedule ?? ComplianceAuditSchedule.ANNUAL,
      offeredFrameworks: this.deps.config.compliance.frameworks,
      requestedAt: this.now(),
    });
    return this.readFramework(frameworkId);
  }

  @Mutation(() => ComplianceFramework, { description: "Changes a framework's level, requirements, audit schedule or status." })
  async updateComplianceFramework(@Arg('input', () => UpdateComplianceFrameworkInput) input: UpdateComplianceFrameworkInput, @Ctx() context: SubgraphContext): Promise<ComplianceFramework> {
    requireTenantAccess(context, input.tenantId);
    await this.execute(context, {
      type: 'UpdateFramework',
      tenantId: input.tenantId,
      frameworkId: input.frameworkId,
      complianceLevel: input.complianceLevel ?? undefined,
      requirements: input.requirements ?? undefined,
      auditSchedule: input.auditSchedule ?? undefined,
      status: input.status ?? undefined,
      requestedAt: this.now(),
    });
    return this.readFramework(input.frameworkId);
  }

  @Mutation(() => ComplianceFramework, { description: 'Records an audit of a framework: sets lastAudit and the next audit from the schedule.' })
  async recordComplianceAudit(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('frameworkId', () => ID) frameworkId: string,
    @Ctx() context: SubgraphContext,
    @Arg('auditedAt', () => DateTimeScalar, { nullable: true, description: 'When the audit took place; now when omitted.' }) auditedAt?: string | Date,
  ): Promise<ComplianceFramework> {
    requireTenantAccess(context, tenantId);
    await this.execute(context, { type: 'RecordAudit', tenantId, frameworkId, auditedAt: auditedAt ? new Date(auditedAt).toISOString() : undefined, requestedAt: this.now() });
    return this.readFramework(frameworkId);
  }

  @Mutation(() => ComplianceProfile, { description: 'Changes what the tenant declares: guarded operations, regions, encryption, BAA, change approval.' })
  async updateComplianceProfile(@Arg('input', () => UpdateComplianceProfileInput) input: UpdateComplianceProfileInput, @Ctx() context: SubgraphContext): Promise<ComplianceProfile> {
    requireTenantAccess(context, input.tenantId);
    if (input.removeBusinessAssociateAgreement && input.businessAssociateAgreement) {
      throw badUserInput('Either record a business associate agreement or remove it, not both.', 'removeBusinessAssociateAgreement');
    }
    const agreement = input.businessAssociateAgreement;
    await this.execute(context, {
      type: 'UpdateProfile',
      tenantId: input.tenantId,
      changes: {
        permittedRegions: input.permittedRegions ?? undefined,
        encryptionAtRest: input.encryptionAtRest ?? undefined,
        businessAssociateAgreement: input.removeBusinessAssociateAgreement
          ? null
          : agreement
            ? { signedBy: agreement.signedBy, signedAt: new Date(agreement.signedAt).toISOString() }
            : undefined,
        changeApprovalRequired: input.changeApprovalRequired ?? undefined,
        guardedOperations: input.guardedOperations ?? undefined,
        privilegedOperations: input.privilegedOperations ?? undefined,
      },
      requestedAt: this.now(),
    });
    return this.readProfile(input.tenantId);
  }

  @Mutation(() => ComplianceProfile, { description: "Records a data subject's erasure request (GDPR Art.17); later checks refuse data naming the subject. Only a hash of the id is stored." })
  async recordErasureRequest(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('dataSubjectId', () => String) dataSubjectId: string,
    @Ctx() context: SubgraphContext,
  ): Promise<ComplianceProfile> {
    requireTenantAccess(context, tenantId);
    if (dataSubjectId.length === 0 || dataSubjectId.length > 500) throw badUserInput('dataSubjectId must be 1–500 characters.', 'dataSubjectId');
    await this.execute(context, { type: 'RecordErasureRequest', tenantId, subjectHash: erasedSubjectHash(tenantId, dataSubjectId), requestedAt: this.now() });
    return this.readProfile(tenantId);
  }

  @Mutation(() => ComplianceResult, {
    description: "The seed's enforce_compliance: evaluates the tenant's active frameworks against an operation and its data, and records the verdict. COMPLIANCE_CHECK_TIMEOUT past timeoutMs.",
  })
  async checkCompliance(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('operation', () => String) operation: string,
    @Ctx() context: SubgraphContext,
    @Arg('data', () => JSONScalar, { nullable: true, description: 'A JSON object; the README lists the fields the rules read.' }) data?: unknown,
    @Arg('timeoutMs', () => Int, { nullable: true, description: `Time budget, 0–${MAX_CHECK_TIMEOUT_MS} ms; COMPLIANCE_CHECK_TIMEOUT_MS when omitted.` }) timeoutMs?: number,
  ): Promise<ComplianceVerdict> {
    const auth = requireTenantAccess(context, tenantId);
    if (!OPERATION_NAME.test(operation)) throw badUserInput(`"${operation}" is not an operation name (a GraphQL field name such as updateConstraint).`, 'operation');
    const given = data ?? {};
    if (typeof given !== 'object' || Array.isArray(given)) throw badUserInput('data must be a JSON object.', 'data');
    const budget = timeoutMs ?? this.deps.config.compliance.checkTimeoutMs;
    if (budget < 0 || budget > MAX_CHECK_TIMEOUT_MS) throw badUserInput(`timeoutMs must be between 0 and ${MAX_CHECK_TIMEOUT_MS}.`, 'timeoutMs');
    return runComplianceCheck(this.deps, context, auth, {
      tenantId,
      operation,
      data: { ...(context.changeApprovalId && { changeApprovalId: context.changeApprovalId }), ...(given as Record<string, unknown>) },
      timeoutMs: budget,
      trigger: 'request',
      timeoutRemedy: `Raise timeoutMs (at most ${MAX_CHECK_TIMEOUT_MS}) or simplify the tenant’s compliance rules, then retry.`,
    });
  }

  private async execute(context: SubgraphContext, command: ComplianceCommand): Promise<void> {
    await executeCommand(this.deps, callerOf(context), complianceProfiles, command, { tenantId: command.tenantId });
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }

  private async readFramework(frameworkId: string): Promise<ComplianceFramework> {
    const document = await this.deps.readStore.collection<ComplianceFrameworkDocument>(COMPLIANCE_FRAMEWORKS_COLLECTION).get(frameworkId);
    if (!document) throw notFound('Compliance framework', frameworkId);
    return toComplianceFramework(document);
  }

  private async readProfile(tenantId: string): Promise<ComplianceProfile> {
    const document = await this.deps.readStore.collection<ComplianceProfileDocument>(COMPLIANCE_PROFILES_COLLECTION).get(tenantId);
    return toComplianceProfile(tenantId, document);
  }
}
