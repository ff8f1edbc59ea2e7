export * from './compliance-request';
export { COMPLIANCE_CATALOG } from './compliance-catalog';
export { requirementIds } from './requirement-catalog';
export { erasedSubjectHash } from './subject-hash';
export { isChangeManaged } from './soc2-requirements';
