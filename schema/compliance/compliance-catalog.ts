import type { ComplianceCatalog } from '../../platform/compliance/compliance-catalog';
import { COMPLIANCE_EVENT_VERSIONS, complianceCheckStreamId, type ComplianceChecked } from '../events/compliance-events';
import type { ComplianceProfileDocument } from '../read-models/compliance';
import { loadActiveFrameworks, loadComplianceProfile, resolveComplianceRequest } from './compliance-facts';
import { DATA_FIELDS, type ComplianceResult } from './compliance-request';
import { ComplianceCheckTimeoutError, evaluateCompliance } from './evaluate-compliance';

/**
 * The compliance catalogue as platform code takes it: the hosting process puts it in every
 * subgraph's dependencies, and the guard and checkCompliance evaluate with it.
 */
export const COMPLIANCE_CATALOG: ComplianceCatalog<ComplianceProfileDocument, ComplianceResult> = {
  changeApprovalField: DATA_FIELDS.changeApprovalId,
  loadProfile: loadComplianceProfile,

  async evaluate(readStore, question, timeoutMs) {
    const [frameworks, request] = await Promise.all([loadActiveFrameworks(readStore, question.tenantId), resolveComplianceRequest(readStore, question)]);
    try {
      return { verdict: await evaluateCompliance(frameworks, request, timeoutMs) };
    } catch (error) {
      if (error instanceof ComplianceCheckTimeoutError) return { timedOut: error.message };
      throw error;
    }
  },

  verdictRecord({ tenantId, operation, actor, trigger }, verdict) {
    const data: ComplianceChecked['data'] = { tenantId, operation, ...verdict, actor, trigger };
    return { streamId: complianceCheckStreamId(tenantId), type: 'ComplianceChecked', data, schemaVersion: COMPLIANCE_EVENT_VERSIONS.ComplianceChecked };
  },
};
