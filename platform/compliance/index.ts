export type { ComplianceCatalog, ComplianceVerdict } from './compliance-catalog';
export { complianceGuard } from './compliance-guard';
export { complianceViolation, runComplianceCheck, type ComplianceCheck } from './run-compliance-check';
