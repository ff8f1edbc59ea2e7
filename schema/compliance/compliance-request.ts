/** The frameworks a tenant can enable (issue 4); COMPLIANCE_FRAMEWORKS narrows what a deployment offers. */
export const FRAMEWORK_TYPES = ['SOC2', 'ISO27001', 'GDPR', 'HIPAA'] as const;
export type FrameworkType = (typeof FRAMEWORK_TYPES)[number];

export function isFrameworkType(value: unknown): value is FrameworkType {
  return typeof value === 'string' && (FRAMEWORK_TYPES as readonly string[]).includes(value);
}

/** Who asks for the operation, as proven by the verified platform token. */
export interface ComplianceActor {
  readonly subject: string;
  readonly roles: readonly string[];
  /** saml | oidc | ldap | development | … (the token's `amr`). */
  readonly authMethod: string;
}

export interface BusinessAssociateAgreement {
  readonly signedBy: string;
  readonly signedAt: string;
}

/** What a tenant has declared about itself; the rules judge operations against it. */
export interface TenantComplianceProfile {
  readonly tenantId: string;
  /** Lower-case region codes where the tenant allows personal data to be processed (GDPR Art.44). */
  readonly permittedRegions: readonly string[];
  /** The tenant's stores holding its data are encrypted at rest (HIPAA 164.312(a)(2)(iv)). */
  readonly encryptionAtRest: boolean;
  readonly businessAssociateAgreement?: BusinessAssociateAgreement;
  /** SOC2 CC8.1: constraint and scaling-policy changes need a second person's approval. */
  readonly changeApprovalRequired: boolean;
  /** Mutations the compliance guard checks before they run. */
  readonly guardedOperations: readonly string[];
  /** Operations the tenant counts as privileged beyond the platform's own list (ISO27001 A.5.15). */
  readonly privilegedOperations: readonly string[];
}

export type ChangeApprovalStatus = 'PENDING' | 'APPROVED';

/** A SOC2 change approval as the rules need it. */
export interface ChangeApprovalRecord {
  readonly approvalId: string;
  readonly operation: string;
  /** When set, the change must name this target (e.g. a constraint id) among its arguments. */
  readonly target?: string;
  readonly requestedBy: string;
  readonly status: ChangeApprovalStatus;
  readonly approvedBy?: string;
  readonly expiresAt?: string;
}

/**
 * Everything a rule may look at, resolved beforehand so that every rule is a pure function:
 * the operation and its data, the caller, the tenant's profile, and the facts the data points
 * to (which of its data subjects asked to be erased, the change approval it names).
 */
export interface ComplianceRequest {
  readonly operation: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly actor: ComplianceActor;
  readonly tenant: TenantComplianceProfile;
  readonly now: Date;
  /** The ids of `data.dataSubjectIds` whose erasure was requested (GDPR Art.17). */
  readonly erasedSubjectIds: ReadonlySet<string>;
  /** The approval named by `data.changeApprovalId`, when it exists in this tenant. */
  readonly changeApproval?: ChangeApprovalRecord;
}

export interface ComplianceViolation {
  readonly framework: FrameworkType;
  readonly requirement: string;
  readonly message: string;
}

export interface ComplianceResult {
  readonly isCompliant: boolean;
  readonly violations: readonly ComplianceViolation[];
  readonly evaluatedAt: string;
}

/** One requirement of a framework: answers a violation message, or undefined when the request meets it. */
export interface Requirement {
  readonly id: string;
  readonly framework: FrameworkType;
  evaluate(request: ComplianceRequest): string | undefined | Promise<string | undefined>;
}

/** A framework as a tenant enabled it: the requirements it chose to have evaluated. */
export interface EnabledFramework {
  readonly frameworkType: FrameworkType;
  readonly requirements: readonly string[];
}

/** The data conventions rules read; documented in the README's Compliance section. */
export const DATA_FIELDS = {
  personalData: 'personalData',
  lawfulBasis: 'lawfulBasis',
  processingRegion: 'processingRegion',
  dataSubjectIds: 'dataSubjectIds',
  classification: 'classification',
  changeApprovalId: 'changeApprovalId',
} as const;

/** `data.dataSubjectIds` as strings; anything else in the list is ignored by the erasure rule. */
export function dataSubjectIds(data: Readonly<Record<string, unknown>>): string[] {
  const ids = data[DATA_FIELDS.dataSubjectIds];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string' && id.length > 0) : [];
}
