import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { requirementIds, type BusinessAssociateAgreement, type FrameworkType } from '../../../../schema/compliance';
import type { ComplianceAuditSchedule, ComplianceEvent, ComplianceFrameworkStatus, ComplianceProfileUpdated } from '../../../../schema/events';
import { nextAuditAfter } from './audit-schedule';
import { validOperations, validPastTime, validRegions, validText } from './compliance-validation';

export interface FrameworkState {
  readonly frameworkType: FrameworkType;
  readonly complianceLevel: string;
  readonly requirements: readonly string[];
  readonly auditSchedule: ComplianceAuditSchedule;
  readonly status: ComplianceFrameworkStatus;
  readonly enabledAt: string;
  readonly lastAudit?: string;
  readonly nextAudit: string;
}

export type ProfileSettings = Omit<ComplianceProfileUpdated['data'], 'tenantId' | 'updatedAt'>;

/** One tenant's compliance: its frameworks, its profile, the subjects whose erasure it recorded. */
export interface ComplianceState {
  readonly frameworks: ReadonlyMap<string, FrameworkState>;
  readonly profile: ProfileSettings;
  readonly erasedSubjects: ReadonlySet<string>;
}

export const DEFAULT_PROFILE: ProfileSettings = {
  permittedRegions: [],
  encryptionAtRest: false,
  businessAssociateAgreement: null,
  changeApprovalRequired: false,
  guardedOperations: [],
  privilegedOperations: [],
};

export interface ProfileChanges {
  readonly permittedRegions?: readonly string[];
  readonly encryptionAtRest?: boolean;
  /** null removes the agreement on record. */
  readonly businessAssociateAgreement?: BusinessAssociateAgreement | null;
  readonly changeApprovalRequired?: boolean;
  readonly guardedOperations?: readonly string[];
  readonly privilegedOperations?: readonly string[];
}

export type ComplianceCommand =
  | {
      readonly type: 'EnableFramework';
      readonly tenantId: string;
      readonly frameworkId: string;
      readonly frameworkType: FrameworkType;
      readonly complianceLevel: string;
      /** Every requirement of the framework when omitted. */
      readonly requirements?: readonly string[];
      readonly auditSchedule: ComplianceAuditSchedule;
      /** COMPLIANCE_FRAMEWORKS: the frameworks this deployment offers (checked against FRAMEWORK_TYPES at startup). */
      readonly offeredFrameworks: readonly string[];
      readonly requestedAt: string;
    }
  | {
      readonly type: 'UpdateFramework';
      readonly tenantId: string;
      readonly frameworkId: string;
      readonly complianceLevel?: string;
      readonly requirements?: readonly string[];
      readonly auditSchedule?: ComplianceAuditSchedule;
      readonly status?: ComplianceFrameworkStatus;
      readonly requestedAt: string;
    }
  /** `auditedAt` left out: the audit is now. */
  | { readonly type: 'RecordAudit'; readonly tenantId: string; readonly frameworkId: string; readonly auditedAt?: string; readonly requestedAt: string }
  | { readonly type: 'UpdateProfile'; readonly tenantId: string; readonly changes: ProfileChanges; readonly requestedAt: string }
  | { readonly type: 'RecordErasureRequest'; readonly tenantId: string; readonly subjectHash: string; readonly requestedAt: string };

const COMPLIANCE_LEVEL_MAX_LENGTH = 60;

export const complianceDecider: Decider<ComplianceState, ComplianceCommand, ComplianceEvent> = {
  initialState: () => ({ frameworks: new Map(), profile: DEFAULT_PROFILE, erasedSubjects: new Set() }),

  evolve(state, event) {
    switch (event.type) {
      case 'ComplianceFrameworkEnabled': {
        const { frameworkId, frameworkType, complianceLevel, requirements, auditSchedule, nextAudit, enabledAt } = event.data;
        return withFramework(state, frameworkId, { frameworkType, complianceLevel, requirements, auditSchedule, status: 'ACTIVE', enabledAt, nextAudit });
      }
      case 'ComplianceFrameworkUpdated': {
        const framework = state.frameworks.get(event.data.frameworkId);
        if (!framework) return state;
        const { complianceLevel, requirements, auditSchedule, status, nextAudit } = event.data;
        return withFramework(state, event.data.frameworkId, { ...framework, complianceLevel, requirements, auditSchedule, status, nextAudit });
      }
      case 'ComplianceAuditRecorded': {
        const framework = state.frameworks.get(event.data.frameworkId);
        if (!framework) return state;
        return withFramework(state, event.data.frameworkId, { ...framework, lastAudit: event.data.lastAudit, nextAudit: event.data.nextAudit });
      }
      case 'ComplianceProfileUpdated': {
        const { tenantId: _tenantId, updatedAt: _updatedAt, ...profile } = event.data;
        return { ...state, profile };
      }
      case 'ErasureRequestRecorded':
        return { ...state, erasedSubjects: new Set([...state.erasedSubjects, event.data.subjectHash]) };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'EnableFramework': {
        if (!command.offeredFrameworks.includes(command.frameworkType)) {
          throw new DomainError('BAD_USER_INPUT', `${command.frameworkType} is not offered here (COMPLIANCE_FRAMEWORKS=${command.offeredFrameworks.join(',')}); ask the operator to add it.`, {
            field: 'frameworkType',
          });
        }
        const existing = [...state.frameworks.values()].find((framework) => framework.frameworkType === command.frameworkType);
        if (existing) throw new DomainError('CONFLICT', `${command.frameworkType} is already enabled for this tenant; change it with updateComplianceFramework.`);
        return [
          {
            type: 'ComplianceFrameworkEnabled',
            data: {
              tenantId: command.tenantId,
              frameworkId: command.frameworkId,
              frameworkType: command.frameworkType,
              complianceLevel: validText(command.complianceLevel, 'complianceLevel', COMPLIANCE_LEVEL_MAX_LENGTH),
              requirements: validRequirements(command.frameworkType, command.requirements),
              auditSchedule: command.auditSchedule,
              nextAudit: nextAuditAfter(command.requestedAt, command.auditSchedule),
              enabledAt: command.requestedAt,
            },
          },
        ];
      }
      case 'UpdateFramework': {
        const framework = existingFramework(state, command.frameworkId);
        const auditSchedule = command.auditSchedule ?? framework.auditSchedule;
        const updated = {
          complianceLevel: command.complianceLevel === undefined ? framework.complianceLevel : validText(command.complianceLevel, 'complianceLevel', COMPLIANCE_LEVEL_MAX_LENGTH),
          requirements: command.requirements === undefined ? framework.requirements : validRequirements(framework.frameworkType, command.requirements),
          auditSchedule,
          status: command.status ?? framework.status,
          // A new schedule counts from the last audit (or from enabling, before the first audit).
          nextAudit: auditSchedule === framework.auditSchedule ? framework.nextAudit : nextAuditAfter(framework.lastAudit ?? framework.enabledAt, auditSchedule),
        };
        const unchanged =
          updated.complianceLevel === framework.complianceLevel &&
          sameList(updated.requirements, framework.requirements) &&
          updated.auditSchedule === framework.auditSchedule &&
          updated.status === framework.status;
        if (unchanged) return [];
        return [{ type: 'ComplianceFrameworkUpdated', data: { tenantId: command.tenantId, frameworkId: command.frameworkId, ...updated, updatedAt: command.requestedAt } }];
      }
      case 'RecordAudit': {
        const framework = existingFramework(state, command.frameworkId);
        // An audit "now" is never before the last one: concurrent requests may be decided in any order.
        const lastAudit = command.auditedAt === undefined ? latest(command.requestedAt, framework.lastAudit) : validPastTime(command.auditedAt, command.requestedAt, 'auditedAt');
        if (framework.lastAudit && lastAudit < framework.lastAudit) {
          throw new DomainError('BAD_USER_INPUT', `auditedAt is before the last recorded audit (${framework.lastAudit}); audits are recorded in order.`, { field: 'auditedAt' });
        }
        return [
          {
            type: 'ComplianceAuditRecorded',
            data: { tenantId: command.tenantId, frameworkId: command.frameworkId, lastAudit, nextAudit: nextAuditAfter(lastAudit, framework.auditSchedule), recordedAt: command.requestedAt },
          },
        ];
      }
      case 'UpdateProfile': {
        const profile = changedProfile(state.profile, command.changes, command.requestedAt);
        if (sameProfile(profile, state.profile)) return [];
        return [{ type: 'ComplianceProfileUpdated', data: { tenantId: command.tenantId, ...profile, updatedAt: command.requestedAt } }];
      }
      case 'RecordErasureRequest':
        // Recording the same subject twice changes nothing: the first request is already honoured.
        if (state.erasedSubjects.has(command.subjectHash)) return [];
        return [{ type: 'ErasureRequestRecorded', data: { tenantId: command.tenantId, subjectHash: command.subjectHash, requestedAt: command.requestedAt } }];
    }
  },
};

function withFramework(state: ComplianceState, frameworkId: string, framework: FrameworkState): ComplianceState {
  return { ...state, frameworks: new Map(state.frameworks).set(frameworkId, framework) };
}

function existingFramework(state: ComplianceState, frameworkId: string): FrameworkState {
  const framework = state.frameworks.get(frameworkId);
  if (!framework) throw new DomainError('NOT_FOUND', `Compliance framework ${frameworkId} does not exist in this tenant.`);
  return framework;
}

function validRequirements(frameworkType: FrameworkType, requested: readonly string[] | undefined): string[] {
  const known = requirementIds(frameworkType);
  if (requested === undefined) return known;
  const unknown = requested.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new DomainError('BAD_USER_INPUT', `${frameworkType} has no requirement ${unknown.map((id) => `"${id}"`).join(', ')}; known: ${known.join('; ')}.`, { field: 'requirements' });
  }
  if (requested.length === 0) throw new DomainError('BAD_USER_INPUT', `Enable at least one ${frameworkType} requirement, or suspend the framework.`, { field: 'requirements' });
  return known.filter((id) => requested.includes(id));
}

function changedProfile(current: ProfileSettings, changes: ProfileChanges, now: string): ProfileSettings {
  const agreement = changes.businessAssociateAgreement;
  return {
    permittedRegions: changes.permittedRegions === undefined ? current.permittedRegions : validRegions(changes.permittedRegions),
    encryptionAtRest: changes.encryptionAtRest ?? current.encryptionAtRest,
    businessAssociateAgreement:
      agreement === undefined
        ? current.businessAssociateAgreement
        : agreement && { signedBy: validText(agreement.signedBy, 'signedBy', 200), signedAt: validPastTime(agreement.signedAt, now, 'signedAt') },
    changeApprovalRequired: changes.changeApprovalRequired ?? current.changeApprovalRequired,
    guardedOperations: changes.guardedOperations === undefined ? current.guardedOperations : validOperations(changes.guardedOperations, 'guardedOperations'),
    privilegedOperations: changes.privilegedOperations === undefined ? current.privilegedOperations : validOperations(changes.privilegedOperations, 'privilegedOperations'),
  };
}

function sameProfile(a: ProfileSettings, b: ProfileSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function latest(time: string, other: string | undefined): string {
  return other !== undefined && other > time ? other : time;
}
