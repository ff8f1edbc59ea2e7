import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';

export enum ComplianceFrameworkType {
  SOC2 = 'SOC2',
  ISO27001 = 'ISO27001',
  GDPR = 'GDPR',
  HIPAA = 'HIPAA',
}
registerEnumType(ComplianceFrameworkType, { name: 'ComplianceFrameworkType' });

export enum ComplianceAuditSchedule {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  SEMIANNUAL = 'SEMIANNUAL',
  ANNUAL = 'ANNUAL',
}
registerEnumType(ComplianceAuditSchedule, { name: 'ComplianceAuditSchedule', description: 'How often the framework is audited; sets nextAudit.' });

export enum ComplianceFrameworkStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(ComplianceFrameworkStatus, { name: 'ComplianceFrameworkStatus', description: 'ACTIVE frameworks are evaluated by every compliance check; SUSPENDED ones are not.' });

export enum ChangeApprovalStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(ChangeApprovalStatus, { name: 'ChangeApprovalStatus' });

@ObjectType({ description: "A compliance framework a tenant has enabled (the seed's ComplianceFramework)." })
export class ComplianceFramework {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  tenantId!: string;

  @Field(() => ComplianceFrameworkType)
  frameworkType!: ComplianceFrameworkType;

  @Field(() => String, { description: 'e.g. "SOC 2 Type II", "certified".' })
  complianceLevel!: string;

  @Field(() => [String], { description: 'The requirements every check evaluates, e.g. "GDPR Art.6 lawful basis".' })
  requirements!: string[];

  @Field(() => ComplianceAuditSchedule)
  auditSchedule!: ComplianceAuditSchedule;

  @Field(() => DateTimeScalar, { nullable: true })
  lastAudit?: string | null;

  @Field(() => DateTimeScalar)
  nextAudit!: string;

  @Field(() => ComplianceFrameworkStatus)
  status!: ComplianceFrameworkStatus;

  @Field(() => DateTimeScalar)
  enabledAt!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: string;
}

@ObjectType()
export class BusinessAssociateAgreement {
  @Field(() => String)
  signedBy!: string;

  @Field(() => DateTimeScalar)
  signedAt!: string;
}

@ObjectType({ description: 'What a tenant has declared for its compliance checks.' })
export class ComplianceProfile {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => [String], { description: 'Mutations the compliance guard checks before they run.' })
  guardedOperations!: string[];

  @Field(() => [String], { description: 'Region codes where personal data may be processed (GDPR Art.44).' })
  permittedRegions!: string[];

  @Field(() => Boolean)
  encryptionAtRest!: boolean;

  @Field(() => BusinessAssociateAgreement, { nullable: true, description: 'The HIPAA business associate agreement on record.' })
  businessAssociateAgreement?: BusinessAssociateAgreement | null;

  @Field(() => Boolean, { description: 'SOC2 CC8.1: constraint and scaling-policy changes need another user’s approval.' })
  changeApprovalRequired!: boolean;

  @Field(() => [String], { description: 'Operations the tenant counts as privileged beyond the platform’s own (ISO27001 A.5.15).' })
  privilegedOperations!: string[];

  @Field(() => Int, { description: 'Data subjects whose erasure was requested (their ids are not kept).' })
  erasureRequestCount!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  updatedAt?: string | null;
}

@ObjectType()
export class ComplianceViolation {
  @Field(() => ComplianceFrameworkType)
  framework!: ComplianceFrameworkType;

  @Field(() => String)
  requirement!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: "The seed's enforce_compliance verdict." })
export class ComplianceResult {
  @Field(() => Boolean)
  isCompliant!: boolean;

  @Field(() => [ComplianceViolation])
  violations!: ComplianceViolation[];

  @Field(() => DateTimeScalar)
  evaluatedAt!: string;
}

@ObjectType({ description: 'SOC2 change management: a change one user asks for and another approves.' })
export class ChangeApproval {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  tenantId!: string;

  @Field(() => String)
  operation!: string;

  @Field(() => String, { nullable: true })
  target?: string | null;

  @Field(() => String)
  reason!: string;

  @Field(() => String)
  requestedBy!: string;

  @Field(() => DateTimeScalar)
  requestedAt!: string;

  @Field(() => ChangeApprovalStatus)
  status!: ChangeApprovalStatus;

  @Field(() => String, { nullable: true })
  approvedBy?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  approvedAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt?: string | null;
}

@InputType()
export class EnableComplianceFrameworkInput {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => ComplianceFrameworkType)
  frameworkType!: ComplianceFrameworkType;

  @Field(() => String)
  complianceLevel!: string;

  @Field(() => [String], { nullable: true, description: 'Requirement ids to evaluate; all of the framework’s when omitted.' })
  requirements?: string[];

  @Field(() => ComplianceAuditSchedule, { nullable: true, description: 'ANNUAL when omitted.' })
  auditSchedule?: ComplianceAuditSchedule;
}

@InputType()
export class UpdateComplianceFrameworkInput {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => ID)
  frameworkId!: string;

  @Field(() => String, { nullable: true })
  complianceLevel?: string;

  @Field(() => [String], { nullable: true })
  requirements?: string[];

  @Field(() => ComplianceAuditSchedule, { nullable: true })
  auditSchedule?: ComplianceAuditSchedule;

  @Field(() => ComplianceFrameworkStatus, { nullable: true })
  status?: ComplianceFrameworkStatus;
}

@InputType()
export class BusinessAssociateAgreementInput {
  @Field(() => String, { description: 'Who signed it for the business associate.' })
  signedBy!: string;

  @Field(() => DateTimeScalar)
  signedAt!: string;
}

@InputType({ description: 'Fields left out keep their value.' })
export class UpdateComplianceProfileInput {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => [String], { nullable: true })
  guardedOperations?: string[];

  @Field(() => [String], { nullable: true })
  permittedRegions?: string[];

  @Field(() => Boolean, { nullable: true })
  encryptionAtRest?: boolean;

  @Field(() => BusinessAssociateAgreementInput, { nullable: true })
  businessAssociateAgreement?: BusinessAssociateAgreementInput;

  @Field(() => Boolean, { nullable: true, description: 'true removes the business associate agreement on record.' })
  removeBusinessAssociateAgreement?: boolean;

  @Field(() => Boolean, { nullable: true })
  changeApprovalRequired?: boolean;

  @Field(() => [String], { nullable: true })
  privilegedOperations?: string[];
}

@InputType()
export class RequestChangeApprovalInput {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => String, { description: 'The mutation to approve, e.g. updateConstraint.' })
  operation!: string;

  @Field(() => String, { nullable: true, description: 'Limits the approval to changes naming this id (e.g. a constraint id).' })
  target?: string;

  @Field(() => String)
  reason!: string;
}
