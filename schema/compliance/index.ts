export * from './compliance-request';
export { COMPLIANCE_CATALOG } from './compliance-catalog';
export { requirementIds } from './requirement-catalog';
export { erasedSubjectHash } from './subject-hash';
export { isChangeManaged, SOC2_CHANGE_APPROVAL } from './soc2-requirements';
export { requiresChangeApproval } from './compliance-facts';
