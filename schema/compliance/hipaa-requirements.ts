import { DATA_FIELDS, type ComplianceRequest, type Requirement } from './compliance-request';

function handlesPhi({ data }: ComplianceRequest): boolean {
  return data[DATA_FIELDS.classification] === 'PHI';
}

export const HIPAA_REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'HIPAA 164.312(a)(2)(iv) encryption',
    framework: 'HIPAA',
    evaluate(request) {
      if (!handlesPhi(request) || request.tenant.encryptionAtRest) return undefined;
      return 'Protected health information needs encryption at rest: confirm it with updateComplianceProfile(encryptionAtRest: true).';
    },
  },
  {
    id: 'HIPAA 164.308(b) BAA',
    framework: 'HIPAA',
    evaluate(request) {
      if (!handlesPhi(request) || request.tenant.businessAssociateAgreement) return undefined;
      return 'Protected health information needs a signed business associate agreement: record it with updateComplianceProfile(businessAssociateAgreement).';
    },
  },
];
